/// Finds YAML mapping keys that are not plain text: an explicit `? ` key, a flow list or
/// mapping used as a key (`[a]: 1`, `{a: b}: 1`) or an alias used as a key (`*a : 1`).
///
/// A profile never needs them, and Yams's duplicate-key check compares such keys in time
/// exponential in their nesting: a 1 KB file of nested `? ` keys took minutes. Checked on
/// the bytes before parsing; quoted text and comments are skipped. Cost: one pass.
enum YAMLKeyCheck {
    /// The 1-based line of the first non-text key, or `nil`.
    static func firstComplexKey(_ text: String) -> Int? {
        let b = Array(text.utf8)
        let n = b.count
        var line = 1
        var i = 0
        /// The last character before `i` on this line that is not a space (0 at line start).
        var previous: UInt8 = 0
        func isBlank(_ k: Int) -> Bool { k >= n || b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0A || b[k] == 0x0D }
        func startsToken(_ c: UInt8) -> Bool { c == 0 || "-?:[{,".utf8.contains(c) }
        /// Whether a `:` that ends a key follows position `k` (after spaces).
        func keyColonAfter(_ k: Int) -> Bool {
            var j = k
            while j < n && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
            return j < n && b[j] == UInt8(ascii: ":") && (isBlank(j + 1) || ",]}".utf8.contains(b[j + 1]))
        }
        while i < n {
            let c = b[i]
            switch c {
            case 0x0A, 0x0D:  // a line break is LF, CR LF or CR alone
                line += 1
                previous = 0
                i += c == 0x0D && i + 1 < n && b[i + 1] == 0x0A ? 2 : 1
                continue
            case 0x20, 0x09:
                i += 1
                continue
            case UInt8(ascii: "#") where i == 0 || b[i - 1] == 0x20 || b[i - 1] == 0x09 || previous == 0:
                while i < n && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard startsToken(previous) else { break }
                var j = i + 1
                while j < n {
                    if b[j] == 0x0A || (b[j] == 0x0D && (j + 1 >= n || b[j + 1] != 0x0A)) { line += 1 }
                    if c == UInt8(ascii: "\"") && b[j] == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    if b[j] == c {
                        if c == UInt8(ascii: "'") && j + 1 < n && b[j + 1] == c {
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                i = j + 1
                previous = c
                continue
            case UInt8(ascii: "?") where startsToken(previous) && isBlank(i + 1):
                return line
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if keyColonAfter(i + 1) { return line }
            case UInt8(ascii: "*") where startsToken(previous):
                var j = i + 1
                while j < n && !isBlank(j) && !",[]{}".utf8.contains(b[j]) && b[j] != UInt8(ascii: ":") { j += 1 }
                if keyColonAfter(j) { return line }
            default:
                break
            }
            previous = c
            i += 1
        }
        return nil
    }
}
