import EventLog
import Testing
@testable import Generator

/// The log speaks exactly the `orders` vocabulary of VOCABULARY.md.
@Suite struct VocabularyTests {
    let cases = Fixtures.cases

    static let activities: Set<String> = [
        "Exception Detected", "Exception Classified", "Assigned", "Reassigned", "Work Started", "Info Requested",
        "Info Received", "Escalated", "Resolved", "Reopened", "Closed", "Cancelled",
    ]
    static let teams: Set<String> = [
        "credit", "planning", "pricing_ops", "integration_support", "customer_service", "warehouse_ops", "tax",
        "transport_planning", "compliance",
    ]
    static let systems: Set<String> = ["system:erp", "system:edi-gateway", "system:wms", "system:tax-engine", "system:scheduler"]

    @Test func activitiesTeamsAndResourcesUseTheVocabulary() throws {
        let log = try #require(Fixtures.output).log
        #expect(Set(log.activities.strings) == Self.activities)
        #expect(Set(log.groups.strings) == Self.teams.union(["dispatch"]))
        for name in log.resources.strings {
            let person = name.split(separator: " ").count == 2 && !name.contains(",")
            #expect(Self.systems.contains(name) || name.hasPrefix("Dispatcher ") || person, "\(name)")
        }
        #expect(log.resources.strings.filter { $0.hasPrefix("Dispatcher ") }.count >= 5)
        #expect(log.resources.strings.filter { !$0.hasPrefix("Dispatcher ") && !$0.hasPrefix("system:") }.count >= 18)
    }

    @Test func caseAttributesUseTheVocabulary() throws {
        let log = try #require(Fixtures.output).log
        #expect(log.caseAttributes.map(\.name) == [
            "exception_type", "order_id", "customer_id", "customer_tier", "region", "channel", "order_value", "currency",
            "sku_family",
        ])
        #expect(log.caseAttribute("order_value")?.type == .float)
        let allowed: [String: Set<String>] = [
            "exception_type": Set(ExceptionType.allCases.map(\.name)),
            "customer_tier": ["strategic", "key", "standard", "small"],
            "region": ["NA-East", "NA-West", "EU-Central", "UK", "APAC"],
            "channel": ["EDI", "portal", "sales_rep", "marketplace_api"],
            "sku_family": ["industrial", "electrical", "hazardous_chemicals", "consumables", "bulky_freight", "spare_parts"],
            "currency": ["USD", "EUR", "GBP", "SGD"],
        ]
        for (name, values) in allowed {
            #expect(Set(cases.map { $0.attributes[name, default: ""] }) == values, "\(name)")
        }
        let currency = ["NA-East": "USD", "NA-West": "USD", "EU-Central": "EUR", "UK": "GBP", "APAC": "SGD"]
        for c in cases.prefix(2_000) {
            #expect(c.id.wholeMatch(of: /EX-\d{6}/) != nil)
            #expect(c.attributes["order_id"]?.wholeMatch(of: /SO-\d{7}/) != nil)
            #expect(c.attributes["customer_id"]?.wholeMatch(of: /C-\d{5}/) != nil)
            #expect(currency[c.attributes["region", default: ""]] == c.attributes["currency"])
            #expect((Double(c.attributes["order_value", default: ""]) ?? 0) >= 10)
        }
    }

    @Test func eventsFollowTheLifecycleGrammar() {
        for c in cases {
            let a = c.activities
            #expect(a.first == "Exception Detected", "\(c.id)")
            if a.count > 1 { #expect(a[1] == "Exception Classified" && c.teams[1] == "dispatch", "\(c.id)") }
            if a.count > 2 { #expect(a[2] == "Assigned", "\(c.id)") }
            #expect(a.filter { $0 == "Exception Detected" || $0 == "Exception Classified" || $0 == "Assigned" }.count <= 3)
            // Ends: Closed after a Resolved, Cancelled, or still open; nothing after an end.
            if let end = a.firstIndex(where: { $0 == "Closed" || $0 == "Cancelled" }) {
                #expect(end == a.count - 1, "\(c.id)")
                if a[end] == "Closed" { #expect(a[end - 1] == "Resolved", "\(c.id)") }
            }
            // Every Resolved is preceded by Work Started of the same team; a Reopened follows a Resolved.
            for (i, act) in a.enumerated() {
                if act == "Resolved" {
                    #expect(a[..<i].lastIndex(of: "Work Started").map { c.teams[$0] == c.teams[i] } == true, "\(c.id)")
                }
                if act == "Reopened" { #expect(a[i - 1] == "Resolved", "\(c.id)") }
                if act == "Info Received" { #expect(a[i - 1] == "Info Requested", "\(c.id)") }
            }
            // Team is empty exactly on system detection and closing events.
            for (i, act) in a.enumerated() {
                let empty = c.teams[i].isEmpty
                #expect(empty == (act == "Exception Detected" || act == "Closed"), "\(c.id) \(act)")
                if act == "Exception Detected" || act == "Closed" || act == "Reopened" {
                    #expect(c.resources[i].hasPrefix("system:"), "\(c.id) \(act)")
                } else if act != "Exception Classified" && act != "Assigned" {
                    #expect(!c.resources[i].hasPrefix("system:") && !c.resources[i].hasPrefix("Dispatcher"), "\(c.id) \(act)")
                }
            }
        }
    }

    @Test func detectionComesFromTheSystemThatSeesTheException() {
        for c in cases.prefix(3_000) {
            let expected = [
                "edi_failure": "system:edi-gateway", "tax_failure": "system:tax-engine", "inventory_shortfall": "system:wms",
                "incomplete_shipping_data": "system:wms", "transport_constraint": "system:wms",
            ][c.type] ?? "system:erp"
            #expect(c.resources[0] == expected, "\(c.id)")
        }
    }
}
