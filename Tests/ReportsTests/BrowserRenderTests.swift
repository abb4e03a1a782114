import Foundation
import Testing

@testable import Reports

/// Renders report.html in headless Chromium (Debian's `chromium`, which the Makefile installs)
/// and checks the picture is a report, not a blank page; the hostile report's DOM must hold
/// no script element. Skipped, with a message, when no Chromium is installed.
@Suite("Report in a browser", .serialized, .enabled(if: ReportFixtures.chromium != nil, "chromium is not installed (make deps installs it)"))
struct BrowserRenderTests {
    static func chromium() throws -> String { try #require(ReportFixtures.chromium) }

    @Test("report.html of the bundled sample renders to a non-blank PNG")
    func screenshot() throws {
        let log = try EventLogLoader.bundled()
        let analysis = try ReportFixtures.analysis(log, targetPrecision: 0.9)
        let dir = try ReportFixtures.temporaryDirectory()
        let folder = dir.appendingPathComponent("demo")
        try ReportExports.write(analysis, document: ReportBuilder.document(analysis), to: folder.path)
        let png = dir.appendingPathComponent("report.png")
        let result = try ReportFixtures.run(try Self.chromium(), [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(png.path)",
            "--window-size=1280,4000", folder.appendingPathComponent("report.html").absoluteString,
        ])
        #expect(result.status == 0, "chromium failed: \(result.err.suffix(600))")
        let image = try PNGImage(try Data(contentsOf: png))
        #expect(image.width == 1280 && image.height == 4000)
        let total = image.width * image.height
        // Text, cards, charts and tables: a real page inks several percent of its pixels and
        // uses many colours; a blank or error page does not.
        #expect(image.inkedPixels > total / 25, "only \(image.inkedPixels) of \(total) pixels are not white")
        #expect(image.inkedPixels < total * 6 / 10, "\(image.inkedPixels) of \(total) pixels inked: not a white page with content")
        #expect(image.rgb[0] == 255 && image.rgb[1] == 255 && image.rgb[2] == 255, "the page background is not white")
        #expect(image.distinctColours > 60, "only \(image.distinctColours) colours")
        // Every band of the page has content (no half-rendered page).
        for band in stride(from: 0, to: 4000, by: 800) {
            #expect(image.inkedPixels(rows: band..<(band + 800)) > 1280 * 800 / 100, "rows \(band)–\(band + 800) are blank")
        }
        // Keep the picture for a human to look at.
        if let keep = ProcessInfo.processInfo.environment["SWITCHYARD_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
        }
    }

    @Test("the hostile report's DOM has no script element and shows the names as text")
    func dom() throws {
        let log = try ReportFixtures.log(csv: ReportFixtures.hostileCSV())
        let analysis = try ReportFixtures.analysis(log)
        let folder = try ReportFixtures.temporaryDirectory().appendingPathComponent("hostile")
        try ReportExports.write(analysis, document: ReportBuilder.document(analysis), to: folder.path)
        let result = try ReportFixtures.run(try Self.chromium(), [
            "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", folder.appendingPathComponent("report.html").absoluteString,
        ])
        #expect(result.status == 0, "chromium failed: \(result.err.suffix(600))")
        let dom = result.out
        #expect(dom.contains("<h1>What better routing would have saved</h1>"))
        #expect(!dom.lowercased().contains("<script"))
        #expect(!dom.lowercased().contains("<img"))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(dom.contains("צוות אשראי"))
        #expect(!dom.contains("pwned</title>"))
    }
}

/// The bundled sample log.
enum EventLogLoader {
    static func bundled() throws -> EventLog {
        try EventLogImporter.read(ReportFixtures.bundledSample.path).log
    }
}

import EventLog
