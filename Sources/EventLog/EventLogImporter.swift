import Foundation

/// Reads any supported file into an ``EventLog``, choosing the reader from the file name
/// unless ``ImportOptions/format`` says otherwise.
public enum EventLogImporter {
    /// Reads `path`. Throws ``ImportError`` for a file that cannot be read at all; rows that
    /// fail are returned in ``ImportResult/rejected`` (or thrown with `strict`).
    public static func read(
        _ path: String, options: ImportOptions = ImportOptions(), progress: ImportProgress? = nil
    ) throws(ImportError) -> ImportResult {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportError(.fileNotFound, file: path, reason: "no such file")
        }
        guard let format = options.format ?? LogFormat.infer(fromPath: path) else {
            throw ImportError(
                .unknownFormat, file: path,
                expected: "a name ending in .csv, .xes, .xes.gz, .jsonocel, .sqlite or .xmlocel, or --format",
                reason: "cannot tell the format from the file name")
        }
        var result: ImportResult
        switch format {
        case .csv: result = try CSVLogReader.read(path, options: options, progress: progress)
        case .xes, .xesGz: result = try XESLogReader.read(path, options: options, progress: progress)
        case .ocelJSON, .ocelSQLite, .ocelXML:
            result = try OCELLogReader.read(path, format: format, options: options)
        }
        if result.log.name.isEmpty { result.log.name = options.name ?? defaultName(for: path) }
        result.log.dropPoolHashes()
        return result
    }

    /// The file's stem without known extensions: `logs/receipt.xes.gz` → `receipt`.
    public static func defaultName(for path: String) -> String {
        var base = (path as NSString).lastPathComponent
        for ext in [".gz", ".xes", ".csv", ".tsv", ".txt", ".jsonocel", ".json", ".sqlite", ".sqlite3", ".db", ".xmlocel"]
        where base.lowercased().hasSuffix(ext) {
            base = String(base.dropLast(ext.count))
        }
        return base
    }
}
