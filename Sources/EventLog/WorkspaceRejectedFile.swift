import Foundation

/// The `<name>.rejected.csv` file written beside a workspace when an import rejects rows:
/// columns `line,column,reason,raw`, RFC 4180 quoting, UTF-8, one row per rejected row.
public enum RejectedRowsFile {
    /// `<folder of the workspace>/<name>.rejected.csv`, with characters that cannot be in a
    /// file name (`/`, `\`, `:`, a leading `.`) replaced by `_`.
    public static func path(forLog name: String, workspace: String) -> String {
        var safe = String(name.map { "/\\:".contains($0) ? "_" : $0 })
        if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        let folder = (workspace as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/" + safe + ".rejected.csv"
    }

    /// The file's text.
    public static func csv(_ rows: [RejectedRow]) -> String {
        var out = "line,column,reason,raw\r\n"
        for row in rows {
            out += [String(row.line), row.column ?? "", row.reason, row.raw].map(quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Writes `rows` to `path` through a temporary file and a rename, so a reader never
    /// sees half a file.
    public static func write(_ rows: [RejectedRow], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        do {
            try Data(csv(rows).utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ImportError(.unreadable, file: path, reason: "cannot write the rejected rows file: \(error.localizedDescription)")
        }
    }

    /// RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
