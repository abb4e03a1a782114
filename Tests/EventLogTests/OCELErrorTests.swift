import Foundation
import Testing
@testable import EventLog

/// A scratch file that is removed when the test ends.
final class OCELScratchFile {
    let path: String
    init(_ name: String, _ bytes: [UInt8]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    convenience init(_ name: String, _ text: String) throws { try self.init(name, Array(text.utf8)) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

private func readError(_ path: String, _ format: LogFormat, _ options: ImportOptions = ImportOptions()) -> ImportError? {
    do {
        _ = try OCELLogReader.read(path, format: format, options: options)
        return nil
    } catch {
        return error
    }
}

private func options(_ type: String?, strict: Bool = false) -> ImportOptions {
    var o = ImportOptions()
    o.objectType = type
    o.strict = strict
    return o
}

/// A minimal OCEL 2.0 JSON log; `events` is spliced in as the raw text of the array.
private func ocel2JSON(events: String) -> String {
    """
    {"objectTypes": [{"name": "order", "attributes": [{"name": "value", "type": "float"}]}],
     "eventTypes": [{"name": "place", "attributes": []}],
     "objects": [{"id": "o1", "type": "order", "attributes": [{"name": "value", "time": "1970-01-01T00:00:00Z", "value": "12.5"}]},
                 {"id": "o2", "type": "order", "attributes": [{"name": "value", "time": "never", "value": "3"}]}],
     "events": \(events)}
    """
}

@Suite struct OCELErrorTests {
    static let example = OCELReferenceCase.shared.appendingPathComponent("logs/ocel20_example.jsonocel").path

    @Test func missingObjectTypeListsTheTypesWithTheirCounts() throws {
        let error = try #require(readError(Self.example, .ocelJSON))
        #expect(error.kind == .missingColumn)
        #expect(error.description == Self.example + ": column 'object type': an object-centric log must be flattened on one object type"
            + " (expected --object-type with one of: Invoice (3 objects), Payment (3 objects), Purchase Order (2 objects),"
            + " Purchase Requisition (1 object))")
    }

    @Test func unknownObjectTypeSuggestsTheClosest() throws {
        let error = try #require(readError(Self.example, .ocelJSON, options("invoice")))
        #expect(error.kind == .invalidValue)
        #expect(error.reason == "no object type 'invoice' in this log (did you mean 'Invoice'?)")
        #expect(error.found == "invoice")
        #expect(error.expected?.hasPrefix("one of: Invoice (3 objects), Payment (3 objects)") == true)
    }

    @Test func malformedJSONSaysWhereAndWhat() throws {
        let file = try OCELScratchFile("bad.jsonocel", "{\"events\": [\n  {\"id\": \"e1\",, \"type\": \"x\"}]}")
        let error = try #require(readError(file.path, .ocelJSON, options("order")))
        #expect(error.kind == .malformedRow)
        #expect(error.line == 2)
        #expect(error.reason == "malformed JSON: expected a member name in double quotes")
        #expect(error.found == ", \"type\": \"x\"}]}")
    }

    @Test func truncatedJSONIsReportedAsTruncated() throws {
        let file = try OCELScratchFile("cut.jsonocel", ocel2JSON(events: "[{\"id\": \"e1\", \"type\": \"place\", \"ti"))
        let error = try #require(readError(file.path, .ocelJSON, options("order")))
        #expect(error.kind == .truncated)
        #expect(error.reason.hasPrefix("malformed JSON: the JSON text ends early"))
    }

    @Test func missingTopLevelKeysNameWhatWasExpected() throws {
        let file = try OCELScratchFile("nokeys.jsonocel", "{\"objects\": [], \"objectTypes\": []}")
        let error = try #require(readError(file.path, .ocelJSON, options("order")))
        #expect(error.kind == .missingColumn)
        #expect(error.column == "events")
        #expect(error.reason == "the OCEL 2.0 document has no 'events'")
        #expect(error.found == "objects, objectTypes")

        let other = try OCELScratchFile("other.json", "{\"cases\": 3}")
        let error2 = try #require(readError(other.path, .ocelJSON, options("order")))
        #expect(error2.reason == "no OCEL events in this JSON document")
    }

    @Test func badEventsAreRejectedWithTheirLocatorAndTheRestIsKept() throws {
        let events = """
            [{"id": "e1", "type": "place", "time": "2022-01-01T10:00:00Z", "relationships": [{"objectId": "o1", "qualifier": "q"}]},
             {"id": "e2", "type": "place", "time": "2022-13-45T10:00:00Z", "relationships": [{"objectId": "o1", "qualifier": "q"}]},
             {"id": "e3", "time": "2022-01-02T10:00:00Z", "relationships": [{"objectId": "o2"}]},
             {"id": "e1", "type": "place", "time": "2022-01-03T10:00:00Z", "relationships": [{"objectId": "o2"}]},
             {"id": "e4", "type": "place", "time": "2022-01-04T10:00:00Z", "relationships": [{"objectId": "o2"}, {"objectId": "ghost"}]}]
            """
        let file = try OCELScratchFile("rejects.jsonocel", ocel2JSON(events: events))
        let result = try OCELLogReader.read(file.path, format: .ocelJSON, options: options("order"))
        #expect(result.rowsRead == 5)
        #expect(result.log.eventCount == 2)
        #expect(result.log.caseCount == 2)
        #expect(result.rejected == [
            RejectedRow(line: 6, raw: "event 'e2'", column: "time",
                        reason: "event 'e2' has an unparsable time '2022-13-45T10:00:00Z' (expected ISO 8601 like 2022-01-09T14:00:00+00:00)"),
            RejectedRow(line: 7, raw: "event 'e3'", column: "type", reason: "event 'e3' has no type (activity)"),
            RejectedRow(line: 8, raw: "event 'e1'", column: "id", reason: "duplicate event id 'e1'"),
        ])
        #expect(result.warnings.contains("1 event-to-object relationships name objects that are not declared; ignored"))
        #expect(result.warnings.contains("1 object attribute values have an unparsable time; they were read as initial values"))
        // The declared float type applies to the object attribute given as text.
        let o1 = try #require(result.log.caseIDs.code(of: "o1"))
        #expect(result.log.caseAttribute("value")?.value(at: Int(o1)) == .float(12.5))
        let o2 = try #require(result.log.caseIDs.code(of: "o2"))
        #expect(result.log.caseAttribute("value")?.value(at: Int(o2)) == .float(3))
    }

    @Test func strictStopsAtTheFirstBadEventWithItsLine() throws {
        let events = """
            [{"id": "e1", "type": "place", "time": "2022-01-01T10:00:00Z"},
             {"id": "e2", "type": "place", "time": "yesterday"}]
            """
        let file = try OCELScratchFile("strict.jsonocel", ocel2JSON(events: events))
        let error = try #require(readError(file.path, .ocelJSON, options("order", strict: true)))
        #expect(error.kind == .invalidTimestamp)
        #expect(error.line == 6)
        #expect(error.column == "time")
        #expect(error.reason == "event 'e2' has an unparsable time 'yesterday' (expected ISO 8601 like 2022-01-09T14:00:00+00:00) (in event 'e2')")
    }

    @Test func hostileJSONGetsCleanErrors() throws {
        let deep = try OCELScratchFile("deep.json", String(repeating: "[", count: 100_000))
        #expect(readError(deep.path, .ocelJSON, options("x"))?.kind == .tooLarge)
        let badUTF8 = try OCELScratchFile("utf8.json", Array("{\"events\": [\"".utf8) + [0xFF, 0xFE] + Array("\"]}".utf8))
        #expect(readError(badUTF8.path, .ocelJSON, options("x"))?.kind == .invalidEncoding)
        let nul = try OCELScratchFile("nul.json", [0x7B, 0x00, 0x7D])
        #expect(readError(nul.path, .ocelJSON, options("x"))?.kind == .malformedRow)
        let empty = try OCELScratchFile("empty.jsonocel", "")
        #expect(readError(empty.path, .ocelJSON, options("x"))?.kind == .emptyInput)
        let binary = try OCELScratchFile("binary.jsonocel", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])
        #expect(readError(binary.path, .ocelJSON, options("x"))?.kind == .unknownFormat)
        #expect(readError("/nonexistent/log.jsonocel", .ocelJSON, options("x"))?.kind == .fileNotFound)
    }

    @Test func xmlDeclarationsAndBrokenDocumentsAreRefused() throws {
        let bomb = try OCELScratchFile("bomb.xmlocel", """
            <?xml version="1.0"?>
            <!DOCTYPE log [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <log><events/></log>
            """)
        let refused = try #require(readError(bomb.path, .ocelXML, options("x")))
        #expect(refused.kind == .refusedDeclaration)
        #expect(refused.line == 2)

        let entity = try OCELScratchFile("entity.xmlocel", "<log><events><event id=\"&ext;\"/></events></log>")
        #expect(readError(entity.path, .ocelXML, options("x"))?.kind == .refusedDeclaration)

        let mismatched = try OCELScratchFile("mismatch.xmlocel", "<log>\n<events>\n</objects></log>")
        let error = try #require(readError(mismatched.path, .ocelXML, options("x")))
        #expect(error.kind == .malformedXML)
        #expect(error.line == 3)
        #expect(error.reason == "closing tag </objects> does not match <events>")

        let truncated = try OCELScratchFile("cut.xmlocel", "<log><events><event id=\"e1\" type=\"a\" time=\"2022-01-01T00:00:00\">")
        #expect(readError(truncated.path, .ocelXML, options("x"))?.kind == .truncated)

        let deep = try OCELScratchFile("deep.xmlocel", String(repeating: "<a>", count: 50_000))
        #expect(readError(deep.path, .ocelXML, options("x"))?.kind == .tooLarge)

        let wrongRoot = try OCELScratchFile("xes.xmlocel", "<trace><event/></trace>")
        #expect(readError(wrongRoot.path, .ocelXML, options("x"))?.reason == "not an OCEL XML document")
    }

    @Test func sqliteFilesThatAreNotOCELSayWhatIsMissing() throws {
        let garbage = try OCELScratchFile("garbage.sqlite", Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xAB, count: 4000))
        let notDB = try #require(readError(garbage.path, .ocelSQLite, options("x")))
        #expect(notDB.kind == .unreadable)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("CREATE TABLE event (ocel_id TEXT, ocel_type TEXT); CREATE TABLE cases (id TEXT);")
        }
        let error = try #require(readError(path, .ocelSQLite, options("x")))
        #expect(error.kind == .missingColumn)
        #expect(error.reason == "not an OCEL 2.0 SQLite database: no table 'object'")
        #expect(error.found == "cases, event")
    }

    @Test func ocelCSVRowsWithTheWrongFieldCountAreRejectedByLine() throws {
        let csv = """
            ocel:eid,ocel:activity,ocel:timestamp,ocel:type:orders,price
            1,place order,2019-05-20 07:07:47.000Z,"['o1', 'o2']",5.5
            2,pay order,2019-05-21 07:07:47.000Z,"['o1']"
            3,pay order,2019-05-22 07:07:47.000Z," ",7

            4,confirm order,2019-05-23T07:07:47Z,['o2'],8
            """
        let file = try OCELScratchFile("orders.csv", csv)
        let result = try OCELLogReader.read(file.path, format: .csv, options: options("orders"))
        #expect(result.rejected == [
            RejectedRow(line: 3, raw: "2,pay order,2019-05-21 07:07:47.000Z,['o1']", column: nil, reason: "expected 5 fields, found 4"),
        ])
        #expect(result.rowsRead == 4)
        #expect(FlatLogFacts(result.log).traces == ["o1": ["place order"], "o2": ["place order", "confirm order"]])
        #expect(result.log.eventAttribute("price")?.value(at: 0) == .float(5.5))

        let open = try OCELScratchFile("open.csv", "ocel:eid,ocel:activity,ocel:timestamp,ocel:type:orders\n1,a,2019-05-20,\"['o1'\n")
        let error = try #require(readError(open.path, .csv, options("orders")))
        #expect(error.kind == .truncated)
        #expect(error.line == 2)
    }
}
