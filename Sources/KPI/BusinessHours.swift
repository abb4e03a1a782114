import EventLog
import Lifecycle

/// Working time between two instants under a ``BusinessCalendar`` (local working hours on
/// working days, holidays excluded, daylight saving followed for IANA zones).
///
/// Built once for a range of days: per local day, the UTC instants of midnight and of the
/// working window, and the working time before it. ``workingTime(from:to:)`` is then two
/// O(1) look-ups. Cost to build: O(days) (a few zone look-ups per day); memory 32 bytes/day.
/// Instants outside the range are clamped to it.
struct BusinessHours: Sendable {
    private let firstDay: Int
    private var dayStart: [Int64] = []
    private var workStart: [Int64] = []
    private var workLength: [Int64] = []
    private var before: [Int64] = []

    static let microsPerDay: Int64 = 86_400_000_000
    /// The most days a calendar covers (about 20 years).
    static let maximumDays = 7_320

    /// A calendar covering local days `days` (days since 1970-01-01).
    init(_ calendar: BusinessCalendar, days: ClosedRange<Int>) throws(KPIError) {
        guard let zone = NaiveTimeZone(calendar.timezone) else {
            throw KPIError("business calendar: unknown timezone '\(calendar.timezone)'; expected UTC, an offset like +01:00, or an IANA name like Europe/Rome")
        }
        guard (0...23).contains(calendar.startHour), (1...24).contains(calendar.endHour),
            calendar.startHour < calendar.endHour
        else {
            throw KPIError("business calendar: working hours \(calendar.startHour)–\(calendar.endHour) are not 0 ≤ start < end ≤ 24")
        }
        var workingWeekday = [Bool](repeating: false, count: 7)
        for name in calendar.days {
            guard let i = BusinessCalendar.weekdayNames.firstIndex(of: name.lowercased()) else {
                throw KPIError("business calendar: unknown day '\(name)'; expected mon, tue, wed, thu, fri, sat or sun")
            }
            workingWeekday[i] = true
        }
        var holidays = Set<Int>()
        for text in calendar.holidays {
            guard let day = BusinessHours.civilDay(text) else {
                throw KPIError("business calendar: holiday '\(text)' is not a date YYYY-MM-DD")
            }
            holidays.insert(day)
        }
        firstDay = days.lowerBound
        let hour: Int64 = 3_600_000_000
        var total: Int64 = 0
        for d in days.lowerBound...(days.upperBound + 1) {
            let midnight = Int64(d) * BusinessHours.microsPerDay
            dayStart.append(zone.toUTC(midnight))
            let weekday = ((d % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday; Monday = 0
            let working = workingWeekday[weekday] && !holidays.contains(d) && d <= days.upperBound
            let start = zone.toUTC(midnight + Int64(calendar.startHour) * hour)
            let end = zone.toUTC(midnight + Int64(calendar.endHour) * hour)
            workStart.append(start)
            let length = working ? max(0, end - start) : 0
            workLength.append(length)
            before.append(total)
            total += length
        }
    }

    /// Working µs in `[from, to]` (0 when `to ≤ from`).
    @inline(__always)
    func workingTime(from: Int64, to: Int64) -> Int64 {
        to <= from ? 0 : max(0, cumulative(to) - cumulative(from))
    }

    /// Working µs from the start of the range to `t`.
    @inline(__always)
    private func cumulative(_ t: Int64) -> Int64 {
        let n = dayStart.count
        guard t > dayStart[0] else { return 0 }
        var i = Int((t - dayStart[0]) / BusinessHours.microsPerDay)
        if i >= n { i = n - 1 }
        while i + 1 < n, dayStart[i + 1] <= t { i += 1 }
        while i > 0, dayStart[i] > t { i -= 1 }
        return before[i] + min(max(t - workStart[i], 0), workLength[i])
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD`, or `nil`.
    static func civilDay(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= Timestamp.daysInMonth(year: y, month: m)
        else { return nil }
        return Timestamp.daysFromCivil(year: y, month: m, day: d)
    }
}
