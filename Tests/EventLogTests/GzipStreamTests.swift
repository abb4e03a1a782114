import Foundation
import Testing

@testable import EventLog

@Suite struct GzipStreamTests {
    /// Deterministic text-like bytes.
    static func sampleBytes(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var state: UInt64 = 0x1234_5678
        let words = ["trace", "event", "concept:name", "2024-01-01", "value", " ", "\n", "<", ">", "Résumé", "🚚"].map { Array($0.utf8) }
        while bytes.count < count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(contentsOf: words[Int(state >> 33) % words.count])
        }
        return Array(bytes.prefix(count))
    }

    @Test func inflatesIntoTinyBuffersExactly() throws {
        let original = Self.sampleBytes(300_000)
        let path = try XESSample.file(bytes: original, name: "sample.gz", gzip: true)
        for outSize in [1, 7, 4096, 1 << 20] {
            let source = try GzipFileSource(file: try XESInputFile(path: path), maxRatio: 1000, inputChunk: 16)
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: outSize)
            while true {
                let n = try chunk.withUnsafeMutableBytes { (raw) throws(ImportError) in try source.read(into: raw) }
                if n == 0 { break }
                out.append(contentsOf: chunk[0..<n])
            }
            #expect(out == original, "output buffer of \(outSize) bytes")
            #expect(source.inflatedBytes == original.count)
        }
    }

    @Test func readsTheSameLogWhateverTheChunkSize() throws {
        for (file, chunks) in [("roadtraffic100traces.xes", [7, 61, 4093]), ("receipt.xes.gz", [4093])] {
            let path = XESFixtures.log(file)
            let whole = try XESSample.read(path).log
            for chunk in chunks {
                let pieces = try XESSample.read(path, chunkSize: chunk).log
                #expect(pieces == whole, "\(file) in chunks of \(chunk)")
            }
        }
    }

    @Test func readsMultiMemberGzipAndDetectsGzipByMagic() throws {
        let text = Array(try String(contentsOfFile: XESFixtures.log("running-example.xes"), encoding: .utf8).utf8)
        let half = text.count / 2
        let joined = try XESSample.gzip(Array(text[..<half])) + XESSample.gzip(Array(text[half...]))
        let multi = try XESSample.read(try XESSample.file(bytes: joined, name: "multi.xes.gz")).log
        let plain = try XESSample.read(XESFixtures.log("running-example.xes")).log
        #expect(XESLogComparison.difference(multi, plain) == nil)
        #expect(multi.eventCount == 42)

        // Named .xes but compressed, and named .xes.gz but plain: the bytes decide.
        let disguised = try XESSample.file(bytes: try XESSample.gzip(text), name: "disguised.xes")
        #expect(try XESSample.read(disguised).log.eventCount == 42)
        let plainGz = try XESSample.file(bytes: text, name: "plain.xes.gz")
        #expect(try XESSample.read(plainGz).log.eventCount == 42)
    }

    @Test func truncatedGzipIsReported() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: XESFixtures.log("helpdesk.xes.gz"))))
        for cut in [bytes.count / 2, bytes.count - 4, 12] {
            let path = try XESSample.file(bytes: Array(bytes[..<cut]), name: "cut.xes.gz")
            let error = try #require(XESSample.error(path: path), "cut at \(cut)")
            #expect(error.kind == .truncated, "cut at \(cut)")
            #expect(error.file == path)
            #expect(error.reason.contains("the gzip stream ends early after"), "cut at \(cut)")
        }
    }

    @Test func corruptGzipIsReported() throws {
        let text = Array(try String(contentsOfFile: XESFixtures.log("running-example.xes"), encoding: .utf8).utf8)
        var bytes = try XESSample.gzip(text)
        bytes[bytes.count - 8] ^= 0xFF  // the CRC-32 of the member
        let error = try #require(XESSample.error(path: try XESSample.file(bytes: bytes, name: "crc.xes.gz")))
        #expect(error.kind == .unreadable)
        #expect(error.reason.hasPrefix("corrupt gzip data near compressed byte"))
        #expect(error.reason.hasSuffix("incorrect data check"))
    }

    @Test func refusesAGzipBomb() throws {
        let padding = String(repeating: " ", count: 4 << 20)
        let text = XESSample.trace(XESSample.event("a") + padding + XESSample.event("b"))
        let path = try XESSample.file(text, name: "bomb.xes.gz", gzip: true)
        var tight = ImportOptions()
        tight.maxInflateRatio = 100
        let error = try #require(XESSample.error(path: path, tight))
        #expect(error.kind == .tooLarge)
        #expect(error.reason.hasPrefix("refusing to inflate: the data grows past 100 times the compressed size"))

        var generous = ImportOptions()
        generous.maxInflateRatio = 1_000_000
        #expect(try XESSample.read(path, generous).log.eventCount == 2)
    }
}
