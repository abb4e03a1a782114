import EventLog
import FuzzSupport

/// libFuzzer entry point for ``ISO8601Parser``: any accepted text lies in the years 1–9999
/// and prints back (``Timestamp/iso8601(_:)``) to text that parses to the same instant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzISO8601(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let parsed = ISO8601Parser.parse(bytes) else { return 0 }
    if parsed.micros < Timestamp.minimum || parsed.micros > Timestamp.maximum {
        FuzzInput.fail("ISO8601: \(parsed.micros) outside the years 1–9999 for '\(String(decoding: bytes, as: UTF8.self))'")
    }
    let text = Timestamp.iso8601(parsed.micros)
    guard let again = ISO8601Parser.parse(text) else {
        FuzzInput.fail("ISO8601: printed '\(text)' does not parse (from '\(String(decoding: bytes, as: UTF8.self))')")
    }
    if again.micros != parsed.micros || !again.hasOffset {
        FuzzInput.fail("ISO8601: '\(text)' parses to \(again.micros), not \(parsed.micros)")
    }
    // The same text with surrounding spaces means the same instant.
    if ISO8601Parser.parse(" " + String(decoding: bytes, as: UTF8.self) + " ") != parsed, !bytes.contains(where: { $0 >= 0x80 }) {
        FuzzInput.fail("ISO8601: surrounding spaces change the result of '\(String(decoding: bytes, as: UTF8.self))'")
    }
    return 0
}
