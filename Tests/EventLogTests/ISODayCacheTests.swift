import Testing
@testable import EventLog

/// The day cache is a shortcut in front of ``ISO8601Parser``: on every text it accepts it
/// must give the parser's value, and it must decline everything else.
@Suite("ISO day cache")
struct ISODayCacheTests {
    static func full(_ text: String) -> ParsedTimestamp? { ISO8601Parser.parse(text) }

    static func cached(_ cache: ISODayCache, _ text: String) -> ParsedTimestamp? {
        Array(text.utf8).withUnsafeBytes { cache.parse($0) }
    }

    static func cache(for text: String) -> ISODayCache {
        var cache = ISODayCache()
        Array(text.utf8).withUnsafeBytes { cache.remember($0) }
        return cache
    }

    @Test func agreesWithTheFullParserOnPerturbedTimestamps() {
        let seeds = [
            "2024-01-01T00:17:54.567+00:00", "2024-02-29 23:59:59Z", "1969-12-31T23:59:59.999999-05:30",
            "2024-06-15T08:30:00", "2024-06-15t08:30:00.1234567890+0200", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+01",
        ]
        let alphabet = Array("0123456789-:T tZz+.,".utf8)
        var rng = SplitMix(seed: 7)
        var accepted = 0
        for seed in seeds {
            let cache = Self.cache(for: seed)
            #expect(Self.cached(cache, seed) == Self.full(seed), "\(seed)")
            for _ in 0..<4_000 {
                var bytes = Array(seed.utf8)
                // One to three edits after the date: replace, insert or delete a byte.
                for _ in 0...(rng.next() % 3) {
                    let at = 10 + Int(rng.next() % UInt64(max(1, bytes.count - 9)))
                    let c = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    switch rng.next() % 3 {
                    case 0 where at < bytes.count: bytes[at] = c
                    case 1: bytes.insert(c, at: min(at, bytes.count))
                    default: if at < bytes.count { bytes.remove(at: at) }
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                let fast = Self.cached(cache, text)
                if let fast {
                    accepted += 1
                    #expect(fast == Self.full(text), "\(text)")
                }
            }
        }
        // The perturbations keep many texts in the exact shape, so the shortcut is exercised.
        #expect(accepted > 2_000)
    }

    @Test func declinesOtherDaysAndLooseShapes() {
        let cache = Self.cache(for: "2024-03-01T08:15:00Z")
        for text in [
            "2024-03-02T08:15:00Z", "2024-03-01X08:15:00Z", "2024-03-01T08:15Z", "2024-03-01T08:15:00Z ",
            " 2024-03-01T08:15:00Z", "2024-03-01T24:00:00Z", "2024-03-01T08:15:60Z", "2024-03-01T08:15:00.Z",
            "2024-03-01T08:15:00+05:", "2024-03-01T08:15:00+0503x",
        ] {
            #expect(Self.cached(cache, text) == nil, "\(text)")
        }
        #expect(Self.cached(ISODayCache(), "2024-03-01T08:15:00Z") == nil)
        #expect(Self.cached(Self.cache(for: "2024-02-30T00:00:00Z"), "2024-02-30T00:00:00Z") == nil)
    }
}
