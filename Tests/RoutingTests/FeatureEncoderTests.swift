import EventLog
import Foundation
import Testing
@testable import Routing

@Suite struct FeatureEncoderTests {
    /// 12 rows: region UK×6, APAC×5, NA-East×1; order_value 0, 9, 99, missing, …
    func smallInput() -> FeatureInput {
        let regions: [String?] = ["UK", "UK", "APAC", "UK", "APAC", "NA-East", "UK", "APAC", "UK", "APAC", "UK", "APAC"]
        let values: [Double] = [0, 9, 99, .nan, 0, 9, 99, 0, 9, 99, 0, 9]
        let t0 = RoutingFixtures.micros("2024-03-04T08:00:00Z")
        return FeatureInput(
            ids: (0..<12).map { "E\($0)" }, detectedAt: (0..<12).map { t0 + Int64($0) * 3_600_000_000 },
            categorical: [CategoricalColumn(name: "region", values: regions)],
            numeric: [NumericColumn(name: "order_value", values: values)])
    }

    @Test func oneHotKeepsFrequentValuesAndSendsRareAndUnseenToTheirSlots() throws {
        let spec = try FeatureSpec.fit(smallInput(), config: FeatureConfig(minFrequency: 2, calendar: false))
        let region = try #require(spec.categorical.first)
        #expect(region.encoding == .oneHot)
        #expect(region.values == ["APAC", "UK"])
        #expect(region.rareValues == ["NA-East"])
        #expect(region.width == 4)
        let encoder = FeatureEncoder(spec: spec)
        #expect(encoder.categoricalEntry(0, value: "APAC").index == 0)
        #expect(encoder.categoricalEntry(0, value: "UK").index == 1)
        #expect(encoder.categoricalEntry(0, value: "NA-East").index == 2)  // rare
        #expect(encoder.categoricalEntry(0, value: "Mars").index == 3)  // unseen
        #expect(encoder.categoricalEntry(0, value: nil).index == 3)  // missing
        let rows = try encoder.encode(smallInput())
        #expect(rows.entriesPerRow == 3)
        #expect(rows.dense(row: 5)[0..<4] == [0, 0, 1, 0])
        #expect(spec.featureNames[0..<4] == ["region=APAC", "region=UK", "region=(rare)", "region=(unknown)"])
    }

    @Test func highCardinalityColumnsAreHashedIntoTheirBuckets() throws {
        let customers = (0..<100).map { "C-\($0)" }
        let input = FeatureInput(
            ids: customers, detectedAt: [Int64](repeating: 0, count: 100),
            categorical: [CategoricalColumn(name: "customer_id", values: customers)])
        let spec = try FeatureSpec.fit(input, config: FeatureConfig(maxOneHotValues: 50, hashBits: 5, calendar: false))
        let f = try #require(spec.categorical.first)
        #expect(f.encoding == .hashed)
        #expect(spec.dimension == 32)
        let encoder = FeatureEncoder(spec: spec)
        var buckets = Set<Int32>()
        for c in customers {
            let e = encoder.categoricalEntry(0, value: c)
            #expect(e.index >= 0 && e.index < 32)
            #expect(e.value == 1 || e.value == -1)
            #expect(encoder.categoricalEntry(0, value: c) == e)
            buckets.insert(e.index)
        }
        #expect(buckets.count > 20)  // 100 values spread over most of the 32 buckets
        #expect(encoder.categoricalEntry(0, value: nil).value == 0)
    }

    @Test func numericsAreLogTransformedStandardisedAndFlaggedWhenMissing() throws {
        let spec = try FeatureSpec.fit(smallInput(), config: FeatureConfig(categorical: [], calendar: false))
        let f = try #require(spec.numeric.first)
        #expect(f.logTransform)
        let logs = [0.0, 9, 99, 0, 9, 99, 0, 9, 99, 0, 9].map { log1p($0) }
        let mean = logs.reduce(0, +) / 11
        let std = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 11).squareRoot()
        #expect(abs(f.mean - mean) < 1e-12)
        #expect(abs(f.std - std) < 1e-12)
        let rows = try FeatureEncoder(spec: spec).encode(smallInput())
        #expect(abs(Double(rows.dense(row: 2)[0]) - (log(100) - mean) / std) < 1e-5)
        #expect(rows.dense(row: 2)[1] == 0)
        #expect(rows.dense(row: 3) == [0, 1])  // missing: value 0, flag 1
    }

    @Test func calendarFeaturesOfKnownDates() {
        let sunday = FeatureEncoder.calendar(RoutingFixtures.micros("2024-03-31T23:30:00Z"), monthEndDays: 3)
        #expect(sunday.hour == 23 && sunday.weekday == 6 && sunday.monthEnd)
        let monday = FeatureEncoder.calendar(RoutingFixtures.micros("2024-03-04T09:15:00+01:00"), monthEndDays: 3)
        #expect(monday.hour == 8 && monday.weekday == 0 && !monday.monthEnd)
        let leap = FeatureEncoder.calendar(RoutingFixtures.micros("2024-02-27T12:00:00Z"), monthEndDays: 3)
        #expect(leap.weekday == 1 && leap.monthEnd)  // Tuesday; Feb 2024 has 29 days
        let early = FeatureEncoder.calendar(RoutingFixtures.micros("1969-12-31T22:00:00Z"), monthEndDays: 3)
        #expect(early.hour == 22 && early.weekday == 2 && early.monthEnd)  // Wednesday
    }

    @Test func historyCountsOnlyStrictlyEarlierExceptionsInsideTheWindow() {
        let day: Int64 = 86_400_000_000
        // key 0 at days 0, 1, 1, 20, 40; key 1 at day 2; a missing key at day 3.
        let keys: [UInt32] = [0, 0, 0, 1, StringPool.missing, 0, 0]
        let times: [Int64] = [0, day, day, 2 * day, 3 * day, 20 * day, 40 * day]
        let counts = HistoryCounter.counts(keys: keys, times: times, windowMicros: 30 * day)
        #expect(counts == [0, 1, 1, 0, 0, 3, 1])  // day 40 sees only day 20 (days 0 and 1 are 40 and 39 days back)
        var stream = HistoryCounter(windowMicros: 30 * day)
        var streamed: [Int] = []
        for (k, t) in zip(keys, times) where k != StringPool.missing {
            streamed.append(stream.count(key: k, time: t))
            stream.record(key: k, time: t)
        }
        #expect(streamed == [0, 1, 1, 0, 3, 1])
    }

    @Test func crossesEncodePairsAndBinNumerics() throws {
        var input = smallInput()
        input.categorical.append(CategoricalColumn(name: "type", values: (0..<12).map { $0 % 2 == 0 ? "a" : "b" }))
        input.categoryColumn = "type"
        let spec = try FeatureSpec.fit(input, config: FeatureConfig(minFrequency: 2, calendar: false, crossCategory: true, crossBins: 2))
        #expect(spec.crosses.map(\.name) == ["type×region", "type×order_value"])
        let byRegion = spec.crosses[0]
        // a: UK,APAC,APAC,UK,APAC,UK (rows 0,2,4,6,8,10); b: UK,UK,NA-East,APAC,APAC,APAC.
        #expect(byRegion.values == ["a\u{1F}APAC", "a\u{1F}UK", "b\u{1F}APAC", "b\u{1F}UK"])
        #expect(byRegion.rareValues == ["b\u{1F}NA-East"])
        let byValue = spec.crosses[1]
        #expect(byValue.edges == [[], [9]])  // median of 0, 9, 99 … → q0 (≤ 9) and q1 (> 9)
        let encoder = FeatureEncoder(spec: spec)
        let rows = try encoder.encode(input)
        // Row 2: type a, APAC, value 99 → pair slot 0 of the first cross, "a|q1" of the second.
        let dense = rows.dense(row: 2)
        #expect(dense[byRegion.offset] == 1)
        #expect(dense[byValue.offset + (byValue.values.firstIndex(of: "a\u{1F}q1") ?? -1)] == 1)
        // Row 3: value missing → the second cross is unknown.
        #expect(rows.dense(row: 3)[byValue.offset + byValue.width - 1] == 1)
        #expect(spec.featureNames[byRegion.offset] == "type×region=a|APAC")
    }

    @Test func specRefusesColumnsTheInputLacks() {
        #expect(throws: RoutingError.missingColumn(name: "channel", available: ["region", "order_value"])) {
            try FeatureSpec.fit(smallInput(), config: FeatureConfig(categorical: ["channel"]))
        }
    }
}
