import EventLog
import Lifecycle
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

/// The same guarantee from an event log through lifecycle reconstruction: later events of a
/// case (and later cases) change its owner, never its features.
@Suite struct LogLeakageTests {
    static let header = "case_id,activity,timestamp,resource,team,exception_type,region,order_value\n"
    static let early = """
        A,Exception Detected,2025-01-06T09:00:00Z,system:erp,,credit_hold,UK,100
        A,Assigned,2025-01-06T10:00:00Z,Ann,credit,credit_hold,UK,100

        """

    func features(_ csv: String) throws -> (input: FeatureInput, rows: EncodedRows) {
        let dir = try RoutingFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("log.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let log = try EventLogImporter.read(path, options: ImportOptions(), progress: nil).log
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        let input = FeatureInput(exceptionTable: table)
        let spec = FeatureSpec(
            categorical: [.oneHot("exception_type", values: ["credit_hold"]), .oneHot("region", values: ["APAC", "UK"])],
            numeric: [NumericFeature(name: "order_value", logTransform: true, mean: 0, std: 1)],
            calendar: CalendarFeatures(), history: [], timeColumn: "detected_at")
        return (input, try FeatureEncoder(spec: spec).encode(input))
    }

    @Test func laterEventsChangeTheOwnerButNotTheFeatures() throws {
        let resolvedByCredit = Self.header + Self.early + """
            A,Resolved,2025-01-06T12:00:00Z,Ann,credit,credit_hold,UK,100
            A,Closed,2025-01-06T13:00:00Z,system:erp,,credit_hold,UK,100
            """
        // After detection the region and the order value change, the case moves and is resolved
        // elsewhere, and a later case arrives.
        let movedLater = Self.header + Self.early + """
            A,Reassigned,2025-01-07T10:00:00Z,Bo,customer_service,credit_hold,APAC,9000
            A,Resolved,2025-01-08T10:00:00Z,Bo,customer_service,credit_hold,APAC,9000
            A,Closed,2025-01-08T11:00:00Z,system:erp,,credit_hold,APAC,9000
            B,Exception Detected,2025-01-09T09:00:00Z,system:erp,,credit_hold,APAC,50
            B,Assigned,2025-01-09T09:30:00Z,Ann,credit,credit_hold,APAC,50
            """
        let a = try features(resolvedByCredit), b = try features(movedLater)
        #expect(a.input.label?.value(at: 0) == "credit")
        #expect(b.input.label?.value(at: 0) == "customer_service")
        #expect(b.input.label?.value(at: 1) == nil)  // B is still open: no label
        #expect(b.input.categoricalColumn("region")?.value(at: 0) == "UK")  // the value known at detection
        #expect(b.input.numericColumn("order_value")?.values[0] == 100)
        #expect(a.input.detectedAt[0] == b.input.detectedAt[0])
        #expect(a.rows.dense(row: 0) == b.rows.dense(row: 0))
    }
}
