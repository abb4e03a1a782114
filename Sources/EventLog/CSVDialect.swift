/// The byte-level conventions of a CSV file: where the text starts (after a UTF-8 byte
/// order mark) and which delimiter separates the fields.
struct CSVDialect: Sendable, Equatable {
    /// Offset of the header line (3 when the file starts with a UTF-8 BOM).
    var headerStart: Int
    /// The field delimiter.
    var delimiter: UInt8

    /// Delimiters tried, in order of preference on a tie.
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]  // , ; tab |

    /// Reads the dialect of `bytes`, using `delimiter` when given. Refuses inputs that are
    /// empty, UTF-16/32 encoded, or binary, with a message saying what was found.
    static func detect(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8?, file: String) throws(ImportError) -> CSVDialect {
        guard bytes.count > 0 else {
            throw ImportError(.emptyInput, file: file, expected: "a header line naming the columns", reason: "the file is empty")
        }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw ImportError(
                .invalidEncoding, file: file, line: 1, expected: "UTF-8 text",
                reason: "the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8")
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        guard start < bytes.count else {
            throw ImportError(.emptyInput, file: file, expected: "a header line naming the columns", reason: "the file holds only a byte order mark")
        }
        if let delimiter {
            guard delimiter != CSVScanner.quote, delimiter != CSVScanner.lf, delimiter != CSVScanner.cr else {
                throw ImportError(
                    .invalidValue, file: file, expected: "a delimiter other than a quote or a line end",
                    found: String(decoding: [delimiter], as: UTF8.self), reason: "unusable delimiter")
            }
            return CSVDialect(headerStart: start, delimiter: delimiter)
        }
        return CSVDialect(headerStart: start, delimiter: guessDelimiter(bytes, from: start))
    }

    /// The candidate that occurs most often outside quotes on the header line (`,` when
    /// none does). Cost: one pass over at most 64 KB of the header line.
    static func guessDelimiter(_ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt8 {
        var counts = (0, 0, 0, 0)
        var inQuotes = false
        // The first 64 KB of the header line are plenty to tell.
        for c in bytes[start..<min(bytes.count, start + 65_536)] {
            if c == CSVScanner.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                switch c {
                case 0x0A, 0x0D: break
                case 0x2C: counts.0 += 1
                case 0x3B: counts.1 += 1
                case 0x09: counts.2 += 1
                case 0x7C: counts.3 += 1
                default: continue
                }
                if c == 0x0A || c == 0x0D { break }
            }
        }
        let all = [counts.0, counts.1, counts.2, counts.3]
        var best = 0
        for k in 1..<candidates.count where all[k] > all[best] { best = k }
        return candidates[best]
    }
}

/// UTF-8 checks on raw bytes.
enum CSVText {
    /// Offset of the first byte that breaks UTF-8 (overlong forms, surrogates and code
    /// points past U+10FFFF included), or `nil` when the bytes are valid.
    static func firstInvalidUTF8(_ b: UnsafeRawBufferPointer) -> Int? {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let second = b[i + 1]
            guard second >= lo && second <= hi else { return i }
            var k = 2
            while k <= need {
                guard b[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }

    /// Offset of the first NUL byte, or `nil`.
    static func firstNUL(_ b: UnsafeRawBufferPointer) -> Int? {
        guard let base = b.baseAddress, b.count > 0, let hit = memchr(base, 0, b.count) else { return nil }
        return UnsafeRawPointer(hit) - base
    }

    /// `s` cut to `limit` characters with an ellipsis, for messages.
    static func clip(_ s: String, _ limit: Int = 60) -> String {
        guard s.utf8.count > limit, s.prefix(limit).endIndex != s.endIndex else { return s }
        return String(s.prefix(limit - 1)) + "…"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
