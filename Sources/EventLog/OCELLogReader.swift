/// Reads OCEL 2.0 logs flattened on one object type. (Being written: see issue 2.)
public enum OCELLogReader {
    public static func read(_ path: String, format: LogFormat, options: ImportOptions) throws(ImportError) -> ImportResult {
        throw ImportError(.unsupported, file: path, reason: "OCEL reading is not built yet")
    }
}
