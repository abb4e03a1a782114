import Foundation
import Testing

@testable import Reports

@Suite("ROI assumptions")
struct AssumptionsTests {
    static func file(_ json: String) throws -> String {
        let url = try ReportFixtures.temporaryDirectory().appendingPathComponent("assumptions.json")
        try json.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("a file sets some keys; the others keep their defaults")
    func partialFile() throws {
        let a = try ROIAssumptions.load(try Self.file(#"{"cost_per_hour": 62.5, "currency": "USD", "seed": 3}"#))
        var expected = ROIAssumptions()
        expected.costPerHour = 62.5
        expected.currency = "USD"
        expected.seed = 3
        #expect(a == expected)
        #expect(a.described.first { $0.name == "cost_per_hour" }?.value == "62.50 USD")
    }

    @Test("unknown keys, wrong types and impossible values are refused with the key named")
    func refusals() throws {
        let unknown = try Self.file(#"{"cost_per_hr": 50}"#)
        #expect(throws: ReportError.assumptions("\(unknown): unknown key 'cost_per_hr'; known keys: cost_per_hour, review_minutes, handoff_minutes, hours_per_fte, currency, delay_effort_share, bootstrap_samples, confidence_level, seed, comparable_minimum")) {
            _ = try ROIAssumptions.load(unknown)
        }
        let wrongType = try Self.file(#"{"review_minutes": "three"}"#)
        #expect(throws: ReportError.assumptions("\(wrongType): wrong type for 'review_minutes'")) {
            _ = try ROIAssumptions.load(wrongType)
        }
        #expect(throws: ReportError.assumptions("delay_effort_share must be between 0 and 1, got 1.5")) {
            _ = try ROIAssumptions.load(try Self.file(#"{"delay_effort_share": 1.5}"#))
        }
        #expect(throws: ReportError.assumptions("hours_per_fte must be more than 0, got 0.0")) {
            try ROIAssumptions(hoursPerFTE: 0).validate()
        }
        #expect(throws: ReportError.self) { _ = try ROIAssumptions.load("/nonexistent/assumptions.json") }
    }

    @Test("every assumption is described for the report")
    func described() {
        let names = ROIAssumptions().described.map(\.name)
        #expect(Set(names) == Set(ROIAssumptions.CodingKeys.allCases.map(\.rawValue)))
    }
}
