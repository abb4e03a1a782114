/// Writes a ``ReportDocument`` as a Jupyter notebook (nbformat 4.5) that reads without
/// running: markdown cells carry the findings; each section's code cell loads the exported
/// CSV/JSON files with pandas and already holds its outputs (the charts as
/// `image/svg+xml`, the tables as `text/html`, each with a `text/plain` fallback), so an
/// analyst sees everything at once and can carry on from the data. Every data string is
/// escaped for its place (Markdown, HTML, SVG), and the JSON is written with
/// ``Escape/json(_:)``. Cost: linear in the document.
public enum NotebookWriter {
    public static func render(_ doc: ReportDocument) -> String {
        var cells: [JSONValue] = []
        var next = 0
        func id() -> JSONValue {
            next += 1
            return .string("cell-\(next)")
        }
        func markdown(_ text: String) -> JSONValue {
            .object([("cell_type", .string("markdown")), ("id", id()), ("metadata", .object([])), ("source", .lines(text))])
        }
        func code(_ source: String, outputs: [JSONValue]) -> JSONValue {
            .object([
                ("cell_type", .string("code")), ("execution_count", .null), ("id", id()), ("metadata", .object([])),
                ("outputs", .array(outputs)), ("source", .lines(source)),
            ])
        }
        var intro = "# " + Escape.markdown(doc.title) + "\n\n" + Escape.markdown(doc.subtitle) + "\n\n## Executive summary\n\n"
        for h in doc.headline {
            intro += "- **" + Escape.markdown(h.value) + "** " + Escape.markdown(h.label) + " — " + Escape.markdown(h.sentence) + "\n"
        }
        intro += "\nThe outputs below were produced by `switchyard report`; the code cells reload the exported files "
        intro += "(`exceptions.csv`, `kpis.json`, `roi.json`, …) with pandas so you can continue the analysis."
        cells.append(markdown(intro))
        cells.append(code(doc.setupCode, outputs: []))
        for s in doc.sections {
            var text = "## " + Escape.markdown(s.title) + "\n"
            for p in s.paragraphs { text += "\n" + Escape.markdown(p) + "\n" }
            cells.append(markdown(text))
            var outputs: [JSONValue] = []
            for f in s.figures {
                outputs.append(display(["image/svg+xml": f.svg, "text/plain": "<figure: " + Escape.singleLine(f.caption) + ">"]))
            }
            for t in s.tables {
                outputs.append(display(["text/html": t.html, "text/plain": t.plainText]))
            }
            if s.code != nil || !outputs.isEmpty {
                cells.append(code(s.code ?? "# (outputs of switchyard report)", outputs: outputs))
            }
        }
        let notebook = JSONValue.object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([("display_name", .string("Python 3")), ("language", .string("python")), ("name", .string("python3"))])),
                ("language_info", .object([("name", .string("python"))])),
            ])),
            ("nbformat", .int(4)),
            ("nbformat_minor", .int(5)),
        ])
        return notebook.text(indent: 1) + "\n"
    }

    /// A `display_data` output with the given MIME bundle (keys sorted for stable output).
    static func display(_ bundle: [String: String]) -> JSONValue {
        .object([
            ("data", .object(bundle.keys.sorted().map { ($0, JSONValue.lines(bundle[$0] ?? "")) })),
            ("metadata", .object([])),
            ("output_type", .string("display_data")),
        ])
    }
}
