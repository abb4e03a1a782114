import EventLog
import FuzzSupport

/// libFuzzer entry point: the first byte picks reader options, the rest is XES text that is
/// gzip-compressed before reading, so the XES parser is driven through the inflating source
/// (and, with two threads, the read-ahead thread). Raw gzip bytes are fuzzed by `FuzzXES`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXESGzip(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let options = FuzzOptions(flags: data[0]).options
    guard let compressed = Gzip.compress(UnsafeRawBufferPointer(start: data + 1, count: size - 1)) else {
        FuzzInput.fail("zlib could not compress the input")
    }
    let path = compressed.withUnsafeBytes { FuzzInput.write($0, name: "input.xes.gz") }
    XESRoundTrip.check(path, options: options, context: "XES.gz")
    return 0
}
