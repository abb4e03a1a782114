/// Reads CSV event logs. (Being written: see issue 2.)
public enum CSVLogReader {
    public static func read(_ path: String, options: ImportOptions, progress: ImportProgress?) throws(ImportError) -> ImportResult {
        throw ImportError(.unsupported, file: path, reason: "CSV reading is not built yet")
    }
}
