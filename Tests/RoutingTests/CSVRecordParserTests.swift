import Testing
@testable import Routing

@Suite struct CSVRecordParserTests {
    /// The 8-bytes-a-step scan finds the first delimiter or newline wherever it is, UTF-8 included.
    @Test func scanFindsTheFirstDelimiterOrNewline() {
        let base = Array("héllo wörld, ünïcode".utf8)
        for length in 0...base.count {
            for target in [UInt8(0x2C), 0x0A] {
                var bytes = Array(base.prefix(length)).map { $0 == 0x2C ? 0x2D : $0 }
                for position in 0...bytes.count {
                    var probe = bytes
                    if position < probe.count { probe[position] = target }
                    let expected = position < probe.count ? position : probe.count
                    let found = probe.withUnsafeBufferPointer { p in
                        CSVRecordParser.scan(p.baseAddress!, from: 0, end: p.count, delimiter: 0x2C)
                    }
                    #expect(found == expected, "length \(length) position \(position)")
                }
                bytes.removeAll()
            }
        }
    }

    @Test func parsesQuotedFieldsDoubledQuotesAndCRLF() {
        let text = Array("a,\"b,\"\"c\"\"\",d\r\nnext".utf8)
        let fields = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: 8)
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer {
            fields.deallocate()
            scratch.deallocate()
        }
        text.withUnsafeBufferPointer { p in
            let outcome = CSVRecordParser().parse(p.baseAddress!, start: 0, end: p.count, atEOF: true, fields: fields, scratch: scratch)
            guard case .record(let next, let count, let newlines) = outcome else {
                Issue.record("expected a record, got \(outcome)")
                return
            }
            #expect(count == 3 && newlines == 1 && next == 15)
            #expect((0..<3).map { String(decoding: fields[$0].bytes, as: UTF8.self) } == ["a", "b,\"c\"", "d"])
        }
    }
}
