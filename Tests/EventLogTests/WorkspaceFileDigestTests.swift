import Foundation
import Testing
@testable import EventLog

@Suite struct WorkspaceFileDigestTests {
    @Test func fileDigestMatchesKnownVectors() throws {
        let path = try temporaryWorkspacePath() + ".txt"
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        let (hex, size) = try FileDigest(path: path).wait()
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(size == 3)
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try FileDigest(path: path).wait().0 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func systemLibraryAndSwiftAgreeAcrossBlockBoundaries() throws {
        let bytes = (0..<(1 << 20) + 77).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let fast = StreamingSHA256(), portable = StreamingSHA256(useSystemLibrary: false)
        #expect(!portable.usesSystemLibrary)
        bytes.withUnsafeBytes { raw in
            var offset = 0, step = 1
            while offset < raw.count {
                let slice = UnsafeRawBufferPointer(rebasing: raw[offset..<min(offset + step, raw.count)])
                fast.update(slice)
                portable.update(slice)
                offset += step
                step = step * 7 % 100_003 + 1
            }
        }
        let expected = SHA256.hex(bytes)
        #expect(fast.finalize().map { String(format: "%02x", $0) }.joined() == expected)
        #expect(portable.finalize().map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test func missingFileIsAnImportError() {
        #expect(throws: ImportError.self) { try FileDigest(path: "/nonexistent/x.csv").wait() }
    }
}
