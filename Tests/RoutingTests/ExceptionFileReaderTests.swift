import EventLog
import Testing
@testable import Routing

@Suite struct ExceptionFileReaderTests {
    /// The shape `switchyard lifecycles --out` writes: detection_* columns become the features
    /// (order id left out), a status other than resolved/closed leaves the owner unknown, and
    /// bad rows are returned with their line and reason.
    @Test func readsALifecycleTable() throws {
        let csv = """
            id,status,category,order_value,first_owner,resolving_owner,detected_at,detection_category,detection_order_id,detection_order_value,detection_region
            E1,closed,credit_hold,900,credit,credit,2025-01-06T09:00:00Z,credit_hold,SO-1,100,UK
            E2,cancelled,tax_failure,50,tax,customer_service,2025-01-06T10:00:00Z,tax_failure,SO-2,,APAC
            E3,resolved,tax_failure,70,tax,tax,not a time,tax_failure,SO-3,70,APAC
            E4,open,edi_failure,10,tax
            E5,resolved,edi_failure,10,integration_support,integration_support,2025-01-07T10:00:00+01:00,edi_failure,SO-5,12.5,

            """
        let (input, rejected) = try ExceptionFileReader.parse(Array(csv.utf8), columns: ExceptionFileColumns(), file: "t.csv")
        #expect(input.ids == ["E1", "E2", "E5"])
        #expect(input.categorical.map(\.name) == ["category", "region"])
        #expect(input.numeric.map(\.name) == ["order_value"])
        #expect(input.numeric[0].values[0] == 100 && input.numeric[0].values[1].isNaN && input.numeric[0].values[2] == 12.5)
        #expect(input.label.map { l in (0..<3).map { l.value(at: $0) } } == ["credit", nil, "integration_support"])
        #expect(input.legacy?.value(at: 1) == "tax")
        #expect(input.categoryColumn == "category")
        #expect(input.detectedAt[2] == RoutingFixtures.micros("2025-01-07T09:00:00Z"))
        #expect(input.categoricalColumn("region")?.value(at: 2) == nil)
        #expect(rejected.map(\.line) == [4, 5])
        #expect(rejected.map(\.reason) == [
            "column 'detected_at': expected an ISO 8601 time", "expected 11 fields as in the header, found 5",
        ])
    }

    @Test func namesTheColumnsFoundWhenOneIsMissing() {
        #expect(throws: RoutingError.invalidInput(
            "t.csv: no detection time column (looked for detected_at, detection_time); columns found: id, region")) {
            try ExceptionFileReader.parse(Array("id,region\nA,UK\n".utf8), columns: ExceptionFileColumns(), file: "t.csv")
        }
    }
}
