/// Input formats Switchyard reads.
public enum LogFormat: String, Sendable, CaseIterable {
    case csv, xes, xesGz = "xes.gz", ocelJSON = "jsonocel", ocelSQLite = "sqlite", ocelXML = "xmlocel"

    /// The format implied by a file name (`.csv`, `.tsv`, `.xes`, `.xes.gz`, `.jsonocel`,
    /// `.json`, `.sqlite`, `.db`, `.xmlocel`), or `nil`.
    public static func infer(fromPath path: String) -> LogFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".xes.gz") { return .xesGz }
        if lower.hasSuffix(".xes") { return .xes }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return .csv }
        if lower.hasSuffix(".jsonocel") || lower.hasSuffix(".json") { return .ocelJSON }
        if lower.hasSuffix(".sqlite") || lower.hasSuffix(".sqlite3") || lower.hasSuffix(".db") { return .ocelSQLite }
        if lower.hasSuffix(".xmlocel") { return .ocelXML }
        return nil
    }
}

/// How timestamps without their own offset, and non-ISO forms, are read.
public enum TimestampFormat: String, Sendable, CaseIterable {
    /// ISO 8601 (`T` or space, fraction, `Z`/`±hh:mm`), the default.
    case iso8601 = "iso8601"
    /// `dd/MM/yyyy[ HH:mm[:ss]]` (also `.` or `-` as date separator).
    case dayFirst = "day-first"
    /// `MM/dd/yyyy[ HH:mm[:ss]]`.
    case monthFirst = "month-first"
    /// Seconds since the epoch (fractions allowed).
    case epochSeconds = "epoch-s"
    /// Milliseconds since the epoch.
    case epochMilliseconds = "epoch-ms"
}

/// Options for every reader. Unset column names fall back to the defaults each reader
/// recognises (pm4py names, then plain names).
public struct ImportOptions: Sendable {
    public var format: LogFormat?
    public var name: String?
    public var caseColumn: String?
    public var activityColumn: String?
    public var timestampColumn: String?
    public var resourceColumn: String?
    public var groupColumn: String?
    public var lifecycleColumn: String?
    public var timestampFormat: TimestampFormat = .iso8601
    /// Zone for naive times: `UTC`, a fixed offset `+02:00`, or an IANA name `Europe/Rome`.
    public var timezone: String = "UTC"
    /// CSV delimiter; `nil` detects among `,` `;` tab `|`.
    public var delimiter: UInt8?
    /// Stop at the first bad row instead of rejecting it.
    public var strict = false
    /// OCEL: the object type to flatten on.
    public var objectType: String?
    /// Refuse a compressed input that inflates past this many times its size.
    public var maxInflateRatio = 1000
    /// Threads a reader may use (1 = single-threaded).
    public var threads = 2

    public init() {}
}

/// Progress callback: bytes consumed so far, total bytes (0 if unknown), events so far.
public typealias ImportProgress = @Sendable (_ bytesRead: Int, _ totalBytes: Int, _ events: Int) -> Void
