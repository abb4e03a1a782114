/// Why a workspace operation failed, said so that a user can act on it.
///
/// ``description`` is the whole message: it names the workspace file and, for an unknown
/// log, lists the logs that are there.
public struct WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure, for callers that branch on it.
    public enum Kind: String, Sendable {
        /// The file does not exist (and was not to be created) or SQLite cannot open it.
        case cannotOpen
        /// The file is an SQLite database (or not even that) without the workspace tables.
        case notAWorkspace
        /// The file was written by a newer Switchyard whose schema this build does not know.
        case newerSchema
        /// No log of that name is stored.
        case unknownLog
        /// A log name that cannot be stored (empty, too long, control characters).
        case invalidName
        /// The stored bytes of a log do not add up (a damaged or hand-edited file).
        case corrupt
        /// SQLite refused a read or write (disk full, locked, I/O error).
        case storage
    }

    public var kind: Kind
    /// The workspace file.
    public var path: String
    /// The log concerned, if any.
    public var logName: String?
    /// For ``Kind/unknownLog``: the names that are stored, sorted.
    public var availableLogs: [String]
    /// What went wrong, without the path (``description`` adds it).
    public var reason: String

    public init(_ kind: Kind, path: String, logName: String? = nil, availableLogs: [String] = [], reason: String) {
        self.kind = kind
        self.path = path
        self.logName = logName
        self.availableLogs = availableLogs
        self.reason = reason
    }

    /// An unknown log name, listing what is there.
    static func unknownLog(_ name: String, path: String, available: [String]) -> WorkspaceError {
        let reason: String
        if available.isEmpty {
            reason = "no log named '\(name)': the workspace holds no logs yet (import one with `switchyard import FILE`)"
        } else {
            reason = "no log named '\(name)'; logs available: " + available.joined(separator: ", ")
        }
        return WorkspaceError(.unknownLog, path: path, logName: name, availableLogs: available, reason: reason)
    }

    /// A SQLite failure while doing `action`.
    static func storage(_ error: SQLiteError, path: String, action: String) -> WorkspaceError {
        WorkspaceError(.storage, path: path, reason: "\(action) failed: \(error.message) (SQLite code \(error.code))")
    }

    public var description: String { "workspace \(path): \(reason)" }
}
