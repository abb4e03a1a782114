import EventLog

/// Parsing of dial values given as text (command-line flags), with errors that name the dial.
extension GeneratorConfiguration {
    /// Weights as `name=w,name=w` (names from `names`; unnamed entries keep `defaults`) or as
    /// a plain list `w,w,…` of exactly `names.count` numbers.
    public static func parseWeights(
        _ text: String, dial: String, names: [String], defaults: [Double]
    ) throws(GeneratorError) -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " ")
        }
        let expected = "\(names.count) numbers, or name=weight pairs with names from: " + names.joined(separator: ", ")
        if parts.allSatisfy({ !$0.contains("=") }) {
            let values = parts.compactMap { Double($0) }
            guard values.count == names.count, parts.count == names.count else {
                throw .dial(dial, expected, found: text)
            }
            return values
        }
        var out = defaults
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " ") }
            guard pair.count == 2, let i = names.firstIndex(of: pair[0]), let w = Double(pair[1]) else {
                throw .dial(dial, expected, found: part)
            }
            out[i] = w
        }
        return out
    }

    /// A date `YYYY-MM-DD` (midnight UTC) or an ISO 8601 instant, as seconds since the epoch UTC.
    public static func parseDate(_ text: String, dial: String) throws(GeneratorError) -> Int64 {
        guard let parsed = ISO8601Parser.parse(text) else {
            throw .dial(dial, "a date like 2025-01-06 or 2025-01-06T09:00:00+01:00", found: text)
        }
        return WorkingClock.floorDiv(parsed.micros, Timestamp.microsPerSecond)
    }

    /// Working hours as `START-END`, e.g. `8-18`.
    public static func parseHours(_ text: String) throws(GeneratorError) -> (Int, Int) {
        let parts = text.split(separator: "-").map { Int($0.trimmingCharacters(in: " ")) }
        guard parts.count == 2, let a = parts[0], let b = parts[1] else {
            throw .dial("--work-hours", "START-END in whole hours, like 8-18", found: text)
        }
        return (a, b)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = self[...]
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
