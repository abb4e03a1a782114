import EventLog

/// Which attributes make up an event's activity (its "event class").
///
/// pm4py's default is `concept:name`; its `concept:name+lifecycle:transition` classifier
/// joins the two values with `+` (`"Approve+complete"`). Any attribute list can be used;
/// values are joined with `+` in list order.
public enum ActivityClassifier: Sendable, Equatable, CustomStringConvertible {
    /// `concept:name` alone.
    case activity
    /// `concept:name` + `+` + `lifecycle:transition`.
    case activityAndLifecycle
    /// Any list of attributes (see ``AttributeCodes/init(_:attribute:)`` for the names).
    case attributes([String])

    /// Parses `concept:name`, `activity`, `concept:name+lifecycle:transition`,
    /// `activity+lifecycle`, or a comma-separated attribute list.
    public init(parsing text: String) {
        let trimmed = text.trimmingSpaces
        switch trimmed {
        case "", "activity", "concept:name": self = .activity
        case "activity+lifecycle", "concept:name+lifecycle:transition", "lifecycle": self = .activityAndLifecycle
        default:
            let separator: Character = trimmed.contains(",") ? "," : "+"
            let parts = trimmed.split(separator: separator).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            self = parts == ["concept:name"] ? .activity : .attributes(parts)
        }
    }

    /// The attribute names this classifier combines.
    public var attributeNames: [String] {
        switch self {
        case .activity: ["concept:name"]
        case .activityAndLifecycle: ["concept:name", "lifecycle:transition"]
        case .attributes(let names): names
        }
    }

    public var description: String { attributeNames.joined(separator: "+") }

    /// Maps every event of `log` to its class. Cost: none for `.activity` (the activity
    /// column is shared); otherwise one pass over the events with a flat lookup table
    /// (or a hash map when the value combinations are many).
    public func classes(of log: EventLog) throws(DiscoveryError) -> EventClasses {
        let names = attributeNames
        guard !names.isEmpty else { throw DiscoveryError(.invalidArgument, "the classifier names no attribute") }
        let parts = try names.map { name throws(DiscoveryError) in try AttributeCodes(log, attribute: name) }
        if parts.count == 1 { return EventClasses(codes: parts[0].codes, names: parts[0].names) }
        return EventClasses.combining(parts)
    }
}

/// Every event's class code and the name of each class.
///
/// `codes[e]` indexes `names`, or is ``StringPool/missing`` when the event has no value for
/// any attribute of the classifier. Names are unique.
public struct EventClasses: Sendable {
    public var codes: [UInt32]
    public var names: [String]

    public init(codes: [UInt32], names: [String]) {
        self.codes = codes
        self.names = names
    }

    /// Number of classes.
    public var count: Int { names.count }

    /// Combines several attributes into one class per distinct combination, named by the
    /// present values joined with `+` (missing parts are left out).
    static func combining(_ parts: [AttributeCodes]) -> EventClasses {
        let n = parts[0].codes.count
        // Mixed-radix key: value code + 1 (0 = missing) in base (cardinality + 1).
        var radices: [UInt64] = []
        var space: UInt64 = 1
        var fits = true
        for p in parts {
            let r = UInt64(p.names.count + 1)
            radices.append(r)
            let (product, overflow) = space.multipliedReportingOverflow(by: r)
            if overflow { fits = false } else { space = product }
        }
        var codes = [UInt32](repeating: StringPool.missing, count: n)
        var keys: [[UInt32]] = []
        func name(_ key: [UInt32]) -> String? {
            let present = zip(parts, key).compactMap { p, c in c == StringPool.missing ? nil : p.names[Int(c)] }
            return present.isEmpty ? nil : present.joined(separator: "+")
        }
        var byName: [String: UInt32] = [:]
        var names: [String] = []
        // Combination key → class code, first seen first.
        func classCode(_ key: [UInt32]) -> UInt32 {
            guard let text = name(key) else { return StringPool.missing }
            if let c = byName[text] { return c }
            let c = UInt32(names.count)
            byName[text] = c
            names.append(text)
            keys.append(key)
            return c
        }
        if fits && space <= 1 << 22 {
            var table = [UInt32](repeating: StringPool.missing - 1, count: Int(space))
            for e in 0..<n {
                var k: UInt64 = 0
                for (i, p) in parts.enumerated() {
                    let c = p.codes[e]
                    k = k * radices[i] + (c == StringPool.missing ? 0 : UInt64(c) + 1)
                }
                var code = table[Int(k)]
                if code == StringPool.missing - 1 {
                    code = classCode(parts.map { $0.codes[e] })
                    table[Int(k)] = code
                }
                codes[e] = code
            }
        } else {
            var table: [[UInt32]: UInt32] = [:]
            for e in 0..<n {
                let key = parts.map { $0.codes[e] }
                if let code = table[key] {
                    codes[e] = code
                } else {
                    let code = classCode(key)
                    table[key] = code
                    codes[e] = code
                }
            }
        }
        return EventClasses(codes: codes, names: names)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
