import Testing
@testable import EventLog

@Suite struct StringPoolTests {
    @Test func internsOncePerDistinctValueInFirstSeenOrder() {
        var pool = StringPool()
        let words = ["b", "a", "b", "", "ä 🚚", "a"]
        let codes = words.map { pool.intern($0) }
        #expect(codes == [0, 1, 0, 2, 3, 1])
        #expect(pool.strings == ["b", "a", "", "ä 🚚"])
        #expect(pool.code(of: "ä 🚚") == 3)
        #expect(pool.code(of: "zz") == nil)
        #expect(pool.string(StringPool.missing) == "")
    }

    @Test func survivesGrowthWithManyValues() {
        var pool = StringPool()
        for i in 0..<50_000 { #expect(pool.intern("case-\(i)") == UInt32(i)) }
        for i in stride(from: 0, to: 50_000, by: 997) { #expect(pool.code(of: "case-\(i)") == UInt32(i)) }
        #expect(pool.count == 50_000)
    }
}

@Suite struct TimestampTests {
    @Test func parsesISOFormsToUTCMicroseconds() throws {
        let base = try #require(ISO8601Parser.parse("2010-12-30T14:32:00Z")).micros
        #expect(base == 1_293_719_520_000_000)
        #expect(ISO8601Parser.parse("2010-12-30T15:32:00.000+01:00")?.micros == base)
        #expect(ISO8601Parser.parse("2010-12-30 14:32:00")?.micros == base)
        #expect(ISO8601Parser.parse("2010-12-30 14:32:00")?.hasOffset == false)
        #expect(ISO8601Parser.parse("2010-12-30T14:32")?.micros == base)
        #expect(ISO8601Parser.parse("2010-12-30T09:32:00-0500")?.micros == base)
        #expect(ISO8601Parser.parse("2010-12-30T14:32:00.123456789Z")?.micros == base + 123_456)
        #expect(ISO8601Parser.parse("1900-01-01T00:00:00Z")?.micros == -2_208_988_800_000_000)
        #expect(ISO8601Parser.parse("9999-12-31T23:59:59Z") != nil)
    }

    @Test func rejectsMalformedAndOutOfRange() {
        for bad in ["", "2010-13-01", "2010-02-30", "2010-12-30T25:00", "2010-12-30X", "10-12-30", "2010-12-30T14:32:00+25:00", "0000-01-01", "2010-12-30T14:32:00."] {
            #expect(ISO8601Parser.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func formatsBackToTheSameInstant() throws {
        for text in ["2024-02-29T23:59:59.250000+00:00", "1900-01-01T00:00:00+00:00", "2010-12-30T14:32:00+00:00"] {
            let t = try #require(ISO8601Parser.parse(text)).micros
            #expect(Timestamp.iso8601(t) == text.replacingOccurrences(of: ".250000", with: ".250000"))
            #expect(ISO8601Parser.parse(Timestamp.iso8601(t))?.micros == t)
        }
    }

    @Test func naiveZonesShiftToUTC() throws {
        let local = try #require(ISO8601Parser.parse("2021-07-01 12:00:00")).micros
        #expect(NaiveTimeZone("+02:00")?.toUTC(local) == local - 7_200_000_000)
        #expect(NaiveTimeZone("Europe/Rome")?.toUTC(local) == local - 7_200_000_000)
        let winter = try #require(ISO8601Parser.parse("2021-01-01 12:00:00")).micros
        #expect(NaiveTimeZone("Europe/Rome")?.toUTC(winter) == winter - 3_600_000_000)
        #expect(NaiveTimeZone("Mars/Olympus") == nil)
    }
}

@Suite struct EventLogBuilderTests {
    @Test func groupsByCaseAndSortsStablyByTime() {
        var b = EventLogBuilder(name: "t")
        let rows: [(String, String, Int64)] = [("c2", "x", 5), ("c1", "a", 3), ("c1", "b", 1), ("c2", "y", 5), ("c1", "c", 1), ("c2", "z", 4)]
        for (c, a, t) in rows {
            let cc = b.caseIDs.intern(c)
            b.appendEvent(caseCode: cc, activity: b.activities.intern(a), timestamp: t)
            b.setEventAttribute("n", .int(t))
        }
        let log = b.build()
        #expect(log.caseCount == 2)
        #expect(log.caseID(0) == "c2")
        let names = (0..<log.caseCount).map { c in log.events(ofCase: c).map { log.activities.string(log.activity[$0]) } }
        #expect(names == [["z", "x", "y"], ["b", "c", "a"]])
        #expect(log.eventAttribute("n")?.value(at: 0) == .int(4))
    }

    @Test func groupedInputSortsOnlyTheCasesOutOfTimeOrderKeepingTies() {
        // Grouped by case already (as XES is); the second case is out of order with a tie.
        var b = EventLogBuilder()
        let rows: [(String, String, Int64)] = [("c1", "a", 1), ("c1", "b", 2), ("c2", "x", 9), ("c2", "y", 3), ("c2", "z", 3), ("c3", "q", 7)]
        for (c, a, t) in rows {
            b.appendEvent(caseCode: b.caseIDs.intern(c), activity: b.activities.intern(a), timestamp: t, resource: b.resources.intern(a))
            b.setEventAttribute("t", .int(t))
        }
        for threads in [1, 2] {
            let log = b.build(threads: threads)
            let names = (0..<log.caseCount).map { c in log.events(ofCase: c).map { log.activities.string(log.activity[$0]) } }
            #expect(names == [["a", "b"], ["y", "z", "x"], ["q"]])
            #expect(log.timestamp == [1, 2, 3, 3, 9, 7])
            #expect(log.resource.map { log.resources.string($0) } == ["a", "b", "y", "z", "x", "q"])
            #expect((0..<6).map { log.eventAttribute("t")?.value(at: $0) } == [1, 2, 3, 3, 9, 7].map { .int($0) })
        }
    }

    @Test func appendingAnotherBuildersEventsEqualsAppendingThemOneByOne() {
        let first: [(String, String, Int64, String?)] = [("c1", "a", 1, "r1"), ("c2", "b", 2, nil)]
        let second: [(String, String, Int64, String?)] = [("c3", "b", 3, "r2"), ("c1", "c", 0, "r1"), ("c2", "d", 5, nil)]
        func fill(_ b: inout EventLogBuilder, _ rows: [(String, String, Int64, String?)]) {
            for (c, a, t, r) in rows {
                let resource = r.map { b.resources.intern($0) } ?? StringPool.missing
                b.appendEvent(caseCode: b.caseIDs.intern(c), activity: b.activities.intern(a), timestamp: t, resource: resource)
            }
        }
        var whole = EventLogBuilder()
        fill(&whole, first + second)
        var joined = EventLogBuilder()
        fill(&joined, first)
        var later = EventLogBuilder()
        fill(&later, second)
        let caseMap = joined.caseIDs.absorb(later.caseIDs, threads: 1)
        joined.appendEvents(
            of: later, caseMap: caseMap, activityMap: joined.activities.absorb(later.activities, threads: 1),
            resourceMap: joined.resources.absorb(later.resources, threads: 1), groupMap: [], lifecycleMap: [], threads: 2)
        #expect(joined.build(threads: 2) == whole.build())
        #expect(joined.caseOfEvent == whole.caseOfEvent)
    }

    @Test func columnsPromoteTypesWithoutLosingValues() {
        var col = AttributeColumn(name: "v", type: .int)
        col.append(.int(2))
        col.append(.float(2.5))
        #expect(col.type == .float)
        #expect(col.value(at: 0) == .float(2))
        col.append(.string("n/a"))
        #expect(col.type == .string)
        #expect(col.value(at: 0) == .string("2.0"))
        #expect(col.value(at: 2) == .string("n/a"))
        col.append(nil)
        #expect(col.value(at: 3) == nil)
        #expect(col.presentCount == 3)
    }

    @Test func constantColumnsBecomeCaseAttributes() {
        var b = EventLogBuilder()
        for (c, region, step) in [("1", "EU", 1), ("1", "EU", 2), ("2", "US", 1)] {
            b.appendEvent(caseCode: b.caseIDs.intern(c), activity: b.activities.intern("a"), timestamp: 0)
            b.setEventAttribute("region", .string(region))
            b.setEventAttribute("step", .int(Int64(step)))
        }
        var log = b.build()
        log.promoteCaseConstantColumns()
        #expect(log.caseAttributes.map(\.name) == ["region"])
        #expect(log.caseAttribute("region")?.value(at: 1) == .string("US"))
        #expect(log.eventAttributes.map(\.name) == ["step"])
    }
}
