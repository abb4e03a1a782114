import Foundation
import Testing

@testable import Reports

@Suite("Atomic report folder")
struct AtomicOutputTests {
    @Test("names that would leave the folder are refused", arguments: ["../x", "/etc/passwd", "a/../../b", "a//b", "a\\b", "", "./a", "c:x", "a\nb"])
    func refusesEscapes(_ name: String) throws {
        let out = try AtomicOutput(destination: try ReportFixtures.temporaryDirectory().appendingPathComponent("r").path)
        #expect(throws: ReportError.self) { try out.write("x", to: name) }
    }

    @Test("nothing appears before commit; commit moves the folder into place")
    func commit() throws {
        let dir = try ReportFixtures.temporaryDirectory()
        let dest = dir.appendingPathComponent("run")
        let out = try AtomicOutput(destination: dest.path)
        try out.write("a", to: "report.html")
        try out.write("b", to: "charts/x.svg")
        #expect(!FileManager.default.fileExists(atPath: dest.path))
        try out.commit()
        #expect(try String(contentsOf: dest.appendingPathComponent("charts/x.svg"), encoding: .utf8) == "b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["run"])
        #expect(out.written == ["report.html", "charts/x.svg"])
    }

    @Test("an earlier report is replaced whole; an abandoned run leaves no trace")
    func replaceAndAbandon() throws {
        let dir = try ReportFixtures.temporaryDirectory()
        let dest = dir.appendingPathComponent("run")
        let first = try AtomicOutput(destination: dest.path)
        try first.write("old", to: "report.html")
        try first.write("old", to: "stale.csv")
        try first.commit()
        let second = try AtomicOutput(destination: dest.path)
        try second.write("new", to: "report.html")
        try second.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest.path) == ["report.html"])
        do {
            let abandoned = try AtomicOutput(destination: dest.path)
            try abandoned.write("partial", to: "report.html")
        }
        #expect(try String(contentsOf: dest.appendingPathComponent("report.html"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["run"])
    }

    @Test("a folder that is not a report is not replaced")
    func refusesForeignFolder() throws {
        let dir = try ReportFixtures.temporaryDirectory()
        try "keep".write(to: dir.appendingPathComponent("thesis.tex"), atomically: true, encoding: .utf8)
        #expect(throws: ReportError.output("\(dir.path) exists and does not hold a report (found thesis.tex); choose a new or empty folder")) {
            _ = try AtomicOutput(destination: dir.path)
        }
        let file = dir.appendingPathComponent("thesis.tex")
        #expect(throws: ReportError.output("\(file.path) is a file; --out must name a folder")) {
            _ = try AtomicOutput(destination: file.path)
        }
    }
}
