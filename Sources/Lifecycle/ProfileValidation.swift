import EventLog

/// A profile that cannot be used, with every problem found: each names the field and what
/// was expected, e.g. `field 'sla.by_category.credit_hold': expected hours > 0, found -4`.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem with one field.
    public struct Problem: Sendable, Equatable {
        /// Dotted path of the field, e.g. `roles.resolved[1]`.
        public var field: String
        /// What was expected and what was found.
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// Where the profile came from (a file path or `preset NAME`).
    public var source: String
    public var problems: [Problem]

    public init(source: String, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }

    public var description: String {
        let lines = problems.map { "field '\($0.field)': \($0.message)" }
        if lines.count == 1 { return "profile \(source): \(lines[0])" }
        return "profile \(source): \(lines.count) problems\n  " + lines.joined(separator: "\n  ")
    }
}

extension LifecycleProfile {
    /// Every problem with this profile; empty when it can be used. Cost: proportional to its size.
    public func problems() -> [ProfileError.Problem] {
        var out: [ProfileError.Problem] = []
        func bad(_ field: String, _ message: String) { out.append(.init(field: field, message: message)) }
        func blank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

        if blank(name) { bad("name", "expected a non-empty name") }
        if blank(owner) {
            bad("owner", "expected the attribute naming the owner, e.g. org:group, team or org:resource")
        }
        for (i, v) in ownerFallbacks.enumerated() where blank(v) {
            bad("owner_fallbacks[\(i)]", "expected an attribute name, found an empty one")
        }
        for (i, v) in nonOwners.enumerated() where blank(v) {
            bad("non_owners[\(i)]", "expected a non-empty owner value")
        }
        for role in LifecycleRole.allCases {
            for (i, m) in matchers(role).enumerated() {
                let a = m.activity.map(blank) ?? true
                let t = m.transition.map(blank) ?? true
                if a && t {
                    bad("roles.\(role.rawValue)[\(i)]", "expected an activity name and/or a transition, found neither")
                }
            }
        }
        if matchers(.resolved).isEmpty && matchers(.closed).isEmpty {
            bad(
                "roles.resolved",
                "expected at least one activity or transition for resolved or closed (without one every case stays open)")
        }
        let named: [(String, String?)] = [
            ("category", category), ("order_value", orderValue), ("customer", customer), ("order", order), ("tier", tier),
        ]
        for (field, value) in named {
            if let value, blank(value) { bad(field, "expected an attribute name or no field at all, found an empty name") }
        }
        var seen = Set<String>()
        for (i, d) in dimensions.enumerated() {
            if blank(d) { bad("dimensions[\(i)]", "expected an attribute name, found an empty one") }
            if !seen.insert(d).inserted { bad("dimensions[\(i)]", "expected distinct names, found '\(d)' twice") }
        }
        out += slaProblems()
        if recurrenceWindowDays < 1 || recurrenceWindowDays > 3650 {
            bad("recurrence_window_days", "expected whole days between 1 and 3650, found \(recurrenceWindowDays)")
        }
        if let cal = businessCalendar { out += cal.problems() }
        return out
    }

    /// Throws a ``ProfileError`` listing every problem, or returns when the profile is usable.
    public func validate(source: String? = nil) throws(ProfileError) {
        let found = problems()
        if !found.isEmpty { throw ProfileError(source: source ?? "'\(name)'", problems: found) }
    }

    private func slaProblems() -> [ProfileError.Problem] {
        var out: [ProfileError.Problem] = []
        func check(_ field: String, _ hours: Double) {
            if !(hours.isFinite && hours > 0) {
                out.append(.init(field: field, message: "expected hours > 0, found \(AttributeValue.format(hours))"))
            }
        }
        if let d = sla.defaultHours { check("sla.default_hours", d) }
        for (k, v) in sla.byCategory.sorted(by: { $0.key < $1.key }) { check("sla.by_category.\(k)", v) }
        for (k, v) in sla.byTier.sorted(by: { $0.key < $1.key }) { check("sla.by_tier.\(k)", v) }
        for (k, inner) in sla.byCategoryAndTier.sorted(by: { $0.key < $1.key }) {
            for (t, v) in inner.sorted(by: { $0.key < $1.key }) { check("sla.by_category_and_tier.\(k).\(t)", v) }
        }
        return out
    }
}

extension BusinessCalendar {
    /// Problems with the calendar, with fields under `business_calendar`.
    func problems() -> [ProfileError.Problem] {
        var out: [ProfileError.Problem] = []
        func bad(_ field: String, _ message: String) {
            out.append(.init(field: "business_calendar." + field, message: message))
        }
        if NaiveTimeZone(timezone) == nil {
            bad("timezone", "expected UTC, an offset like +01:00 or an IANA name like Europe/Rome, found '\(timezone)'")
        }
        if days.isEmpty { bad("days", "expected at least one working day (mon … sun)") }
        for (i, d) in days.enumerated() where !BusinessCalendar.weekdayNames.contains(d.lowercased()) {
            bad("days[\(i)]", "expected one of mon, tue, wed, thu, fri, sat, sun, found '\(d)'")
        }
        if startHour < 0 || startHour > 23 { bad("start_hour", "expected an hour from 0 to 23, found \(startHour)") }
        if endHour < 1 || endHour > 24 { bad("end_hour", "expected an hour from 1 to 24, found \(endHour)") }
        if startHour >= endHour { bad("end_hour", "expected an hour after start_hour (\(startHour)), found \(endHour)") }
        for (i, h) in holidays.enumerated() where BusinessCalendar.parseDate(h) == nil {
            bad("holidays[\(i)]", "expected a date YYYY-MM-DD, found '\(h)'")
        }
        return out
    }

    /// Days since 1970-01-01 for `YYYY-MM-DD`, or `nil`.
    static func parseDate(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            Timestamp.micros(year: y, month: m, day: d) != nil
        else { return nil }
        return Timestamp.daysFromCivil(year: y, month: m, day: d)
    }
}

import Foundation
