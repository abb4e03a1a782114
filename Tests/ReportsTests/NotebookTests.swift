import Foundation
import Testing

@testable import Reports

@Suite("Notebook")
struct NotebookTests {
    static let document = ReportDocument(
        title: "T <1>", subtitle: "s & t",
        headline: [HeadlineFigure(value: "1 h", label: "saved", sentence: "a $b$ c")],
        sections: [
            ReportSection(
                id: "one", title: "One", paragraphs: ["p1", "p2 <x>"],
                figures: [ReportFigure(name: "f", caption: "cap", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lt;x&gt;</text></svg>\n")],
                tables: [ReportTable(header: ["a"], rows: [["<b>"]])], code: "x = 1\nx"),
            ReportSection(id: "two", title: "Two", paragraphs: ["only text"]),
        ],
        generatedAt: "2025-01-01T00:00:00Z", setupCode: "import pandas as pd")

    @Test("cells, outputs and ids follow nbformat 4.5")
    func structure() throws {
        let text = NotebookWriter.render(Self.document)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["nbformat"] as? Int == 4 && root["nbformat_minor"] as? Int == 5)
        let cells = try #require(root["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String ?? "" } == ["markdown", "code", "markdown", "code", "markdown"])
        #expect(cells.map { $0["id"] as? String ?? "" } == ["cell-1", "cell-2", "cell-3", "cell-4", "cell-5"])
        let code = cells[3]
        #expect((code["source"] as? [String]) == ["x = 1\n", "x"])
        #expect(code["execution_count"] is NSNull)
        let outputs = try #require(code["outputs"] as? [[String: Any]])
        #expect(outputs.count == 2)
        #expect(outputs.allSatisfy { $0["output_type"] as? String == "display_data" })
        let svg = (outputs[0]["data"] as? [String: Any])?["image/svg+xml"] as? [String]
        #expect(svg == ["<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lt;x&gt;</text></svg>\n"])
        let html = ((outputs[1]["data"] as? [String: Any])?["text/html"] as? [String])?.joined()
        #expect(html?.contains("<td>&lt;b&gt;</td>") == true)
        let intro = (cells[0]["source"] as? [String])?.joined() ?? ""
        #expect(intro.hasPrefix("# T &lt;1&gt;\n\ns &amp; t\n"))
        #expect(intro.contains("a \\$b\\$ c"))
    }

    @Test(
        "nbformat validates the notebook of a real report",
        .enabled(if: ReportFixtures.pythonWithNbformat != nil, "python3 with nbformat is not installed (make test installs it)"))
    func validates() throws {
        let python = try #require(ReportFixtures.pythonWithNbformat)
        let log = try ReportFixtures.log(csv: ReportFixtures.hostileCSV())
        let analysis = try ReportFixtures.analysis(log)
        let folder = try ReportFixtures.temporaryDirectory().appendingPathComponent("nb")
        try ReportExports.write(analysis, document: ReportBuilder.document(analysis), to: folder.path)
        let script = """
            import sys, nbformat
            nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
            nbformat.validate(nb)
            kinds = [c.cell_type for c in nb.cells]
            outputs = sum(len(c.get("outputs", [])) for c in nb.cells)
            print(nb.nbformat, nb.nbformat_minor, kinds.count("markdown"), kinds.count("code"), outputs)
            """
        let result = try ReportFixtures.run(python, ["-c", script, folder.appendingPathComponent("analysis.ipynb").path])
        #expect(result.status == 0, "nbformat rejected the notebook: \(result.err.suffix(800))")
        let fields = result.out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(fields.count == 5)
        // 4.5; a markdown cell per section plus the introduction; a code cell per section but
        // methods plus the set-up cell; the 9 charts and 10 tables as outputs.
        #expect(fields.prefix(2) == [4, 5])
        #expect(fields[2] == 10 && fields[3] == 9)
        #expect(fields[4] == 19)
    }
}
