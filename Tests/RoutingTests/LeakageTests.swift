import EventLog
import Testing
@testable import Routing

/// Features may use only what was known when an exception was detected.
@Suite struct LeakageTests {
    func encoded(_ input: FeatureInput, _ spec: FeatureSpec) throws -> [String: [Float]] {
        let rows = try FeatureEncoder(spec: spec).encode(input)
        var out: [String: [Float]] = [:]
        for r in 0..<input.rowCount { out[input.ids[r]] = rows.dense(row: r) }
        return out
    }

    /// Changing, adding or moving later exceptions leaves every earlier exception's features
    /// as they were (history counts included), and so its prediction.
    @Test func laterExceptionsDoNotChangeEarlierFeatures() throws {
        let base = SyntheticRoutingData(rows: 3000, seed: 41).input.sortedByTime()
        let spec = try FeatureSpec.fit(
            base, config: FeatureConfig(hashed: ["customer_id"], hashBits: 6, historyKeys: ["customer_id"]))
        let cut = base.detectedAt[1500]
        let early = base.ids.indices.filter { base.detectedAt[$0] < cut }.map { base.ids[$0] }

        // Later rows: every attribute and label changed, all moved to one customer, times shuffled
        // within the later period, and a copy of each appended.
        var later = base
        var customer = CategoricalColumn(name: "customer_id")
        var label = CategoricalColumn(name: "resolving_owner")
        let baseCustomer = try #require(base.categoricalColumn("customer_id"))
        for r in 0..<base.rowCount {
            customer.append(base.detectedAt[r] < cut ? baseCustomer.value(at: r) : baseCustomer.value(at: 0))
            label.append(base.detectedAt[r] < cut ? base.label?.value(at: r) : "compliance")
        }
        later.categorical = later.categorical.map { $0.name == "customer_id" ? customer : $0 }
        later.label = label
        for r in 0..<base.rowCount where base.detectedAt[r] >= cut {
            later.detectedAt[r] = cut + (base.detectedAt[r] - cut) / 2
        }
        let extra = later.rows(Array(1500..<3000))
        later = concatenate(later, extra, idPrefix: "copy-")

        let a = try encoded(base, spec), b = try encoded(later, spec)
        let changed = early.filter { a[$0] == nil || a[$0] != b[$0] }
        #expect(early.count == 1500)
        #expect(changed.isEmpty, "features of \(changed.count) earlier exceptions changed, e.g. \(changed.prefix(3))")
        // And a later row does see the earlier ones (the counts are live, not constant zero).
        let historyOffset = spec.history[0].offset
        #expect(Set(early.compactMap { a[$0]?[historyOffset] }).count > 3)
    }

    /// The label and the legacy owner never enter the features.
    @Test func ownersDoNotEnterTheFeatures() throws {
        let base = SyntheticRoutingData(rows: 500, seed: 42).input
        let spec = try FeatureSpec.fit(base)
        var changed = base
        changed.label = CategoricalColumn(name: "resolving_owner", values: base.ids.map { _ in "tax" })
        changed.legacy = nil
        #expect(try FeatureEncoder(spec: spec).encode(base) == FeatureEncoder(spec: spec).encode(changed))
        #expect(!spec.inputColumns.contains("resolving_owner") && !spec.inputColumns.contains("first_owner"))
    }

    func concatenate(_ a: FeatureInput, _ b: FeatureInput, idPrefix: String) -> FeatureInput {
        func cat(_ x: CategoricalColumn, _ y: CategoricalColumn) -> CategoricalColumn {
            CategoricalColumn(name: x.name, values: (0..<x.count).map { x.value(at: $0) } + (0..<y.count).map { y.value(at: $0) })
        }
        return FeatureInput(
            ids: a.ids + b.ids.map { idPrefix + $0 }, detectedAt: a.detectedAt + b.detectedAt,
            categorical: zip(a.categorical, b.categorical).map { cat($0, $1) },
            numeric: zip(a.numeric, b.numeric).map { NumericColumn(name: $0.name, values: $0.values + $1.values) },
            label: a.label.flatMap { x in b.label.map { cat(x, $0) } }, legacy: nil, categoryColumn: a.categoryColumn)
    }
}
