/// What an event means in the life of an exception.
///
/// A profile maps activity names and/or `lifecycle:transition` values to roles; one event
/// may carry several roles (every matcher that matches adds its role). Each role is one bit
/// (``bit``) so the per-event lookup is one table read and one `OR`.
public enum LifecycleRole: String, Sendable, CaseIterable, Codable, Hashable {
    case detected
    case assigned
    case reassigned
    case workStarted = "work_started"
    case escalated
    case infoRequested = "info_requested"
    case infoReceived = "info_received"
    case resolved
    case reopened
    case closed
    case cancelled

    /// The bit of this role in a role mask: `1 << position in allCases`.
    @inlinable
    public var bit: UInt16 {
        switch self {
        case .detected: 1 << 0
        case .assigned: 1 << 1
        case .reassigned: 1 << 2
        case .workStarted: 1 << 3
        case .escalated: 1 << 4
        case .infoRequested: 1 << 5
        case .infoReceived: 1 << 6
        case .resolved: 1 << 7
        case .reopened: 1 << 8
        case .closed: 1 << 9
        case .cancelled: 1 << 10
        }
    }
}

/// One way an event is recognised: by activity name, by lifecycle transition, or by both.
///
/// Matching is case-insensitive and ignores surrounding white space. In a profile file a
/// plain string is an activity (`"Resolved"`); an object names either or both fields
/// (`{"transition": "Resolved"}`, `{"activity": "Completed", "transition": "Resolved"}`).
public struct RoleMatcher: Sendable, Equatable, Hashable, Codable {
    /// Activity (`concept:name`) to match, or `nil` for any activity.
    public var activity: String?
    /// Lifecycle transition to match, or `nil` for any transition.
    public var transition: String?

    public init(activity: String? = nil, transition: String? = nil) {
        self.activity = activity
        self.transition = transition
    }

    /// An activity matcher.
    public static func activity(_ name: String) -> RoleMatcher { RoleMatcher(activity: name) }
    /// A lifecycle-transition matcher.
    public static func transition(_ name: String) -> RoleMatcher { RoleMatcher(transition: name) }
    /// A matcher on the pair.
    public static func pair(_ activity: String, _ transition: String) -> RoleMatcher {
        RoleMatcher(activity: activity, transition: transition)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case activity, transition }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            activity = text
            transition = nil
            return
        }
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        activity = try c.decodeIfPresent(String.self, forKey: .activity)
        transition = try c.decodeIfPresent(String.self, forKey: .transition)
    }

    public func encode(to encoder: Encoder) throws {
        if let activity, transition == nil {
            var single = encoder.singleValueContainer()
            try single.encode(activity)
            return
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(activity, forKey: .activity)
        try c.encodeIfPresent(transition, forKey: .transition)
    }

    /// The form used for matching: trimmed and lower-cased.
    static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

import Foundation
