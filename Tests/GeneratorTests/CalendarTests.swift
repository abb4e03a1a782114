import EventLog
import Testing
@testable import Generator

@Suite struct WorkingClockTests {
    let berlin = WorkingClock(region: .euCentral, startHour: 8, endHour: 18)

    func utc(_ text: String) throws -> Int64 {
        try #require(ISO8601Parser.parse(text)).micros / 1_000_000
    }

    @Test func addingWorkingTimeSkipsNightsAndWeekends() throws {
        // Friday 2025-01-10 17:30 in UTC+1, plus one working hour: Monday 08:30.
        let friday = try utc("2025-01-10T17:30:00+01:00")
        #expect(berlin.adding(3600, to: friday) == (try utc("2025-01-13T08:30:00+01:00")))
        // Saturday snaps to Monday's start; a night to the next morning.
        #expect(berlin.snap(try utc("2025-01-11T12:00:00+01:00")) == (try utc("2025-01-13T08:00:00+01:00")))
        #expect(berlin.snap(try utc("2025-01-07T03:00:00+01:00")) == (try utc("2025-01-07T08:00:00+01:00")))
        // The end of the day belongs to the next working morning.
        #expect(berlin.snap(try utc("2025-01-07T18:00:00+01:00")) == (try utc("2025-01-08T08:00:00+01:00")))
        #expect(berlin.workingSeconds(from: friday, to: try utc("2025-01-13T09:00:00+01:00")) == 5_400)
    }

    @Test func eachRegionUsesItsOwnOffset() throws {
        let newYork = WorkingClock(region: .naEast, startHour: 8, endHour: 18)
        let singapore = WorkingClock(region: .apac, startHour: 8, endHour: 18)
        let instant = try utc("2025-01-07T14:00:00Z")
        #expect(newYork.isWorking(instant))  // 09:00 in UTC-5
        #expect(!singapore.isWorking(instant))  // 22:00 in UTC+8
        #expect(singapore.snap(instant) == (try utc("2025-01-08T08:00:00+08:00")))
    }

    @Test func coordinatesRoundTripInsideWorkingHours() {
        for c in stride(from: Int64(0), to: 36_000 * 40, by: 7_919) {
            let t = berlin.instant(c)
            #expect(berlin.isWorking(t))
            #expect(berlin.coordinate(t) == c)
        }
    }
}

/// Timestamps respect business hours and case order.
@Suite struct TimestampRealismTests {
    let cases = Fixtures.cases

    static let offsets = Dictionary(uniqueKeysWithValues: Region.allCases.map { ($0.name, $0.utcOffsetSeconds) })

    @Test func humanEventsFallInTheRegionsWorkingHoursOnWeekdays() {
        var human = 0
        for c in cases {
            let offset = Self.offsets[c.attributes["region", default: ""]] ?? 0
            for (i, resource) in c.resources.enumerated() where !resource.hasPrefix("system:") {
                human += 1
                let local = c.times[i] / 1_000_000 + offset
                let day = WorkingClock.floorDiv(local, 86_400)
                let hour = (local - day * 86_400) / 3600
                #expect(WorkingClock.weekday(localDay: day) < 5 && hour >= 8 && hour < 18, "\(c.id) \(c.activities[i])")
            }
        }
        #expect(human > 100_000)
    }

    @Test func systemEventsAlsoHappenOutsideWorkingHours() {
        let clock = Dictionary(uniqueKeysWithValues: Region.allCases.map { ($0.name, WorkingClock(region: $0, startHour: 8, endHour: 18)) })
        let outside = cases.filter { c in
            guard let clock = clock[c.attributes["region", default: ""]] else { return false }
            return !clock.isWorking(c.times[0] / 1_000_000)
        }
        #expect(outside.count > 2_000)
    }

    @Test func everyCasesEventsAreStrictlyInTimeOrder() {
        for c in cases {
            #expect(zip(c.times, c.times.dropFirst()).allSatisfy { $0 < $1 }, "\(c.id)")
        }
    }

    @Test func arrivalsFollowWeekAndMonthSeasonality() {
        var weekday = [Int](repeating: 0, count: 7)
        var monthEnd = 0, middle = 0
        for c in cases {
            let offset = Self.offsets[c.attributes["region", default: ""]] ?? 0
            let day = WorkingClock.floorDiv(c.times[0] / 1_000_000 + offset, 86_400)
            weekday[WorkingClock.weekday(localDay: day)] += 1
            let (y, m, d) = Timestamp.civilFromDays(Int(day))
            if d > Timestamp.daysInMonth(year: y, month: m) - 3 { monthEnd += 1 } else if d >= 10 && d <= 20 { middle += 1 }
        }
        #expect(weekday[5] + weekday[6] < weekday[0] / 2)
        #expect(weekday[0] > weekday[4])
        // Per day: the last three days of a month against days 10-20 (11 days).
        #expect(Double(monthEnd) / 3 > 1.3 * Double(middle) / 11)
    }
}

/// `--drift-at`: after the date, ownership moves and the stale legacy router suffers.
@Suite struct DriftTests {
    @Test func driftMovesOwnershipAfterTheDateOnly() throws {
        var c = GeneratorConfiguration()
        c.cases = 8_000
        c.seed = 3
        let drift = try GeneratorConfiguration.parseDate("2025-03-03", dial: "--drift-at")
        c.driftAt = drift
        let output = try Generator.makeLogAndTruth(c)
        let views = Fixtures.views(output)
        let drifted = views.filter(\.truth.drift)
        #expect(drifted.count > 100)
        #expect(output.summary.driftedCases == drifted.count)
        for v in drifted {
            #expect(v.times[0] / 1_000_000 >= drift)
            #expect(["EU-Central", "UK"].contains(v.attributes["region"]))
            #expect(["inventory_shortfall", "transport_constraint"].contains(v.type))
        }
        let movedToWarehouse = drifted.filter { $0.truth.trueOwner == .warehouseOps }.count
        #expect(Double(movedToWarehouse) / Double(drifted.count) > 0.75)
        let legacyOnDrifted = Double(drifted.filter(\.truth.legacyCorrect).count) / Double(drifted.count)
        let legacyBefore = views.filter { $0.times[0] / 1_000_000 < drift }
        let before = Double(legacyBefore.filter(\.truth.legacyCorrect).count) / Double(legacyBefore.count)
        #expect(legacyOnDrifted < before - 0.2, "legacy \(legacyOnDrifted) on drifted cases vs \(before) before")
        // Without the dial nothing drifts, and the same seed gives the same cases up to the date.
        c.driftAt = nil
        let plain = Fixtures.views(try Generator.makeLogAndTruth(c))
        #expect(!plain.contains { $0.truth.drift })
        let finishedBefore = views.indices.filter { (views[$0].times.last ?? 0) / 1_000_000 < drift }
        #expect(finishedBefore.count > 2_500)
        for i in finishedBefore {
            #expect(views[i].activities == plain[i].activities && views[i].times == plain[i].times, "\(views[i].id)")
        }
    }
}
