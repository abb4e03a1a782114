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
