import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Names with `<script>`, quotes, `&`, newlines, right-to-left text, emoji and bidi overrides go
/// through the whole pipeline and must come out as text in HTML, SVG, Markdown and the notebook.
@Suite("Hostile names render as text", .serialized)
struct HostileNamesTests {
    /// Writes the report of the hostile log once per test (cheap: 320 exceptions).
    static func writeReport() throws -> URL {
        let log = try ReportFixtures.log(csv: ReportFixtures.hostileCSV())
        let analysis = try ReportFixtures.analysis(log)
        let folder = try ReportFixtures.temporaryDirectory().appendingPathComponent("run")
        try ReportExports.write(analysis, document: ReportBuilder.document(analysis), to: folder.path)
        return folder
    }

    static func text(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every file read as markup: the HTML and Markdown reports and every SVG. (The notebook
    /// is checked per MIME type below: its `text/plain` fallbacks hold the names verbatim, as
    /// plain text must.)
    static func renderedFiles(_ folder: URL) throws -> [String] {
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path)
            .filter { $0.hasSuffix(".svg") }.map { "charts/" + $0 }
        return ["report.html", "report.md", "process-map.svg"] + charts.sorted()
    }

    @Test("no raw markup from the data in the HTML, Markdown and SVG files")
    func noRawMarkup() throws {
        let folder = try Self.writeReport()
        let files = try Self.renderedFiles(folder)
        #expect(files.count >= 10)
        for name in files {
            let text = try Self.text(folder, name).lowercased()
            #expect(!text.contains("<script"), "\(name) contains a raw <script")
            #expect(!text.contains("<img"), "\(name) contains a raw <img")
            #expect(!text.contains("<b>1</b>"), "\(name) contains the customer's raw markup")
            #expect(!text.contains("\u{202E}"), "\(name) keeps a right-to-left override")
        }
    }

    @Test("HTML shows the names as escaped text, RTL and emoji intact")
    func html() throws {
        let html = try Self.text(try Self.writeReport(), "report.html")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("R&amp;D &quot;core&quot; &#39;team&#39;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("צוות אשראי"))
        #expect(html.contains("📦 warehouse"))
        #expect(html.contains("🚚 transport"))
        #expect(html.contains("evilgpj.exe"))
        // Only our own style element; no script, no external resource.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
    }

    @Test("Markdown keeps tables intact and escapes the names")
    func markdown() throws {
        let md = try Self.text(try Self.writeReport(), "report.md")
        #expect(md.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"))
        #expect(md.contains("line break \\| team"))
        #expect(md.contains("\\[link\\]\\(http://x\\) \\*bold\\* \\$x\\$"))
        #expect(md.contains("צוות אשראי") && md.contains("📦 warehouse"))
        // Each table's rows have as many unescaped pipes as its header: no pipe or line break from
        // the data splits a cell.
        func pipes(_ line: Substring) -> Int {
            var count = 0, escaped = false
            for ch in line {
                if ch == "|" && !escaped { count += 1 }
                escaped = ch == "\\" && !escaped
            }
            return count
        }
        var tables = 0, rows = 0, width: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                width = nil
                continue
            }
            rows += 1
            #expect(line.hasSuffix("|"), "broken table row: \(line)")
            if let width {
                #expect(pipes(line) == width, "row with a different number of cells: \(line)")
            } else {
                width = pipes(line)
                tables += 1
            }
        }
        #expect(tables >= 10 && rows > 60)
        #expect(md.contains("![") && md.contains("](charts/drag-pareto.svg)"))
    }

    @Test("every SVG is well-formed XML with the names as text")
    func svg() throws {
        let folder = try Self.writeReport()
        for name in try Self.renderedFiles(folder) where name.hasSuffix(".svg") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(name) is not well-formed XML: \(String(describing: parser.parserError))")
        }
        let pareto = try Self.text(folder, "charts/drag-pareto.svg")
        #expect(pareto.contains("credit&lt;hold&gt;"))
        #expect(pareto.contains("&quot;quoted&quot; &amp; co"))
        #expect(pareto.contains("tab and newline"))
        let network = try Self.text(folder, "charts/handoff-network.svg")
        #expect(network.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(network.contains("line break | team"))
        #expect(network.contains("צוות אשראי"))
        let map = try Self.text(folder, "process-map.svg")
        #expect(map.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &amp; &quot;check&quot;"))
    }

    @Test("the notebook is JSON whose cells hold the names escaped for their MIME type")
    func notebook() throws {
        let data = try Data(contentsOf: try Self.writeReport().appendingPathComponent("analysis.ipynb"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["nbformat"] as? Int == 4)
        let cells = try #require(root["cells"] as? [[String: Any]])
        func joined(_ v: Any?) -> String { (v as? [String])?.joined() ?? (v as? String) ?? "" }
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.map { joined($0["source"]) }.joined(separator: "\n")
        var html = "", svg = "", plain = ""
        for cell in cells {
            for output in cell["outputs"] as? [[String: Any]] ?? [] {
                let bundle = output["data"] as? [String: Any] ?? [:]
                html += joined(bundle["text/html"])
                svg += joined(bundle["image/svg+xml"])
                plain += joined(bundle["text/plain"])
            }
        }
        // Whichever category leads the drag ranking is named in the findings, escaped.
        #expect(["credit&lt;hold&gt;", "&lt;img src=x onerror=alert\\(2\\)&gt;", "טעות מס", "🚚 transport", "tab and newline"].contains { markdown.contains($0) })
        #expect(plain.contains("<script>alert(1)</script>"), "text/plain carries the name verbatim, as text")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!(markdown + html + svg).lowercased().contains("<script"))
        #expect(html.contains("צוות אשראי") && svg.contains("📦 warehouse"))
    }
}
