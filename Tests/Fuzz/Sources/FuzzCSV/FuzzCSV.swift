import EventLog
import FuzzSupport

/// libFuzzer entry point: the first byte picks reader options, the rest is a CSV file.
/// Checks the accounting and the log's invariants, and that the CSV writer's output reads
/// back to the same log.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let options = FuzzOptions(flags: data[0]).options
    let path = FuzzInput.write(UnsafeRawBufferPointer(start: data + 1, count: size - 1), name: "input.csv")
    let result: ImportResult
    do {
        result = try CSVLogReader.read(path, options: options, progress: nil)
    } catch {
        LogInvariants.check(error, "CSV")
        return 0
    }
    LogInvariants.check(result, "CSV")
    guard result.log.eventCount > 0 else { return 0 }
    let written = CSVLogWriter.render(result.log)
    let back = written.withUnsafeBytes { FuzzInput.write($0, name: "written.csv") }
    do {
        let again = try CSVLogReader.read(back, options: ImportOptions(), progress: nil)
        if !again.rejected.isEmpty {
            FuzzInput.fail("CSV round trip: written file has rejected rows: \(again.rejected.prefix(3))")
        }
        if let difference = LogComparison.difference(result.log, again.log) {
            FuzzInput.fail("CSV round trip: \(difference)")
        }
    } catch {
        FuzzInput.fail("CSV round trip: the written file does not read: \(error)")
    }
    return 0
}
