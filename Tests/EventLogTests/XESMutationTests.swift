import Foundation
import Testing

@testable import EventLog

/// Randomly damaged XES must read or fail with an ``ImportError``, never crash or hang,
/// and a successful read must account for every event.
@Suite struct XESMutationTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    static func mutate(_ bytes: [UInt8], _ g: inout Generator) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + g.next(4)) {
            guard !out.isEmpty else { break }
            let at = g.next(out.count)
            switch g.next(6) {
            case 0: out[at] = UInt8(g.next(256))
            case 1: out.insert(contentsOf: Array(["<", ">", "\"", "&", "/", "<!DOCTYPE x>", "&#0;", "\u{0}"][g.next(8)].utf8), at: at)
            case 2: out.removeSubrange(at..<min(out.count, at + g.next(40)))
            case 3: out = Array(out[..<at])
            case 4: out.insert(contentsOf: out[at..<min(out.count, at + g.next(200))], at: g.next(out.count))
            default: out[at] = [0x3C, 0x3E, 0x22, 0x27, 0x26, 0x0A, 0x80, 0xFF][g.next(8)]
            }
        }
        return out
    }

    @Test func damagedDocumentsFailCleanly() throws {
        let original = Array(try String(contentsOfFile: XESFixtures.log("running-example.xes"), encoding: .utf8).utf8)
        var g = Generator(state: UInt64(ProcessInfo.processInfo.environment["XES_SEED"] ?? "42") ?? 42)
        var failures = 0
        for round in 0..<(Int(ProcessInfo.processInfo.environment["XES_ROUNDS"] ?? "400") ?? 400) {
            let damaged = Self.mutate(original, &g)
            let path = try XESSample.file(bytes: damaged, name: "m\(round).xes", gzip: round % 5 == 0)
            var options = ImportOptions()
            options.threads = [1, 2, 3][round % 3]
            do throws(ImportError) {
                let result = try XESSample.read(
                    path, options, chunkSize: [7, 64, 1 << 20][round % 3], parallelThreshold: round % 2 == 0 ? 0 : 1 << 24)
                #expect(result.rowsRead == result.log.eventCount + result.rejected.count)
            } catch {
                failures += 1
                #expect(!error.reason.isEmpty)
                #expect(error.file == path)
            }
        }
        #expect(failures > 100)
    }

    @Test func damagedGzipFailsCleanly() throws {
        let gz = Array(try Data(contentsOf: URL(fileURLWithPath: XESFixtures.log("sepsis_1t_per_variant.xes.gz"))))
        var g = Generator(state: 7)
        for round in 0..<60 {
            var damaged = gz
            for _ in 0..<(1 + g.next(3)) {
                let at = 10 + g.next(damaged.count - 10)
                damaged[at] ^= UInt8(1 + g.next(255))
            }
            let path = try XESSample.file(bytes: damaged, name: "g\(round).xes.gz")
            do throws(ImportError) {
                let result = try XESSample.read(path)
                #expect(result.rowsRead == result.log.eventCount + result.rejected.count)
            } catch {
                #expect([.unreadable, .truncated, .malformedXML, .invalidEncoding, .refusedDeclaration, .tooLarge].contains(error.kind))
            }
        }
    }
}
