import Lifecycle
import Testing

@testable import KPI

/// Working time under a business calendar.
@Suite struct BusinessHoursTests {
    private let hour: Int64 = 3_600_000_000
    private let day: Int64 = 86_400_000_000
    /// 2025-01-10, a Friday, 00:00 UTC.
    private let friday: Int64 = 20_098 * 86_400_000_000

    private func hours(_ calendar: BusinessCalendar, from: Int64, to: Int64) throws -> Double {
        let hours = try BusinessHours(calendar, days: 20_090...20_110)
        return Double(hours.workingTime(from: from, to: to)) / Double(hour)
    }

    @Test func weekendsAreSkipped() throws {
        let c = BusinessCalendar(timezone: "UTC", startHour: 9, endHour: 17)
        // Fri 16:00 → Mon 10:00: 1 h Friday + 1 h Monday.
        #expect(try hours(c, from: friday + 16 * hour, to: friday + 3 * day + 10 * hour) == 2)
        // Within one window, and outside any window.
        #expect(try hours(c, from: friday + 10 * hour, to: friday + 12 * hour) == 2)
        #expect(try hours(c, from: friday + 18 * hour, to: friday + 2 * day + 23 * hour) == 0)
        // Backwards or empty intervals are 0, never negative.
        #expect(try hours(c, from: friday + 12 * hour, to: friday + 10 * hour) == 0)
    }

    @Test func holidaysAndOffsets() throws {
        let holiday = BusinessCalendar(timezone: "UTC", startHour: 9, endHour: 17, holidays: ["2025-01-13"])
        // Monday 2025-01-13 off: Fri 16:00 → Tue 10:00 = 1 + 1.
        #expect(try hours(holiday, from: friday + 16 * hour, to: friday + 4 * day + 10 * hour) == 2)
        // +01:00: the window is 08:00–16:00 UTC.
        let cet = BusinessCalendar(timezone: "+01:00", startHour: 9, endHour: 17)
        #expect(try hours(cet, from: friday + 7 * hour, to: friday + 9 * hour) == 1)
    }

    @Test func daylightSavingInAnIANAZone() throws {
        // Europe/Berlin, working every day 0–24: a local day is 23 h on 2025-03-30.
        let c = BusinessCalendar(
            timezone: "Europe/Berlin", days: BusinessCalendar.weekdayNames, startHour: 0, endHour: 24)
        let march29 = Int64(20_176) * day  // 2025-03-29 00:00 UTC
        let h = try BusinessHours(c, days: 20_170...20_185)
        // From 2025-03-29 23:00 UTC (Sun 00:00 CET) to 2025-03-30 22:00 UTC (Mon 00:00 CEST): the whole short day.
        #expect(h.workingTime(from: march29 + 23 * hour, to: march29 + 46 * hour) == 23 * hour)
    }

    @Test func invalidCalendarsAreRefused() {
        #expect(throws: KPIError(
            "business calendar: unknown timezone 'Mars/Olympus'; expected UTC, an offset like +01:00, or an IANA name like Europe/Rome")
        ) {
            try BusinessHours(BusinessCalendar(timezone: "Mars/Olympus"), days: 0...1)
        }
        #expect(throws: KPIError("business calendar: working hours 17–9 are not 0 ≤ start < end ≤ 24")) {
            try BusinessHours(BusinessCalendar(startHour: 17, endHour: 9), days: 0...1)
        }
        #expect(throws: KPIError("business calendar: holiday '2025-02-30' is not a date YYYY-MM-DD")) {
            try BusinessHours(BusinessCalendar(holidays: ["2025-02-30"]), days: 0...1)
        }
        #expect(throws: KPIError("business calendar: unknown day 'funday'; expected mon, tue, wed, thu, fri, sat or sun")) {
            try BusinessHours(BusinessCalendar(days: ["mon", "funday"]), days: 0...1)
        }
    }
}
