import Testing
@testable import EventLog

/// The block splitter (`sy_csv_split_plain_row`, AVX2 or SSE2) reads rows without quotes;
/// the byte loop reads the rest. Both must see every row the same way, and the case records' raw-span
/// comparison must give the columns that comparing cell by cell gives.
@Suite("CSV block splitter")
struct CSVBlockSplitterTests {
    /// Everything the scanner tells about one row.
    struct RowView: Equatable {
        var status: String
        var line = 0, rowStart = 0, rowEnd = 0, position = 0
        var special = false
        var problem: CSVQuoteProblem?
        var cells: [[UInt8]] = []
        var missing: [Bool] = [], quoted: [Bool] = []
    }

    static func rows(_ bytes: [UInt8], blockSplitter: CSVBlockSplitter) -> [RowView] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            var scanner = CSVScanner(base: base, count: buffer.count, delimiter: 0x2C, position: 0, line: 1)
            scanner.blockSplitter = blockSplitter
            defer { scanner.deallocate() }
            var out: [RowView] = []
            while true {
                let status = scanner.nextRow()
                var view = RowView(status: "\(status)")
                if status == .end { break }
                view.line = scanner.rowLine
                view.rowStart = scanner.rowStart
                view.rowEnd = scanner.rowEnd
                view.position = scanner.position
                if status == .row {
                    view.special = scanner.rowHasSpecialBytes
                    view.problem = scanner.rowProblem
                    for j in 0..<scanner.fieldCount {
                        view.cells.append(Array(scanner.bytes(j)))
                        view.missing.append(scanner.isMissing(j))
                        view.quoted.append(scanner.isQuoted(j))
                    }
                }
                out.append(view)
            }
            return out
        }
    }

    /// Rows of random cells: plain, empty, quoted with delimiters, doubled quotes and line
    /// breaks inside, non-ASCII and NUL bytes; every kind of line end; short and long rows.
    static func randomCSV(rows: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix(seed: seed)
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("order-000123".utf8), [], Array("é€ü".utf8), [0],
            Array("\"q,uo\"\"ted\"".utf8), Array("\"two\nlines\"".utf8), Array("text \"inside\" unquoted".utf8),
            Array(String(repeating: "long cell ", count: 8).utf8), Array("\"\"".utf8), Array("x\"y".utf8),
        ]
        let ends: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D], [0x0A, 0x0A]]
        var bytes: [UInt8] = []
        for _ in 0..<rows {
            let fields = 1 + Int(rng.next() % 14)
            for f in 0..<fields {
                if f > 0 { bytes.append(0x2C) }
                // Mostly plain cells, so that most rows take the block splitter.
                let r = Int(rng.next() % 100)
                bytes += r < 80 ? pieces[Int(rng.next() % 5)] : pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            bytes += ends[Int(rng.next() % UInt64(ends.count))]
        }
        if rng.next() % 2 == 0 { bytes.removeLast() }
        return bytes
    }

    @Test func blockSplitterAndByteLoopSeeEveryRowAlike() {
        for seed in 0..<40 as Range<UInt64> {
            let bytes = Self.randomCSV(rows: 30 + Int(seed) * 7, seed: seed)
            let loop = Self.rows(bytes, blockSplitter: .off)
            for splitter in [CSVBlockSplitter.fastest, .sse2] {
                let block = Self.rows(bytes, blockSplitter: splitter)
                #expect(block.count == loop.count, "seed \(seed), \(splitter)")
                if let i = block.indices.first(where: { $0 < loop.count && block[$0] != loop[$0] }) {
                    Issue.record("seed \(seed), \(splitter), row \(i): \(block[i]) vs \(loop[i])")
                }
            }
        }
    }

    @Test func rowsNearTheEndOfTheInputAndUnterminatedQuotesAgree() {
        let texts = [
            "a,b,c", "a,b,c\n", "a,b,c\r", "a,b\r\nc,d", "x,\"never closed,y\nz,w\n" + String(repeating: "p,q\n", count: 20),
            String(repeating: "0123456789,", count: 10) + "\n" + String(repeating: "ab,", count: 30),
            String(repeating: "plain,row,of,cells\r\n", count: 50) + "\"quoted\",last",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let loop = Self.rows(bytes, blockSplitter: .off)
            #expect(Self.rows(bytes, blockSplitter: .fastest) == loop, "\(text.debugDescription)")
            #expect(Self.rows(bytes, blockSplitter: .sse2) == loop, "\(text.debugDescription)")
        }
    }

    /// The same log written twice: cells as they are, and every non-empty attribute cell
    /// quoted (which keeps those rows off the block splitter and off the span comparison).
    /// `resourceFirst` puts the resource column before the attribute columns, so that these
    /// sit side by side.
    static func plainAndQuoted(
        rows: Int, resourceFirst: Bool, cell: (_ row: Int, _ caseNumber: Int) -> [String]
    ) -> (String, String) {
        var rng = SplitMix(seed: 11)
        var plain = "case,activity,timestamp,"
            + (resourceFirst ? "resource,region" : "region,resource") + ",tier,note,value\n"
        var quoted = plain
        for i in 0..<rows {
            let c = Int(rng.next() % 200)
            var cells = cell(i, c)
            if resourceFirst { cells.swapAt(0, 1) }
            func row(_ quote: Bool) -> String {
                let attributes = cells.map { v in v.isEmpty || !quote ? v : "\"\(v)\"" }
                return "c\(c),a\(i % 4),2024-01-\(10 + i % 9)T08:00:\(10 + i % 50)Z," + attributes.joined(separator: ",") + "\n"
            }
            plain += row(false)
            quoted += row(true)
        }
        return (plain, quoted)
    }

    @Test func quotingTheAttributeCellsChangesNothing() throws {
        let regions = ["EU", "US", "APAC", ""], tiers = ["gold", "silver", ""]
        // region and value constant per case, tier constant except in a few cases, note per event.
        let (plain, quoted) = Self.plainAndQuoted(rows: 3_000, resourceFirst: false) { i, c in
            let tier = c % 37 == 0 ? tiers[i % tiers.count] : tiers[c % tiers.count]
            return [regions[c % regions.count], "r\(i % 7)", tier, i % 5 == 0 ? "n\(i)" : "", "\(c).5"]
        }
        let a = try CSVTesting.read(plain).log
        let b = try CSVTesting.read(quoted).log
        #expect(CSVTesting.canonical(a) == CSVTesting.canonical(b))
        #expect(a.caseAttributes.map(\.name) == ["region", "value"])
        #expect(a.eventAttributes.map(\.name) == ["tier", "note"])
    }

    /// A column that varies from the start while new cases keep coming: the first row of each
    /// new case refers to its cells inside the record's raw span.
    @Test func perEventCellsOfNewCasesPointIntoTheRawSpan() throws {
        let (plain, quoted) = Self.plainAndQuoted(rows: 3_000, resourceFirst: true) { i, c in
            ["EU\(c % 3)", "r\(i % 7)", "gold", i % 4 == 0 ? "" : "note-\(i)", "\(c).5"]
        }
        let a = try CSVTesting.read(plain).log
        let b = try CSVTesting.read(quoted).log
        #expect(CSVTesting.canonical(a) == CSVTesting.canonical(b))
        #expect(a.eventAttributes.map(\.name) == ["note"])
    }

    /// Every column constant within cases but one cell, late in the file, of the same length
    /// as the case's value: only the bytes tell it apart.
    @Test func aLateCellOfTheSameLengthStillMakesItsColumnVary() throws {
        let (plain, quoted) = Self.plainAndQuoted(rows: 3_000, resourceFirst: true) { i, c in
            let tier = i == 2_990 ? "gild" : "gold"
            return ["EU\(c % 3)", "r\(c % 7)", tier, "n\(c)", "\(c).5"]
        }
        let a = try CSVTesting.read(plain).log
        let b = try CSVTesting.read(quoted).log
        #expect(CSVTesting.canonical(a) == CSVTesting.canonical(b))
        #expect(a.caseAttributes.map(\.name) == ["region", "note", "value"])
        #expect(a.eventAttributes.map(\.name) == ["tier"])
    }
}
