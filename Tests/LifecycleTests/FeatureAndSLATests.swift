import EventLog
import Testing

@testable import Lifecycle

/// Attributes known at detection, descriptive attribute values, order value and SLA.
@Suite struct FeatureAndSLATests {
    @Test func caseAttributesAreKnownAtDetectionEventAttributesOnlyWhenSeenByThen() throws {
        let log = LogFixtures.log(
            [
                E("F", "Exception Detected", 0, extra: ["region": .string("UK")]),
                E("F", "Assigned", 10, "credit", extra: ["channel": .string("EDI"), "order_value": .float(250.5)]),
                E("F", "Reassigned", 20, "tax", extra: ["region": .string("EU-Central")]),
                E("F", "Resolved", 30, "tax"),
            ],
            caseAttributes: [
                "F": [
                    "exception_type": .string("credit_hold"), "customer_id": .string("C-1"),
                    "order_id": .string("SO-9"), "customer_tier": .string("strategic"), "sku_family": .int(7),
                ]
            ])
        let t = try Reconstruction.reconstruct(log, profile: Presets.orders)
        let x = t.record(0)
        #expect(x.attributes == [
            "exception_type": "credit_hold", "customer_id": "C-1", "order_id": "SO-9", "customer_tier": "strategic",
            "region": "UK", "channel": "EDI", "sku_family": "7",
        ])
        #expect(x.attributesAtDetection == [
            "exception_type": "credit_hold", "customer_id": "C-1", "order_id": "SO-9", "customer_tier": "strategic",
            "region": "UK", "sku_family": "7",
        ])
        #expect(x.orderValue == 250.5 && x.orderValueAtDetection == nil)
        #expect(t.attribute(.category)?.isCaseLevel == true)
        #expect(t.attribute(.dimension)?.isCaseLevel == false)
        // credit_hold (72 h) for a strategic customer (48 h): the stricter applies.
        #expect(x.slaTargetHours == 48)
        #expect(!x.slaBreached)
        #expect(t.warnings.isEmpty)
    }

    @Test func absentAttributesWarnAndStayEmpty() throws {
        let log = LogFixtures.log([E("A", "Assigned", 0, "credit"), E("A", "Resolved", 6000, "credit")])
        let t = try Reconstruction.reconstruct(log, profile: Presets.orders)
        #expect(t.warnings.count == 8)
        #expect(t.warnings.first == "attribute 'exception_type' (category) is not in the log; its column stays empty")
        #expect(t.warnings.last == "attribute 'order_value' (order value) is not in the log; its column stays empty")
        let x = t.record(0)
        #expect(x.attributes.isEmpty && x.orderValue == nil)
        // No category or tier: the default 96 h applies and 100 h breaches it.
        #expect(x.slaTargetHours == 96 && x.slaBreached)
    }

    @Test func noSLAWhenTheProfileHasNone() throws {
        var p = Presets.orders
        p.sla = SLAPolicy()
        let log = LogFixtures.log([E("A", "Assigned", 0, "credit")])
        let x = try Reconstruction.reconstruct(log, profile: p).record(0)
        #expect(x.slaTargetHours == nil && !x.slaBreached)
    }

    @Test func orderValueAsTextIsParsed() throws {
        let log = LogFixtures.log(
            [E("V", "Assigned", 0, "credit")], caseAttributes: ["V": ["order_value": .string("18423.50")]])
        #expect(try Reconstruction.reconstruct(log, profile: Presets.orders).record(0).orderValue == 18423.5)
    }

    @Test func caseColonPrefixIsFound() throws {
        let log = LogFixtures.log(
            [E("V", "Assigned", 0, "credit")], caseAttributes: ["V": ["case:exception_type": .string("tax_failure")]])
        let t = try Reconstruction.reconstruct(log, profile: Presets.orders)
        #expect(t.attribute(.category)?.foundName == "case:exception_type")
        #expect(t.record(0).attributes["exception_type"] == "tax_failure")
        #expect(t.record(0).slaTargetHours == 96)
    }
}
