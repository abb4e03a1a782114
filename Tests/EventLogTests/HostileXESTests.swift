import Foundation
import Testing

@testable import EventLog

/// Hostile XES files the existing suites do not cover. Already covered elsewhere (not
/// repeated here): DOCTYPE/ENTITY declarations (billion laughs) refused, unknown entities,
/// 100 000-deep nesting, empty, binary and UTF-16 files, invalid UTF-8, truncated XML
/// (`XESMalformedInputTests`); more than 1024 attribute keys refused (the XES form of
/// "100 000 columns"); gzip cut at three points, corrupt CRC, a bomb with a tight ratio
/// (`GzipStreamTests`); random damage (`XESMutationTests`); duplicate trace ids merging
/// (`XESAttributeTests.traceIdentityRules`).
@Suite struct HostileXESTests {
    /// Regression: `&#x+41;` and `&#+65;` were read as `A` (the number parser takes a sign).
    @Test func characterReferencesOutsideXMLAreRefused() throws {
        for reference in ["&#0;", "&#x0;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#xFFFE;", "&#99999999999;", "&#;", "&#x;", "&#-65;", "&#x+41;", "&#+65;"] {
            guard let error = try XESSample.error(XESSample.trace(XESSample.event("a" + reference))) else {
                Issue.record("\(reference) was accepted: \(try XESSample.readText(XESSample.trace(XESSample.event("a" + reference))).log.activities.strings)")
                continue
            }
            #expect(error.kind == .malformedXML, "\(reference)")
            #expect(error.line == 6, "\(reference)")
            #expect(error.reason == "character reference to a code point XML does not allow", "\(reference)")
            #expect(error.found == reference, "\(reference)")
        }
        // The largest allowed ones decode.
        let log = try XESSample.readText(XESSample.trace(XESSample.event("&#x10FFFF;&#xFFFD;&#9;"))).log
        #expect(log.activities.strings == ["\u{10FFFF}\u{FFFD}\t"])  // a referenced tab is kept, not normalised
    }

    /// A 10 MB attribute value on one line reads whole.
    @Test func tenMegabyteValue() throws {
        let big = String(repeating: "x", count: 10 << 20)
        let result = try XESSample.readText(XESSample.trace(XESSample.event("a", extra: "<string key=\"note\" value=\"\(big)\"/>")))
        #expect(result.log.eventCount == 1)
        #expect(result.log.eventAttribute("note")?.value(at: 0) == .string(big))
    }

    /// Cut after every one of the first 40 bytes of a gzip file: always a clean error.
    @Test func gzipCutInItsFirstBytes() throws {
        let whole = try XESSample.gzip(Array(XESSample.trace(XESSample.event("a")).utf8))
        var kinds: [Int: ImportError.Kind] = [:]
        for cut in 1...40 {
            let path = try XESSample.file(bytes: Array(whole[..<cut]), name: "cut.xes.gz")
            let error = try #require(XESSample.error(path: path), "cut at \(cut)")
            kinds[cut] = error.kind
            #expect(!error.reason.isEmpty)
        }
        #expect(kinds[1] == .malformedXML)  // one byte is not even the gzip magic
        #expect((2...40).allSatisfy { kinds[$0] == .truncated }, "\(kinds.sorted { $0.key < $1.key })")
        let header = try #require(XESSample.error(path: try XESSample.file(bytes: Array(whole[..<5]), name: "h.xes.gz")))
        #expect(header.reason == "the gzip stream ends early after 0 inflated bytes (the file is truncated)")
    }

    /// A real gzip bomb (16 MiB of spaces compress about 1 026 : 1) is refused at the
    /// default ratio before it is inflated.
    @Test func gzipBombIsRefusedAtTheDefaultRatio() throws {
        let text = XESSample.trace(XESSample.event("a") + String(repeating: " ", count: 16 << 20) + XESSample.event("b"))
        let compressed = try XESSample.gzip(Array(text.utf8))
        #expect(compressed.count < (16 << 20) / 1000)
        let path = try XESSample.file(bytes: compressed, name: "bomb.xes.gz")
        let error = try #require(XESSample.error(path: path))
        #expect(error.kind == .tooLarge)
        #expect(error.reason == "refusing to inflate: the data grows past 1000 times the compressed size "
            + "(\(compressed.count) bytes), which looks like a gzip bomb; raise maxInflateRatio if the file is genuine")
    }

    @Test func gzipOfBinaryNoise() throws {
        var rng = SplitMix(seed: 5)
        let noise = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) | 0x80 }
        let error = try #require(XESSample.error(path: try XESSample.file(bytes: noise, name: "noise.xes.gz", gzip: true)))
        #expect(error.kind == .malformedXML)
        #expect(error.line == 1)
        #expect(error.reason == "unexpected text between elements (not a XES file, or corrupt)")
    }

    /// 50 000 traces of one event each; one in a thousand has a bad timestamp.
    @Test func everyTraceWithOneEvent() throws {
        var text = "<log>\n"
        for t in 0..<50_000 {
            let time = t % 1000 == 999 ? "yesterday" : "2024-01-01T00:00:00Z"
            text += "<trace><string key=\"concept:name\" value=\"t\(t)\"/><event><string key=\"concept:name\" value=\"a\"/>"
                + "<date key=\"time:timestamp\" value=\"\(time)\"/></event></trace>\n"
        }
        text += "</log>\n"
        let result = try XESSample.readText(text)
        #expect(result.rowsRead == 50_000)
        #expect(result.rejected.count == 50)
        #expect(result.rejected.first?.line == 1001)
        #expect(result.log.eventCount == 49_950)
        #expect(result.log.caseCount == 49_950)
        #expect(result.log.caseOffsets == Array(0...49_950))
    }

    /// One trace holding 30 000 events in a 3 MB plain file, read with a 1 MB segment
    /// threshold: it cannot be cut at a trace boundary, so the parallel read falls back to
    /// one pass and gives the same log.
    @Test func oneHugeTraceReadInParallelEqualsOnePass() throws {
        var text = "<log>\n<trace>\n<string key=\"concept:name\" value=\"only\"/>\n"
        for e in 0..<30_000 {
            let minute = 59 - e % 60  // counts down: the log must sort
            text += "<event><string key=\"concept:name\" value=\"a\(e % 7)\"/><date key=\"time:timestamp\" value=\"2024-01-01T00:"
                + (minute < 10 ? "0" : "") + "\(minute):00Z\"/><int key=\"n\" value=\"\(e)\"/></event>\n"
        }
        text += "</trace>\n</log>\n"
        let path = try XESSample.file(text)
        var one = ImportOptions()
        one.threads = 1
        var two = ImportOptions()
        two.threads = 2
        let single = try XESSample.read(path, one, parallelThreshold: 1 << 20)
        let parallel = try XESSample.read(path, two, parallelThreshold: 1 << 20)
        #expect(single.log.caseCount == 1 && single.log.eventCount == 30_000)
        #expect(XESLogComparison.difference(single.log, parallel.log) == nil)
        #expect(single.log.eventAttribute("n")?.value(at: 0) == .int(59))  // the first event at minute 00
        #expect(single.log.eventAttribute("n")?.value(at: 1) == .int(119))  // ties keep file order
    }
}
