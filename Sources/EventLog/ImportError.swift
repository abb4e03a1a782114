/// Why a file could not be read, said so that a user can act on it.
///
/// Carries the file, and where known the line (1-based), the column, what was expected
/// and what was found. ``description`` renders `file:line: column 'c': reason (expected …, found …)`.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure, for callers that branch on it.
    public enum Kind: String, Sendable {
        case fileNotFound, unreadable, unknownFormat, emptyInput, missingColumn, malformedRow
        case invalidTimestamp, invalidValue, invalidEncoding, malformedXML, refusedDeclaration
        case truncated, tooLarge, unsupported
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: String?
    public var expected: String?
    public var found: String?
    public var reason: String

    public init(
        _ kind: Kind, file: String, line: Int? = nil, column: String? = nil, expected: String? = nil,
        found: String? = nil, reason: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
        self.reason = reason
    }

    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        out += ": "
        if let column { out += "column '\(column)': " }
        out += reason
        var detail: [String] = []
        if let expected { detail.append("expected \(expected)") }
        if let found { detail.append("found '\(found.count > 80 ? String(found.prefix(77)) + "..." : found)'") }
        if !detail.isEmpty { out += " (" + detail.joined(separator: ", ") + ")" }
        return out
    }
}

/// A row (or event) that was not imported, with where it came from and why.
public struct RejectedRow: Sendable, Equatable {
    /// 1-based line of the row's start in the source file.
    public var line: Int
    /// The raw text of the row (or element) as read.
    public var raw: String
    /// Column that failed, when one did.
    public var column: String?
    /// Why it was rejected.
    public var reason: String

    public init(line: Int, raw: String, column: String? = nil, reason: String) {
        self.line = line
        self.raw = raw
        self.column = column
        self.reason = reason
    }
}

/// What a reader returns: the log, and the account of every input row.
public struct ImportResult: Sendable {
    public var log: EventLog
    /// Rows or events rejected, in input order.
    public var rejected: [RejectedRow]
    /// Rows or events seen in the input (accepted + rejected).
    public var rowsRead: Int
    /// Warnings that lose nothing (e.g. a timezone assumed for naive times).
    public var warnings: [String]
    /// Wall time of each stage of the read, in order (empty when the reader does not say).
    public var phases: [ImportPhaseTiming] = []

    public init(log: EventLog, rejected: [RejectedRow] = [], rowsRead: Int, warnings: [String] = []) {
        self.log = log
        self.rejected = rejected
        self.rowsRead = rowsRead
        self.warnings = warnings
    }
}
