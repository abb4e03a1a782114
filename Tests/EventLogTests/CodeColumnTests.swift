import Foundation
import Testing
@testable import EventLog

@Suite struct CodeColumnTests {
    @Test func anAbsentColumnReadsMissingAndEqualsStoredMissingCodes() {
        let absent = CodeColumn(absent: 3)
        #expect(absent.isAbsent)
        #expect(absent.count == 3)
        #expect(Array(absent) == [StringPool.missing, StringPool.missing, StringPool.missing])
        #expect(absent.codes == [StringPool.missing, StringPool.missing, StringPool.missing])
        #expect(CodeColumn([StringPool.missing, StringPool.missing, StringPool.missing]).isAbsent)
        #expect(absent == CodeColumn([StringPool.missing, StringPool.missing, StringPool.missing]))
        #expect(absent != CodeColumn(absent: 2))
        #expect(absent != CodeColumn([StringPool.missing, 0, StringPool.missing]))
        #expect(absent.bytesPerEvent == 0)
    }

    @Test func theFirstPresentCodeStoresTheColumn() {
        var column = CodeColumn()
        column.append(StringPool.missing)
        column.append(StringPool.missing)
        #expect(column.isAbsent)
        column.append(7)
        column.append(StringPool.missing)
        #expect(!column.isAbsent)
        #expect(Array(column) == [StringPool.missing, StringPool.missing, 7, StringPool.missing])
        #expect(column.withUnsafeBufferPointer { Array($0) } == column.codes)
        #expect(column.bytesPerEvent == 4)
    }

    @Test func aCSVWithoutResourceGroupOrLifecycleStoresNoCodesForThem() throws {
        let text = "case,activity,timestamp\nc1,A,2024-01-01T00:00:00Z\nc1,B,2024-01-01T01:00:00Z\nc2,A,2024-01-02T00:00:00Z\n"
        var log = try CSVTesting.read(text).log
        log.name = "plain"
        #expect(log.eventCount == 3)
        #expect(log.resource.isAbsent && log.group.isAbsent && log.lifecycle.isAbsent)
        #expect(log.resource.count == 3 && log.lifecycle[2] == StringPool.missing)

        let workspace = try Workspace(path: try temporaryWorkspacePath())
        try workspace.store(log, as: "plain")
        let loaded = try workspace.loadLog(named: "plain")
        #expect(loaded == log)
        #expect(loaded.lifecycle.isAbsent)
    }

    @Test func aColumnWithSomeValuesKeepsThem() throws {
        let text = "case,activity,timestamp,resource\nc1,A,2024-01-01T00:00:00Z,\nc1,B,2024-01-01T01:00:00Z,Ann\n"
        let log = try CSVTesting.read(text).log
        #expect(!log.resource.isAbsent)
        #expect(log.resources.optionalString(log.resource[0]) == nil)
        #expect(log.resources.optionalString(log.resource[1]) == "Ann")
    }
}

@Suite struct StringPoolDroppedHashesTests {
    @Test func lookupsAndInternsStayCorrectAfterDroppingHashes() {
        var pool = StringPool()
        let words = (0..<5_000).map { "value-\($0 * 7919 % 10_007)" }
        for w in words { _ = pool.intern(w) }
        let before = pool
        pool.dropHashes()
        #expect(pool == before)
        for (i, w) in words.enumerated() { #expect(pool.code(of: w) == before.code(of: w), "\(i)") }
        #expect(pool.code(of: "absent") == nil)
        // Interning more grows the table several times, rehashing from the bytes.
        for i in 0..<20_000 { _ = pool.intern("more-\(i)") }
        #expect(pool.count == before.count + 20_000)
        #expect(pool.code(of: "more-19999") == UInt32(before.count + 19_999))
        #expect(pool.intern(words[0]) == before.code(of: words[0]))
        #expect(pool.string(UInt32(before.count)) == "more-0")
    }
}
