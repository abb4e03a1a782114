/// Escaping of text that comes from the data (activity, team, customer names, …) for every
/// output format the reports write, so that a name such as `<script>` or `a | b` shows as
/// text and never as markup.
///
/// Every function also drops characters that only exist to fool a reader: C0/C1 control
/// characters (a line break becomes a space where the format cannot hold one) and the
/// explicit bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069), which could make a label display reversed. Right-to-left letters, emoji and
/// every other character pass through unchanged. Cost: one pass over the text's scalars.
public enum Escape {
    /// Text for HTML element content and double- or single-quoted attribute values (and for
    /// SVG, which is XML): `& < > " '` become entities; line breaks stay.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": continue
            default: if isVisible(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Text for one line of SVG/XML (`<text>`, `<title>`, attribute values): as ``html(_:)``
    /// with line breaks and tabs turned into spaces.
    public static func svg(_ text: String) -> String { html(singleLine(text)) }

    /// Text for Markdown paragraphs, headings and table cells (CommonMark and GitHub
    /// flavour): `& < >` become entities (raw HTML is allowed in Markdown, so `<script>`
    /// would otherwise run), Markdown punctuation gets a backslash, line breaks become
    /// spaces (a break would end a table row or a heading), and `$` is escaped so that
    /// Jupyter does not read it as mathematics.
    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var first = true
        for scalar in singleLine(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "!", "|", "~", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "-" where first, "+" where first, "=" where first:
                out += "\\"
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
            first = false
        }
        return out
    }

    /// The body of a JSON string literal (without the quotes), per RFC 8259: `"` and `\`
    /// escaped, control characters as `\n`, `\t`, … or `\u00XX`. Other characters, emoji
    /// included, are written as UTF-8. Unlike the other functions nothing is dropped: JSON
    /// carries the data verbatim for programs, not for display.
    public static func json(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` on one line: CR, LF, tab and the other control and bidi-control characters
    /// become one space (runs collapse), leading and trailing spaces are trimmed.
    public static func singleLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" || !isVisible(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out += " " }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// `text` cut to at most `limit` characters, with `…` when cut (for chart labels).
    public static func truncated(_ text: String, to limit: Int) -> String {
        guard limit > 1, text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// Whether a scalar may appear in output: not a C0/C1 control, not DEL, not an explicit
    /// bidi embedding/override/isolate control, not a non-character.
    @inline(__always)
    static func isVisible(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return false }
        if v == 0xFFFE || v == 0xFFFF { return false }
        return true
    }
}
