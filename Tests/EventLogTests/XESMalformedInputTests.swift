import Foundation
import Testing

@testable import EventLog

@Suite struct XESMalformedInputTests {
    @Test func refusesDoctypeAndEntityDeclarations() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            ]>
            <log><trace><event><string key="concept:name" value="&lol2;"/></event></trace></log>
            """
        let error = try #require(try XESSample.error(bomb))
        #expect(error.kind == .refusedDeclaration)
        #expect(error.line == 2)
        #expect(error.found == "<!DOCTYPE")
        #expect(error.description.contains("DOCTYPE and ENTITY declarations are refused, never expanded"))

        let entity = try #require(try XESSample.error("<log>\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n</log>"))
        #expect(entity.kind == .refusedDeclaration)
        #expect(entity.line == 2)
    }

    @Test func unknownEntityIsAnErrorWithItsLine() throws {
        let text = XESSample.trace(XESSample.event("a &nbsp; b"))
        let error = try #require(try XESSample.error(text))
        #expect(error.kind == .malformedXML)
        #expect(error.line == 6)
        #expect(error.found == "&nbsp;")
        #expect(error.reason == "unknown entity (entity declarations are not supported)")
    }

    @Test func malformedXMLReportsTheLine() throws {
        let cases: [(text: String, kind: ImportError.Kind, line: Int, reason: String)] = [
            ("<log>\n<trace>\n</event>\n</log>", .malformedXML, 3, "mismatched end tag"),
            ("<log>\n<trace>\n<event>\n", .truncated, 3,
             "the file ends before <event> (opened on this line) is closed: truncated or malformed XML"),
            ("<log>\n<trace>\n<string key=\"a\" value=\"b", .truncated, 3,
             "the file ends inside a tag that starts on this line (truncated or malformed XML)"),
            ("<log>\n  garbage here\n</log>", .malformedXML, 2, "unexpected text between elements (not a XES file, or corrupt)"),
            ("<log>\n<trace>\n<string key=\"a\" value=\"x<y\"/>\n</trace></log>", .malformedXML, 3,
             "'<' inside an attribute value (unclosed quote, or an unescaped '<')"),
            ("<?xml version=\"1.0\"?>\n<foo/>", .malformedXML, 2, "not a XES document"),
            ("<log/>\n<log/>", .malformedXML, 2, "content after the end of the <log> element"),
            ("<log>\n</trace>", .malformedXML, 2, "mismatched end tag"),
            ("<log>\n<trace key=value>\n</trace></log>", .malformedXML, 2, "malformed attribute"),
            ("<log>\n<trace>\n<string key=\"a\" value=\"a & b\"/>\n</trace></log>", .malformedXML, 3,
             "bare '&' in an attribute value (write it as &amp;)"),
            ("<log>\n<trace>\n<string key=\"a\" value=\"a\u{0}b\"/>\n</trace></log>", .malformedXML, 3,
             "control character in an attribute value (not allowed in XML)"),
            ("<!-- only a comment -->\n", .malformedXML, 0, "no XES content found (not a XES file)"),
        ]
        for c in cases {
            let error = try #require(try XESSample.error(c.text), "\(c.text)")
            #expect(error.kind == c.kind, "\(c.text)")
            #expect(error.line == (c.line == 0 ? nil : c.line), "\(c.text)")
            #expect(error.reason == c.reason, "\(c.text)")
            #expect(error.file.hasSuffix("sample.xes"))
        }
    }

    @Test func emptyAndBinaryFilesGetClearErrors() throws {
        let empty = try #require(XESSample.error(path: try XESSample.file("")))
        #expect(empty.kind == .emptyInput)
        #expect(empty.reason == "the file is empty")

        var bytes: [UInt8] = []
        var state: UInt32 = 12345
        for _ in 0..<100_000 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        bytes[0] = 0x00
        let binary = try #require(XESSample.error(path: try XESSample.file(bytes: bytes)))
        #expect(binary.kind == .malformedXML)
        #expect(binary.line == 1)
        #expect(binary.found == "byte 0x0")

        let utf16 = try #require(XESSample.error(path: try XESSample.file(bytes: [0xFF, 0xFE, 0x3C, 0x00])))
        #expect(utf16.kind == .invalidEncoding)

        let missing = try #require(XESSample.error(path: "/nonexistent/dir/log.xes"))
        #expect(missing.kind == .fileNotFound)
    }

    @Test func invalidUTF8IsRefusedAndLatin1IsTranscoded() throws {
        var bad = Array(XESSample.trace(XESSample.event("caf_")).utf8)
        let index = try #require(bad.firstIndex(of: UInt8(ascii: "_")))
        bad[index] = 0xE9
        let error = try #require(XESSample.error(path: try XESSample.file(bytes: bad)))
        #expect(error.kind == .invalidEncoding)
        #expect(error.line == 6)
        #expect(error.found == "byte 0xE9")

        var latin1 = bad
        let declaration = Array("encoding=\"UTF-8\"".utf8)
        let replacement = Array("encoding=\"ISO-8859-1\"".utf8)
        let at = try #require(latin1.firstRange(of: declaration))
        latin1.replaceSubrange(at, with: replacement)
        let log = try XESSample.read(try XESSample.file(bytes: latin1)).log
        #expect(log.activities.strings == ["café"])
    }

    @Test func deepNestingDoesNotRecurse() throws {
        let depth = 100_000
        let open = String(repeating: "<container key=\"c\">", count: depth)
        let close = String(repeating: "</container>", count: depth)
        let text = XESSample.trace(XESSample.event("deep", extra: open + close) + "\n" + XESSample.event("next"))
        let result = try XESSample.readText(text)
        #expect(result.log.eventCount == 2)
        #expect(result.log.activities.strings == ["deep", "next"])
        #expect(result.rejected.isEmpty)

        let unclosed = "<log>\n" + String(repeating: "<a>", count: depth)
        let error = try #require(try XESSample.error(unclosed))
        #expect(error.kind == .truncated)
        #expect(error.line == 2)
        #expect(error.found == "<a>")
    }

    @Test func unknownTimezoneOptionIsRefused() throws {
        var options = ImportOptions()
        options.timezone = "Mars/Olympus"
        let error = try #require(try XESSample.error(XESSample.trace(XESSample.event("a")), options))
        #expect(error.kind == .invalidValue)
        #expect(error.column == "timezone")
    }

    @Test func refusesAnAttributeKeyExplosion() throws {
        let events = (0..<1100).map { XESSample.event("a", extra: "<string key=\"k\($0)\" value=\"v\"/>") }
        let error = try #require(try XESSample.error(XESSample.trace(events.joined(separator: "\n"))))
        #expect(error.kind == .tooLarge)
        #expect(error.column == "k1019")
        #expect(error.reason == "too many distinct attribute keys: each becomes a column with a row for every event or case")
    }
}
