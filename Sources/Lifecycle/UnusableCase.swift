/// A case of the log that could not become an exception row, and why.
///
/// Reconstruction never drops a case silently: every case is a row of the
/// ``ExceptionTable`` or one of these, counted in the summary.
public struct UnusableCase: Sendable, Equatable, Codable {
    /// Why a case is unusable.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The case has no events.
        case noEvents = "no-events"
        /// No event carries an owner value (missing, or only non-owner values such as `dispatch`).
        case noOwner = "no-owner"
    }

    /// Index of the case in the log.
    public var caseIndex: Int
    /// The case id.
    public var caseID: String
    public var reason: Reason
    /// A sentence for people, e.g. `no event has an owner in 'team' (values seen: dispatch)`.
    public var detail: String

    public init(caseIndex: Int, caseID: String, reason: Reason, detail: String) {
        self.caseIndex = caseIndex
        self.caseID = caseID
        self.reason = reason
        self.detail = detail
    }
}

/// Where an exception stands at the end of the log.
public enum ExceptionStatus: UInt8, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Never resolved, or reopened and not resolved again.
    case open
    /// Resolved and not closed.
    case resolved
    /// Closed (a closure without an earlier resolution also counts as the resolution).
    case closed
    /// Cancelled (and not reopened afterwards).
    case cancelled

    public var description: String {
        switch self {
        case .open: "open"
        case .resolved: "resolved"
        case .closed: "closed"
        case .cancelled: "cancelled"
        }
    }
}

/// An error that stops reconstruction of a whole log, said so a user can act on it.
public struct LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }

    /// The profile's owner attribute does not exist (or has no values) in the log.
    static func ownerNotFound(_ names: [String], profile: String, available: [String]) -> LifecycleError {
        let tried = names.map { "'\($0)'" }.joined(separator: ", ")
        let what =
            names.count == 1
            ? "owner attribute \(tried) of profile '\(profile)' is not in the log (or has no values)"
            : "none of the owner attributes \(tried) of profile '\(profile)' is in the log with values"
        return LifecycleError(
            what + "; "
                + "attributes found: " + available.joined(separator: ", ")
                + ". Choose one with a profile's 'owner' field or --owner.")
    }
}
