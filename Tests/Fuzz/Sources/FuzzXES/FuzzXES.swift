import EventLog
import FuzzSupport

/// libFuzzer entry point: the first byte picks reader options, the rest is a XES file as
/// bytes (plain, or gzip when it starts with the gzip magic). Checks the accounting and the
/// log's invariants, and that the XES writer's output reads back to the same log.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXES(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let options = FuzzOptions(flags: data[0]).options
    let path = FuzzInput.write(UnsafeRawBufferPointer(start: data + 1, count: size - 1), name: "input.xes")
    XESRoundTrip.check(path, options: options, context: "XES")
    return 0
}
