import Foundation
import Testing
@testable import EventLog

@Suite struct OCELFlatteningTests {
    /// Builds a small OCEL 2.0 SQLite file with ties across type tables, a bad time, an
    /// event without its type-table row, a time-varying object attribute and typed columns.
    private func makeDatabase() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-\(UUID().uuidString).sqlite").path
        let db = try SQLiteDatabase(path: path)
        try db.execute("""
            CREATE TABLE event (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);
            CREATE TABLE event_map_type (ocel_type TEXT, ocel_type_map TEXT);
            CREATE TABLE object (ocel_id TEXT PRIMARY KEY, ocel_type TEXT);
            CREATE TABLE object_map_type (ocel_type TEXT, ocel_type_map TEXT);
            CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT);
            CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id TEXT, ocel_qualifier TEXT);
            CREATE TABLE "event_PlaceOrder" (ocel_id TEXT, ocel_time TIMESTAMP, amount INTEGER);
            CREATE TABLE "event_Ship" (ocel_id TEXT, ocel_time TIMESTAMP, weight REAL, "org:resource" TEXT);
            CREATE TABLE "object_Order" (ocel_id TEXT, region TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT);
            INSERT INTO event_map_type VALUES ('Place Order', 'PlaceOrder'), ('Ship', 'Ship');
            INSERT INTO object_map_type VALUES ('Order', 'Order');
            INSERT INTO event VALUES ('p1', 'Place Order'), ('p2', 'Place Order'), ('p3', 'Place Order'),
                ('s1', 'Ship'), ('s2', 'Ship'), ('x9', 'Ship');
            INSERT INTO "event_PlaceOrder" VALUES ('p1', '2022-01-10 10:00:00', 5), ('p2', '2022-01-10 10:00:00', 7),
                ('p3', 'soon', 1);
            INSERT INTO "event_Ship" VALUES ('s1', '2022-01-10 10:00:00', 2.5, 'Ann'), ('s2', '2022-01-10 09:00:00', 1.0, 'Bo');
            INSERT INTO object VALUES ('o1', 'Order'), ('o2', 'Order');
            INSERT INTO "object_Order" VALUES ('o1', 'north', '1970-01-01 00:00:00', NULL),
                ('o1', 'south', '2022-01-10 12:00:00', 'region'), ('o2', 'east', '1970-01-01 00:00:00', NULL);
            INSERT INTO event_object VALUES ('p1', 'o1', 'placed'), ('p2', 'o1', 'placed'), ('p3', 'o1', 'placed'),
                ('s1', 'o1', 'shipped'), ('s2', 'o1', 'shipped'), ('s2', 'o1', 'shipped again');
            INSERT INTO object_object VALUES ('o1', 'o2', 'follows');
            """)
        return path
    }

    @Test func sqliteTiesFollowPm4pyAndBadEventsAreRejected() throws {
        let path = try makeDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = ImportOptions()
        options.objectType = "Order"
        let result = try OCELLogReader.read(path, format: .ocelSQLite, options: options)
        let log = result.log
        #expect(result.rowsRead == 6)
        #expect(result.rejected == [
            RejectedRow(line: 3, raw: "event_PlaceOrder row 3: event 'p3'", column: "ocel_time",
                        reason: "event 'p3' has an unparsable time 'soon' (expected ISO 8601 text like 2022-01-09 15:00:00)"),
            RejectedRow(line: 0, raw: "event 'x9'", column: "ocel_time",
                        reason: "event 'x9' of type 'Ship' has no row in its event_<Type> table, so no time"),
        ])
        #expect(log.caseCount == 1)
        // Order: time, then row within the type table, then type name (pm4py's concat + sort).
        #expect(FlatLogFacts(log).traces == ["o1": ["Ship", "Place Order", "Ship", "Place Order"]])
        #expect(log.eventAttribute("ocel:eid").map { c in (0..<4).map { c.value(at: $0)?.text ?? "" } } == ["s2", "p1", "s1", "p2"])
        #expect(log.timestamp.map(Timestamp.iso8601) == [
            "2022-01-10T09:00:00+00:00", "2022-01-10T10:00:00+00:00", "2022-01-10T10:00:00+00:00", "2022-01-10T10:00:00+00:00",
        ])
        #expect(log.eventAttribute("amount")?.value(at: 1) == .int(5))
        #expect(log.eventAttribute("weight")?.value(at: 0) == .float(1.0))
        #expect(log.eventAttribute("org:resource") == nil)
        #expect((0..<4).map { log.resources.optionalString(log.resource[$0]) } == ["Bo", nil, "Ann", nil])
        #expect(log.caseAttribute("region")?.value(at: 0) == .string("north"))
        #expect(result.warnings.contains("1 of 2 'Order' objects have no events and are not cases"))

        let ocel = try OCELLogReader.readOCEL(path, format: .ocelSQLite, options: ImportOptions()).log
        #expect(ocel.eventToObject.count == 4)  // (s2, o1) twice with two qualifiers counts once
        #expect(ocel.eventToObjectQualifierCounts() == ["placed": 2, "shipped": 1, "shipped again": 1])
        #expect(ocel.objectToObject == [OCELRelation(source: 0, target: 1, qualifier: try #require(ocel.qualifiers.code(of: "follows")))])
        #expect(ocel.objectChanges == [
            OCELObjectChange(object: 0, attribute: "region", time: try #require(ISO8601Parser.parse("2022-01-10T12:00:00Z")).micros, value: .string("south")),
        ])
    }

    @Test func sqliteNaiveTimesTakeTheGivenZone() throws {
        let path = try makeDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = ImportOptions()
        options.objectType = "Order"
        options.timezone = "Europe/Rome"
        let log = try OCELLogReader.read(path, format: .ocelSQLite, options: options).log
        #expect(log.timestamp.first.map(Timestamp.iso8601) == "2022-01-10T08:00:00+00:00")
    }

    @Test(arguments: [
        ("ocel20_example.jsonocel", LogFormat.ocelJSON, "2022-02-03T06:30:00+00:00"),
        ("ocel20_example.xmlocel", LogFormat.ocelXML, "2022-02-03T07:30:00+00:00"),
        ("ocel20_example.sqlite", LogFormat.ocelSQLite, "2022-02-03T07:30:00+00:00"),
    ])
    func timeVaryingObjectAttributesKeepTheEarliestValue(file: String, format: LogFormat, blockedAt: String) throws {
        let path = OCELReferenceCase.shared.appendingPathComponent("logs/\(file)").path
        var options = ImportOptions()
        options.objectType = "Invoice"
        let result = try OCELLogReader.read(path, format: format, options: options)
        let log = result.log
        let r3 = Int(try #require(log.caseIDs.code(of: "R3")))
        #expect(log.caseAttribute("is_blocked")?.value(at: r3) == .string("No"))
        #expect(log.caseAttributes.map(\.name) == ["is_blocked"])

        let ocel = try OCELLogReader.readOCEL(path, format: format, options: ImportOptions()).log
        let changes = ocel.objectChanges.filter { ocel.objectIDs.string(UInt32($0.object)) == "R3" }
        #expect(changes.map(\.value) == [.string("Yes"), .string("No")])
        #expect(changes.first.map { Timestamp.iso8601($0.time) } == blockedAt)

        // Each flattened event carries its OCEL id and its own attributes.
        let eid = try #require(log.eventAttribute("ocel:eid"))
        let inserter = try #require(log.eventAttribute("invoice_inserter"))
        let firstOfR3 = log.events(ofCase: r3).lowerBound
        #expect(eid.value(at: firstOfR3) == .string("e9"))
        #expect(inserter.value(at: firstOfR3) == .string("Mario"))
    }

    @Test func flatteningRepeatsASharedEventInEachCase() throws {
        let path = OCELReferenceCase.shared.appendingPathComponent("logs/ocel1_example_log.jsonocel").path
        let ocel = try OCELLogReader.readOCEL(path, format: .ocelJSON, options: ImportOptions()).log
        let log = try #require(ocel.flatten(on: "element"))
        // Every E2O relation to an element object is one flattened event.
        let elementType = try #require(ocel.objectTypes.code(of: "element"))
        #expect(log.eventCount == ocel.eventToObject.filter { ocel.objectType[Int($0.target)] == elementType }.count)
        let eid = try #require(log.eventAttribute("ocel:eid"))
        #expect((0..<log.eventCount).filter { eid.value(at: $0) == .string("e1") }.count == 4)
        #expect(ocel.flatten(on: "Element") == nil)
    }

    @Test func repeatedRelationsCollapseToOnePerEventAndObjectEvenForBigFanOuts() throws {
        let objects = (0..<40).map { "{\"id\": \"b\($0)\", \"type\": \"box\"}" }.joined(separator: ",")
        let relations = (0..<40).flatMap { k in
            ["{\"objectId\": \"b\(k)\", \"qualifier\": \"first\"}", "{\"objectId\": \"b\(k)\", \"qualifier\": \"again\"}"]
        }.joined(separator: ",")
        let json = """
            {"objectTypes": [], "eventTypes": [], "objects": [\(objects)],
             "events": [{"id": "e1", "type": "load", "time": "2024-01-01T00:00:00Z", "relationships": [\(relations)]},
                        {"id": "e2", "type": "ship", "time": "2024-01-02T00:00:00Z", "relationships": [{"objectId": "b0"}, {"objectId": "b0"}]}]}
            """
        let file = try OCELScratchFile("fanout.jsonocel", json)
        let ocel = try OCELLogReader.readOCEL(file.path, format: .ocelJSON, options: ImportOptions()).log
        #expect(ocel.eventToObject.count == 41)
        #expect(ocel.eventToObjectQualifierCounts() == ["again": 40])
        let log = try #require(ocel.flatten(on: "box"))
        #expect(log.caseCount == 40)
        #expect(FlatLogFacts(log).traces["b0"] == ["load", "ship"])
    }
}
