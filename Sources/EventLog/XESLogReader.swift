/// Reads XES and XES.gz event logs. (Being written: see issue 2.)
public enum XESLogReader {
    public static func read(_ path: String, options: ImportOptions, progress: ImportProgress?) throws(ImportError) -> ImportResult {
        throw ImportError(.unsupported, file: path, reason: "XES reading is not built yet")
    }
}
