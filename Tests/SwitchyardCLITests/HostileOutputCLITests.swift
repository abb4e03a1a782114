import EventLog
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Strings from the data must not break the files Switchyard writes: activity names made
/// of quotes, backslashes, Graphviz escapes, markup, line breaks and formulas go through
/// `discover --out` as DOT, SVG and JSON and come back out as the same text; data cannot
/// choose where output files land.
@Suite struct HostileOutputCLITests {
    /// Activity names and what a renderer shows for them (DOT turns control characters into
    /// spaces and drops carriage returns; a line break stays a line break).
    static let names: [(raw: String, shown: String)] = [
        ("He said \"hi\"", "He said \"hi\""),
        ("back\\slash \\l \\N \\G", "back\\slash \\l \\N \\G"),
        ("line\nbreak", "line\nbreak"),
        ("}; digraph evil { x -> y", "}; digraph evil { x -> y"),
        ("</text><script>alert(1)</script>", "</text><script>alert(1)</script>"),
        ("<b>&amp; ]]> <!-- x", "<b>&amp; ]]> <!-- x"),
        ("=HYPERLINK(\"http://example.com\",\"click\")", "=HYPERLINK(\"http://example.com\",\"click\")"),
        ("tab\there\u{7F}end", "tab here end"),
        ("\u{202E}rtl 🚚 Résumé", "\u{202E}rtl 🚚 Résumé"),
        ("{\"json\": [1, 2]}", "{\"json\": [1, 2]}"),
    ]

    /// A CSV log whose every case walks through all the hostile names, quoted as RFC 4180 says.
    static func hostileLog(in folder: URL) throws -> URL {
        func cell(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var lines = ["case_id,activity,timestamp,resource"]
        for c in 0..<3 {
            for (k, name) in names.enumerated() {
                let second = k < 10 ? "0\(k)" : "\(k)"
                lines.append("c\(c),\(cell(name.raw)),2024-01-0\(c + 1)T10:00:\(second)Z,\(cell(names[(k + c) % names.count].raw))")
            }
        }
        let url = folder.appendingPathComponent("hostile.csv")
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The label strings of the `aN [label="…"]` node lines, unescaped as Graphviz reads them.
    static func dotLabels(_ dot: String) -> [String]? {
        var labels: [String] = []
        for line in dot.split(separator: "\n") where line.hasPrefix("  a") && line.contains("[label=\"") {
            guard let open = line.range(of: "[label=\"") else { return nil }
            var out = "", escaped = false, closed = false
            for ch in line[open.upperBound...] {
                if escaped {
                    out.append(ch == "n" ? "\n" : ch)  // \n is a line break; \\ and \" the character
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    closed = true
                    break
                } else {
                    out.append(ch)
                }
            }
            guard closed else { return nil }
            labels.append(out)
        }
        return labels
    }

    @Test func dotLabelsReadBackAsTheNames() throws {
        let folder = try CLI.temporaryDirectory()
        let log = try Self.hostileLog(in: folder)
        let out = try CLI.run(["discover", log.path, "--out", "map.dot"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        let dot = try String(contentsOf: folder.appendingPathComponent("map.dot"), encoding: .utf8)
        // One statement per line: no name opened a new one.
        let statements = dot.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(statements.allSatisfy { $0.hasSuffix(";") })
        let edges = statements.filter { $0.range(of: #"^  (start|a[0-9]+) -> (a[0-9]+|end) \["#, options: .regularExpression) != nil }
        #expect(edges.count == Self.names.count + 1)  // start, the chain, end
        let labels = try #require(Self.dotLabels(dot))
        // Graphviz then reads `&amp;` as `&`: every `&` of the data is written `&amp;`.
        #expect(labels.sorted() == Self.names.map { $0.shown.replacingOccurrences(of: "&", with: "&amp;") + "\n3" }.sorted())
        #expect(!dot.contains("digraph evil {\n"))
    }

    /// Regression: `&amp;` in a name was drawn as `&` (Graphviz decodes entities in labels).
    @Test func svgFromGraphvizHoldsTheNamesAsText() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { return }  // graphviz is a `make deps` package
        let folder = try CLI.temporaryDirectory()
        let log = try Self.hostileLog(in: folder)
        let out = try CLI.run(["discover", log.path, "--out", "map.svg"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("map.svg"))
        let collector = SVGText()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(!collector.elements.contains("script"))
        #expect(!collector.elements.contains("b"))
        for name in Self.names {
            for line in name.shown.split(separator: "\n") {
                #expect(collector.texts.contains { $0.contains(line) }, "'\(line)' is not a text of the SVG")
            }
        }
    }

    @Test func jsonHoldsTheNamesExactly() throws {
        let folder = try CLI.temporaryDirectory()
        let log = try Self.hostileLog(in: folder)
        let out = try CLI.run(["discover", log.path, "--out", "map.json"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("map.json"))) as? [String: Any])
        let activities = try #require(json["activities"] as? [[String: Any]])
        #expect(activities.compactMap { $0["name"] as? String }.sorted() == Self.names.map(\.raw).sorted())
        let starts = try #require(json["start_activities"] as? [String: Int])
        #expect(starts == [Self.names[0].raw: 3])
    }

    /// A log name is data too: whatever it holds, the rejected-rows file lands beside the
    /// workspace, and the workspace refuses names it cannot store.
    @Test func logNamesCannotMoveTheRejectedFileOutOfTheWorkspaceFolder() throws {
        let root = try CLI.temporaryDirectory()
        let folder = root.appendingPathComponent("ws")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = root.appendingPathComponent("bad.csv")
        try orderCSV(cases: 3, perCase: 2, extra: ["EX-9,Assigned,not a time,u,t,1.00"], at: 1).write(to: csv, atomically: true, encoding: .utf8)
        for name in ["../../escape", "/tmp/abs", "..", ".hidden", "a\\b:c"] {
            let out = try CLI.run(["import", csv.path, "--name", name, "--workspace", "ws/w.sqlite"], in: root)
            let inFolder = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".rejected.csv") }
            if out.status == 0 {
                #expect(out.stdout.contains("1 row rejected → ws/"), "\(name): \(out.stdout)")
            } else {
                #expect(out.stderr.hasPrefix("error: "), "\(name)")
            }
            #expect(inFolder.allSatisfy { !$0.hasPrefix(".") && !$0.contains("/") }, "\(name): \(inFolder)")
        }
        let outside = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(outside == ["bad.csv", "ws"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/abs.rejected.csv"))
    }
}

/// Collects element names and text runs of an SVG.
final class SVGText: NSObject, XMLParserDelegate {
    var elements: Set<String> = []
    var texts: [String] = []
    private var current = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.insert(name)
        current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
        current = ""
    }
}
