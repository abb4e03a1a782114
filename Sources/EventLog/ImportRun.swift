/// The record of one import into a workspace: where the log came from and what it yielded.
///
/// Stored in `import_runs`; every import adds a row (a re-import under the same name adds a
/// new run and the log points at it). Cheap: one row per import.
public struct ImportRun: Sendable, Equatable, Codable {
    /// Assigned by the workspace when stored; `nil` before.
    public var id: Int64?
    /// The name the log was stored under.
    public var logName: String
    /// The source file as given on the command line.
    public var sourcePath: String
    /// Size of the source file in bytes.
    public var sourceSize: Int64
    /// SHA-256 of the source file's bytes, lowercase hex.
    public var sourceSHA256: String
    /// The format it was read as (``LogFormat`` raw value).
    public var format: String
    public var cases: Int
    public var events: Int
    public var activities: Int
    /// Rows or events seen in the input, accepted or not.
    public var rowsRead: Int
    /// Rows or events rejected.
    public var rejected: Int
    /// Wall time of read + store, in seconds.
    public var durationSeconds: Double
    /// When the import finished, ISO 8601 UTC.
    public var importedAt: String

    public init(
        id: Int64? = nil, logName: String, sourcePath: String, sourceSize: Int64, sourceSHA256: String,
        format: String, cases: Int, events: Int, activities: Int, rowsRead: Int, rejected: Int,
        durationSeconds: Double, importedAt: String
    ) {
        self.id = id
        self.logName = logName
        self.sourcePath = sourcePath
        self.sourceSize = sourceSize
        self.sourceSHA256 = sourceSHA256
        self.format = format
        self.cases = cases
        self.events = events
        self.activities = activities
        self.rowsRead = rowsRead
        self.rejected = rejected
        self.durationSeconds = durationSeconds
        self.importedAt = importedAt
    }
}

/// One stored log as `switchyard logs` lists it: counts kept beside the log, so listing
/// never loads a log.
public struct StoredLogSummary: Sendable, Equatable, Codable {
    public var name: String
    public var cases: Int
    public var events: Int
    public var activities: Int
    public var resources: Int
    public var groups: Int
    /// First and last timestamp, ISO 8601 UTC (`nil` for an empty log).
    public var firstTimestamp: String?
    public var lastTimestamp: String?
    /// When the log was stored, ISO 8601 UTC.
    public var storedAt: String
    /// The import that produced it (`nil` for a log stored without one, e.g. by a test).
    public var run: ImportRun?
}
