import EventLog

/// Accuracy of a simple rule on some rows.
public struct BaselineResult: Codable, Sendable, Equatable {
    public var name: String
    public var accuracy: Double
    /// Rows the rule could be scored on (those with a true owner, and for legacy a first owner).
    public var rows: Int
}

/// "Send each category to the owner that most often resolved it": learned from training rows,
/// stored in the model file so any later evaluation can compare against the same rule.
public struct MajorityRule: Codable, Sendable, Equatable {
    /// The category column, e.g. `exception_type`.
    public var column: String
    /// Category → most frequent resolving owner (ties → alphabetically first owner).
    public var owners: [String: String]
    /// Owner for a category never seen in training: the overall most frequent.
    public var fallback: String

    /// Learns the rule from `input` (its label column). Cost: one pass.
    public static func fit(_ input: FeatureInput, column: String) -> MajorityRule? {
        guard let label = input.label, let category = input.categoricalColumn(column) else { return nil }
        var counts: [String: [String: Int]] = [:]
        var overall: [String: Int] = [:]
        var pairCounts: [UInt64: Int] = [:]
        for r in 0..<input.rowCount where label.codes[r] != StringPool.missing {
            let key = UInt64(category.codes[r]) << 32 | UInt64(label.codes[r])
            pairCounts[key, default: 0] += 1
        }
        for (key, n) in pairCounts {
            let cat = category.pool.optionalString(UInt32(truncatingIfNeeded: key >> 32)) ?? ""
            let owner = label.pool.string(UInt32(truncatingIfNeeded: key))
            counts[cat, default: [:]][owner, default: 0] += n
            overall[owner, default: 0] += n
        }
        guard let fallback = best(overall) else { return nil }
        return MajorityRule(column: column, owners: counts.compactMapValues(best), fallback: fallback)
    }

    private static func best(_ counts: [String: Int]) -> String? {
        counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// The rule's owner for a category (`nil`/missing category → fallback).
    public func owner(for category: String?) -> String { owners[category ?? ""] ?? fallback }
}

/// Baselines the model is compared with.
public enum Baselines {
    /// How often the legacy first assignment equals the true owner, over rows with both.
    public static func legacy(_ input: FeatureInput) -> BaselineResult? {
        guard let label = input.label, let legacy = input.legacy else { return nil }
        let map = (0..<legacy.pool.count).map { label.pool.code(of: legacy.pool.string(UInt32($0))) }
        var rows = 0, hits = 0
        for r in 0..<input.rowCount where label.codes[r] != StringPool.missing && legacy.codes[r] != StringPool.missing {
            rows += 1
            if map[Int(legacy.codes[r])] == label.codes[r] { hits += 1 }
        }
        return BaselineResult(name: "legacy first assignment", accuracy: rows > 0 ? Double(hits) / Double(rows) : 0, rows: rows)
    }

    /// Accuracy of `rule` on the rows of `input` that have a true owner.
    public static func majority(_ rule: MajorityRule, on input: FeatureInput) -> BaselineResult? {
        guard let label = input.label else { return nil }
        let category = input.categoricalColumn(rule.column)
        var cache: [UInt32: UInt32?] = [:]
        var rows = 0, hits = 0
        for r in 0..<input.rowCount where label.codes[r] != StringPool.missing {
            rows += 1
            let code = category?.codes[r] ?? StringPool.missing
            let predicted: UInt32?
            if let hit = cache[code] {
                predicted = hit
            } else {
                predicted = label.pool.code(of: rule.owner(for: category?.pool.optionalString(code)))
                cache[code] = predicted
            }
            if predicted == label.codes[r] { hits += 1 }
        }
        return BaselineResult(
            name: "majority owner per \(rule.column)", accuracy: rows > 0 ? Double(hits) / Double(rows) : 0, rows: rows)
    }
}
