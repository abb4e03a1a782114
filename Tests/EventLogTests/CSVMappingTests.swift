import Testing
@testable import EventLog

@Suite struct CSVMappingTests {
    @Test func recognisesPM4PyNames() throws {
        let text = """
            case:concept:name,concept:name,time:timestamp,org:resource,org:group,lifecycle:transition,cost
            A,register,2024-01-01T08:00:00Z,ann,desk,start,10
            A,register,2024-01-01T09:00:00Z,ann,desk,complete,12
            """
        let log = try CSVTesting.read(text).log
        #expect(log.caseID(0) == "A")
        #expect(log.resources.strings == ["ann"])
        #expect(log.groups.strings == ["desk"])
        #expect(log.lifecycles.strings == ["start", "complete"])
        #expect(log.eventAttributes.map(\.name) == ["cost"])
        #expect(log.eventAttribute("cost")?.value(at: 1) == .int(12))
    }

    @Test func recognisesPlainNamesInAnyCase() throws {
        let text = """
            Team,CASEID,Activity,CompleteTimestamp,Resource,Lifecycle
            t1,1,a,2024-01-01 08:00:00,r1,complete
            """
        let log = try CSVTesting.read(text).log
        #expect(log.caseID(0) == "1")
        #expect(log.activities.strings == ["a"])
        #expect(log.groups.strings == ["t1"])
        #expect(log.resources.strings == ["r1"])
        #expect(log.lifecycles.strings == ["complete"])
        #expect(log.caseAttributes.isEmpty && log.eventAttributes.isEmpty)
    }

    @Test func explicitMappingWinsAndLeavesOtherColumnsAsAttributes() throws {
        let text = """
            ticket,step,at,agent,case_id
            T1,open,01/02/2024 08:00,ann,x
            T1,close,01/02/2024 09:30,bob,y
            """
        var options = ImportOptions()
        options.caseColumn = "ticket"
        options.activityColumn = "STEP"  // case-insensitive fallback
        options.timestampColumn = "at"
        options.resourceColumn = "agent"
        options.timestampFormat = .dayFirst
        let log = try CSVTesting.read(text, options: options).log
        #expect(log.caseID(0) == "T1")
        #expect(CSVTesting.traces(log) == [["open", "close"]])
        #expect(log.resources.strings == ["ann", "bob"])
        #expect(log.timestamp[0] == ISO8601Parser.parse("2024-02-01T08:00:00Z")?.micros)
        #expect(log.eventAttributes.map(\.name) == ["case_id"])
    }

    @Test func optionalRolesNeverStealARequiredColumn() throws {
        var options = ImportOptions()
        options.caseColumn = "team"
        let log = try CSVTesting.read("team,activity,timestamp,group\nx,a,2024-01-01,g\n", options: options).log
        #expect(log.caseID(0) == "x")
        #expect(log.groups.strings == ["g"])
    }

    @Test func duplicateAndBlankHeaderNamesStayDistinct() throws {
        let log = try CSVTesting.read("case,activity,timestamp,x,x,\n1,a,2024-01-01,p,q,r\n").log
        #expect(log.caseAttributes.map(\.name) == ["x", "x.1", "column_6"])
    }

    @Test func anExplicitMissingOptionalColumnIsAnError() {
        var options = ImportOptions()
        options.groupColumn = "teem"
        let error = CSVTesting.error("case,activity,timestamp,team\n1,a,2024-01-01,t\n", options: options)
        #expect(error?.kind == .missingColumn)
        #expect(error?.reason.hasSuffix("did you mean 'team'?") == true)
    }

    @Test func editDistanceIsLevenshtein() {
        #expect(CSVColumnMapping.editDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
        #expect(CSVColumnMapping.editDistance([], Array("abc".utf8)) == 3)
        #expect(CSVColumnMapping.closest(to: ["case_id"], among: ["caseid", "activity", "cid"]) == "caseid")
    }
}
