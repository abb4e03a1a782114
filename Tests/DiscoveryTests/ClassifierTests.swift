import EventLog
import Testing
@testable import Discovery

@Suite struct ClassifierTests {
    @Test func parsesTheUsualSpellings() {
        #expect(ActivityClassifier(parsing: "concept:name") == .activity)
        #expect(ActivityClassifier(parsing: "activity") == .activity)
        #expect(ActivityClassifier(parsing: "concept:name+lifecycle:transition") == .activityAndLifecycle)
        #expect(ActivityClassifier(parsing: "org:resource, concept:name") == .attributes(["org:resource", "concept:name"]))
    }

    @Test func combinesAnyAttributes() throws {
        let log = TestLogs.log([
            .init(caseID: "1", activity: "a", seconds: 0, resource: "ann"),
            .init(caseID: "1", activity: "a", seconds: 1, resource: "bob"),
            .init(caseID: "2", activity: "a", seconds: 0, resource: "ann"),
            .init(caseID: "2", activity: "b", seconds: 1),
        ])
        let classes = try ActivityClassifier.attributes(["concept:name", "org:resource"]).classes(of: log)
        #expect(classes.names == ["a+ann", "a+bob", "b"])
        #expect(classes.codes == [0, 1, 0, 2])
    }

    @Test func unknownAttributeNamesTheAvailableOnes() {
        let log = TestLogs.traces(["a b"])
        #expect(throws: DiscoveryError.self) { try ActivityClassifier(parsing: "colour").classes(of: log) }
        do {
            _ = try ActivityClassifier(parsing: "colour").classes(of: log)
        } catch {
            #expect(error.description == "no attribute 'colour' in the log; available: concept:name, case:concept:name")
        }
    }

    @Test func eventAndCaseAttributesBecomeCodes() throws {
        var b = EventLogBuilder()
        let c0 = b.caseIDs.intern("c0"), c1 = b.caseIDs.intern("c1")
        let a = b.activities.intern("a")
        b.appendEvent(caseCode: c0, activity: a, timestamp: 0)
        b.setEventAttribute("priority", .int(3))
        b.appendEvent(caseCode: c1, activity: a, timestamp: 0)
        b.setCaseAttribute("region", .string("north"), caseCode: c1)
        let log = b.build()
        let priority = try AttributeCodes(log, attribute: "priority")
        #expect(priority.names == ["3"])
        #expect(priority.codes == [0, StringPool.missing])
        let region = try AttributeCodes(log, attribute: "case:region")
        #expect(region.codes == [StringPool.missing, 0])
        #expect(region.names == ["north"])
    }
}
