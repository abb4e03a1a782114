import Foundation
import Lifecycle
import Testing

@testable import KPI

/// Slicing by one or two dimensions on the standard fixture.
@Suite struct SlicingTests {
    typealias F = KPIFixtures

    @Test func twoDimensions() throws {
        let r = try F.standardReport { $0.slicing = ["exception_type", "region"] }
        #expect(r.dimensions == ["exception_type", "region"])
        // Sorted by labels.
        #expect(r.slices.map(\.labels) == [
            ["credit_hold", "EU"], ["credit_hold", "NA"], ["edi_failure", "NA"], ["inventory_shortfall", "APAC"],
            ["pricing_discrepancy", "EU"],
        ])
        let eu = try #require(F.slice(r, "credit_hold", "EU"))
        // X1 closed after 120 minutes, X5 cancelled; X5 repeats X1's customer, category and order.
        #expect(eu.volume.detected == 2 && eu.volume.resolved == 1 && eu.volume.cancelled == 1)
        #expect(eu.cycleTime.toResolution.medianSeconds == F.minutes(120))
        #expect(eu.recurrence.sameCustomerCategory == 1 && eu.recurrence.sameOrder == 1)
        let na = try #require(F.slice(r, "credit_hold", "NA"))
        #expect(na.routing.accuracy == 0 && na.routing.misrouteDelay.totalSeconds == F.minutes(40))
        // Slices add up to the overall figures.
        #expect(r.slices.map(\.volume.detected).reduce(0, +) == r.overall.volume.detected)
        #expect(r.slices.map(\.revenue.totalValue).reduce(0, +) == r.overall.revenue.totalValue)
    }

    @Test func roleNamesOwnersAndCalendarPeriods() throws {
        let byCategory = try F.standardReport { $0.slicing = ["category"] }
        #expect(byCategory.slices.count == 4)
        let byOwner = try F.standardReport { $0.slicing = ["first_owner"] }
        // pricing_ops first held X2 (misrouted) and X3 (resolved by pricing_ops).
        let pricing = try #require(F.slice(byOwner, "pricing_ops"))
        #expect(pricing.volume.detected == 2 && pricing.routing.accuracy == 0.5)
        let byResolver = try F.standardReport { $0.slicing = ["resolving-owner"] }
        #expect(F.slice(byResolver, "credit")?.volume.detected == 2)  // X1, X2
        let byWeek = try F.standardReport { $0.slicing = ["week", "tier"] }
        #expect(byWeek.slices.map(\.labels) == [["2025-W02", "key"], ["2025-W02", "standard"]])
        let byMonth = try F.standardReport { $0.slicing = ["month"] }
        #expect(byMonth.slices.map(\.labels) == [["2025-01"]])
        let byStatus = try F.standardReport { $0.slicing = ["status"] }
        #expect(byStatus.slices.map(\.labels) == [["cancelled"], ["closed"], ["open"]])
    }

    @Test func unknownDimensionNamesTheAvailableOnes() throws {
        let table = try F.standardTable()
        var options = KPIOptions()
        options.slicing = ["colour"]
        #expect(throws: KPIError(
            "unknown dimension 'colour'; dimensions available: category, exception_type, customer, customer_id, order, "
                + "order_id, tier, customer_tier, region, channel, sku_family, first_owner, resolving_owner, status, week, month")
        ) {
            try KPIEngine.compute(table, options: options)
        }
        options.slicing = ["region", "tier", "channel"]
        #expect(throws: KPIError("slice by at most two dimensions (got 3: region, tier, channel)")) {
            try KPIEngine.compute(table, options: options)
        }
    }

    @Test func isoWeekLabels() {
        let day = Int64(86_400_000_000)
        func label(_ daysSinceEpoch: Int64) -> String { CalendarLabels.weekLabel(CalendarLabels.week(daysSinceEpoch * day + 1)) }
        #expect(label(20_089) == "2025-W01")  // 2025-01-01, Wednesday
        #expect(label(20_087) == "2025-W01")  // 2024-12-30, the Monday that starts it
        #expect(label(20_086) == "2024-W52")  // 2024-12-29, Sunday
        #expect(label(20_454) == "2026-W01")  // 2026-01-01, Thursday
        #expect(label(18_627) == "2020-W53")  // 2020-12-31, Thursday of a 53-week year
        #expect(label(18_630) == "2020-W53")  // 2021-01-03, Sunday
        #expect(CalendarLabels.monthLabel(CalendarLabels.month(20_089 * day)) == "2025-01")
        #expect(CalendarLabels.dayLabel(-1) == "1969-12-31")
    }
}
