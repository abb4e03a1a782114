import Foundation
import Testing

@testable import EventLog

/// Paths of the shared logs and pm4py's answers, found beside the repository.
enum XESFixtures {
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardized

    static func log(_ name: String) -> String { shared.appendingPathComponent("logs/\(name)").path }

    /// pm4py's reference answers for a log, as parsed JSON.
    static func reference(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: shared.appendingPathComponent("reference/\(name).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xes-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// The figures of pm4py's reference files, computed from one of our logs.
struct XESReferenceFigures {
    var activityCounts: [String: Int] = [:]
    var startActivities: [String: Int] = [:]
    var endActivities: [String: Int] = [:]
    var lifecycleCounts: [String: Int] = [:]

    init(_ log: EventLog) {
        for e in 0..<log.eventCount { activityCounts[log.activities.string(log.activity[e]), default: 0] += 1 }
        for c in 0..<log.caseCount {
            let r = log.events(ofCase: c)
            guard let first = r.first, let last = r.last else { continue }
            startActivities[log.activities.string(log.activity[first]), default: 0] += 1
            endActivities[log.activities.string(log.activity[last]), default: 0] += 1
        }
        for code in log.lifecycle where code != StringPool.missing {
            lifecycleCounts[log.lifecycles.string(code), default: 0] += 1
        }
    }
}

@Suite struct XESReferenceTests {
    static let logs: [(file: String, reference: String)] = [
        ("running-example.xes", "running-example"),
        ("roadtraffic100traces.xes", "roadtraffic100traces"),
        ("receipt.xes.gz", "receipt"),
        ("helpdesk.xes.gz", "helpdesk"),
        ("sepsis_1t_per_variant.xes.gz", "sepsis_1t_per_variant"),
        ("roadtraffic_1t_per_variant.xes.gz", "roadtraffic_1t_per_variant"),
        ("bpic2020_permit_log_1t_per_variant.xes.gz", "bpic2020_permit_log_1t_per_variant"),
        ("hospital_billing_1t_per_variant.xes.gz", "hospital_billing_1t_per_variant"),
    ]

    @Test(arguments: logs.map(\.file))
    func matchesPm4pyReference(_ file: String) throws {
        let referenceName = try #require(Self.logs.first { $0.file == file }).reference
        let ref = try XESFixtures.reference(referenceName)
        let result = try XESLogReader.read(XESFixtures.log(file), options: ImportOptions(), progress: nil)
        let log = result.log
        #expect(result.rejected.isEmpty)
        #expect(result.rowsRead == log.eventCount)
        #expect(log.caseCount == ref["num_cases"] as? Int)
        #expect(log.eventCount == ref["num_events"] as? Int)
        #expect(log.activities.count == ref["num_activities"] as? Int)

        let figures = XESReferenceFigures(log)
        #expect(figures.activityCounts == ref["activity_counts"] as? [String: Int])
        #expect(figures.startActivities == ref["start_activities"] as? [String: Int])
        #expect(figures.endActivities == ref["end_activities"] as? [String: Int])
        if let lifecycle = ref["lifecycle_transition_counts"] as? [String: Int] {
            #expect(figures.lifecycleCounts == lifecycle)
        } else {
            #expect(!log.hasLifecycle)
        }

        let span = try #require(ref["log_time_span"] as? [String: String])
        let ours = try #require(log.timeSpan)
        #expect(Timestamp.iso8601(ours.lowerBound) == span["first_event"])
        #expect(Timestamp.iso8601(ours.upperBound) == span["last_event"])

        let attributes = try #require(ref["attributes"] as? [String: [String]])
        let caseNames = Set(["case:concept:name"] + log.caseAttributes.map { "case:" + $0.name })
        #expect(caseNames == Set(attributes["case"] ?? []))
        var eventNames: Set<String> = [XESKeys.conceptName, XESKeys.timeTimestamp]
        if log.hasResources { eventNames.insert(XESKeys.orgResource) }
        if log.hasGroups { eventNames.insert(XESKeys.orgGroup) }
        if log.hasLifecycle { eventNames.insert(XESKeys.lifecycleTransition) }
        eventNames.formUnion(log.eventAttributes.map(\.name))
        #expect(eventNames == Set(attributes["event"] ?? []))
    }

    @Test func typesTraceAndEventAttributes() throws {
        let receipt = try XESLogReader.read(XESFixtures.log("receipt.xes.gz"), options: ImportOptions(), progress: nil).log
        #expect(receipt.caseAttribute("deadline")?.type == .date)
        #expect(receipt.caseAttribute("channel")?.type == .string)
        #expect(receipt.eventAttribute("concept:instance")?.type == .string)
        #expect(receipt.resources.count == 48)
        #expect(receipt.groups.count == 10)

        let road = try XESLogReader.read(XESFixtures.log("roadtraffic100traces.xes"), options: ImportOptions(), progress: nil).log
        #expect(road.eventAttribute("amount")?.type == .float)
        #expect(road.eventAttribute("article")?.type == .int)
        #expect(road.eventAttribute("vehicleClass")?.type == .string)
        let first = try #require(road.caseIDs.code(of: "N77802"))
        let createFine = road.events(ofCase: Int(first)).lowerBound
        #expect(road.eventAttribute("amount")?.value(at: createFine) == .float(35.0))
        #expect(road.eventAttribute("article")?.value(at: createFine) == .int(157))
        #expect(road.resources.string(road.resource[createFine]) == "537")
    }

    @Test func importerDispatchesXESByNameAndNamesTheLog() throws {
        let result = try EventLogImporter.read(XESFixtures.log("receipt.xes.gz"))
        #expect(result.log.name == "receipt")
        #expect(result.log.eventCount == 8577)
        var options = ImportOptions()
        options.name = "wabo"
        options.threads = 1
        let named = try EventLogImporter.read(XESFixtures.log("running-example.xes"), options: options)
        #expect(named.log.name == "wabo")
        #expect(named.log.caseCount == 6)
    }
}
