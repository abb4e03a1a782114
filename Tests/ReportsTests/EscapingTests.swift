import Foundation
import Testing

@testable import Reports

@Suite("Escaping of data strings")
struct EscapingTests {
    @Test("HTML escapes markup characters and drops bidi controls, keeps RTL text and emoji")
    func html() {
        #expect(Escape.html("<script>alert(\"x\")</script> & 'y'") == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
        #expect(Escape.html("evil\u{202E}gpj.exe") == "evilgpj.exe")
        #expect(Escape.html("צוות 📦\nx") == "צוות 📦\nx")
        #expect(Escape.html("a\u{0}b\u{7}c\u{85}d") == "abcd")
    }

    @Test("SVG text is one line")
    func svg() {
        #expect(Escape.svg("line\nbreak\t| <b>") == "line break | &lt;b&gt;")
        #expect(Escape.svg("  padded  \r\n") == "padded")
    }

    @Test("Markdown escapes inline syntax, raw HTML, maths and line breaks")
    func markdown() {
        #expect(Escape.markdown("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
        #expect(Escape.markdown("[link](http://x) *bold* $x$ a|b") == "\\[link\\]\\(http://x\\) \\*bold\\* \\$x\\$ a\\|b")
        #expect(Escape.markdown("- item\nnext") == "\\- item next")
        #expect(Escape.markdown("R&D_team") == "R&amp;D\\_team")
        #expect(Escape.markdown("טעות מס 🚚") == "טעות מס 🚚")
    }

    @Test("JSON string bodies follow RFC 8259 and keep every character")
    func json() throws {
        let raw = "q\"b\\s\nn\u{1}\u{202E}📦"
        let body = Escape.json(raw)
        #expect(body == "q\\\"b\\\\s\\nn\\u0001\u{202E}📦")
        let decoded = try JSONSerialization.jsonObject(with: Data("[\"\(body)\"]".utf8)) as? [String]
        #expect(decoded == [raw])
    }

    @Test("Single-line and truncation helpers")
    func helpers() {
        #expect(Escape.singleLine("a \n\n b\t\tc") == "a b c")
        #expect(Escape.truncated("abcdefgh", to: 5) == "abcd…")
        #expect(Escape.truncated("abc", to: 5) == "abc")
    }

    @Test("Tables escape every cell in HTML and Markdown")
    func tables() {
        let t = ReportTable(caption: "<cap>", header: ["a|b", "n"], rows: [["<i>x</i>\ny", "1"]], numericColumns: [1])
        #expect(t.html.contains("<caption>&lt;cap&gt;</caption>"))
        #expect(t.html.contains("<td>&lt;i&gt;x&lt;/i&gt;\ny</td><td class=\"num\">1</td>"))
        #expect(t.markdown == "*&lt;cap&gt;*\n\n| a\\|b | n |\n| --- | ---: |\n| &lt;i&gt;x&lt;/i&gt; y | 1 |\n")
    }
}
