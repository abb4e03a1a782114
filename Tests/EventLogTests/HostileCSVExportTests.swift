import Foundation
import Testing

@testable import EventLog

/// Formula injection in CSV written for spreadsheets (``CSVWriteOptions/spreadsheetSafe``),
/// in every place data reaches a cell: case ids, activities, resources, groups, lifecycle
/// values, attribute values and the header's attribute names. (`CSVWriterTests` covers
/// `=`, `@`, `+`, `-` in activities and one attribute.)
@Suite struct HostileCSVExportTests {
    /// Values a spreadsheet would run, values it would not, and numbers that must stay numbers.
    static let formulas = [
        "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "=", "@", "-",
    ]
    static let harmless = ["-5", "+1", "-1.5e3", "plain", " =not at the start", "a=b", "", "'quoted already"]

    static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "@", "\t", "\r": return "'" + value
        case "+", "-": return Double(value) == nil ? "'" + value : value
        default: return value
        }
    }

    static func log() -> EventLog {
        var b = EventLogBuilder(name: "formulas")
        let values = formulas + harmless
        for (i, value) in values.enumerated() {
            let c = b.caseIDs.intern(value.isEmpty ? "empty" : value)
            // Two events per case, so that the attributes vary within cases and stay event attributes.
            for k in 0..<2 {
                b.appendEvent(
                    caseCode: c, activity: b.activities.intern(value.isEmpty ? "none" : value), timestamp: Int64(2 * i + k) * 1_000_000,
                    resource: b.resources.intern(value), group: b.groups.intern(value), lifecycle: b.lifecycles.intern(value))
                b.setEventAttribute("=cmd|' /C calc'!A0", .string(k == 0 ? value : "second"))
                b.setEventAttribute("note", .string(k == 0 ? value : "second"))
                b.setEventAttribute("n", .int(Int64(-2 * i - k)))
            }
        }
        return b.build()
    }

    @Test func everyCellFromDataIsNeutralised() throws {
        let log = Self.log()
        var options = CSVWriteOptions()
        options.spreadsheetSafe = true
        let bytes = CSVLogWriter.render(log, options: options)
        let read = try CSVTesting.read(bytes: bytes)
        #expect(read.rejected.isEmpty)
        let back = read.log
        #expect(back.eventCount == log.eventCount)
        // The header's attribute name is data too.
        #expect(back.eventAttributes.map(\.name).contains("'=cmd|' /C calc'!A0"))
        let caseOf = back.caseIndexPerEvent()
        for e in 0..<back.eventCount {
            // Events come back in the written order; find the original by its timestamp.
            let seconds = Int(back.timestamp[e] / 1_000_000)
            let value = (Self.formulas + Self.harmless)[seconds / 2]
            let expected = Self.neutralised(value)
            #expect(back.activities.string(back.activity[e]) == (value.isEmpty ? "none" : expected), "\(value)")
            #expect(back.caseID(Int(caseOf[e])) == (value.isEmpty ? "empty" : expected), "\(value)")
            #expect(back.resources.string(back.resource[e]) == expected, "\(value)")
            #expect(back.groups.string(back.group[e]) == expected, "\(value)")
            #expect(back.lifecycles.string(back.lifecycle[e]) == expected, "\(value)")
            let note: AttributeValue = .string(seconds % 2 == 0 ? expected : "second")
            #expect(back.eventAttribute("note")?.value(at: e) == note, "\(value)")
            #expect(back.eventAttribute("'=cmd|' /C calc'!A0")?.value(at: e) == note, "\(value)")
        }
        // Numbers stay numbers.
        #expect(back.eventAttribute("n")?.type == .int)
        #expect(back.eventAttribute("n")?.value(at: 1) == .int(-1))
    }

    @Test func withoutTheOptionTheTextIsKeptAsIs() throws {
        let log = Self.log()
        let back = try CSVTesting.read(bytes: CSVLogWriter.render(log)).log
        #expect(CSVTesting.canonical(back) == CSVTesting.canonical(log))
    }
}
