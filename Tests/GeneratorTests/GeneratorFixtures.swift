import EventLog
import Foundation
@testable import Generator

/// One case of a generated log, unpacked for assertions.
struct CaseView {
    var id: String
    var attributes: [String: String]
    var activities: [String]
    var teams: [String]
    var resources: [String]
    var times: [Int64]
    var truth: OwnerTruth

    var type: String { attributes["exception_type", default: ""] }
    /// Teams of `Assigned` and `Reassigned` events, in order: the owner sequence.
    var ownerSequence: [String] {
        zip(activities, teams).filter { $0.0 == "Assigned" || $0.0 == "Reassigned" }.map(\.1)
    }
    var handoffs: Int { max(0, ownerSequence.count - 1) }
    var isPingPong: Bool { Set(ownerSequence).count < ownerSequence.count }
    var resolvingTeam: String? {
        Array(zip(activities, teams)).last { $0.0 == "Resolved" }?.1
    }
    var isResolved: Bool { activities.contains("Resolved") }
}

/// Generated logs shared by the tests (generated once per test process).
enum Fixtures {
    /// The default dials on 20 000 cases.
    static let configuration: GeneratorConfiguration = {
        var c = GeneratorConfiguration()
        c.cases = 20_000
        c.seed = 11
        return c
    }()

    static let output: Generator.Output? = try? Generator.makeLogAndTruth(configuration)

    static let cases: [CaseView] = output.map(views) ?? []

    static func views(_ output: Generator.Output) -> [CaseView] {
        let log = output.log
        let names = log.caseAttributes.map(\.name)
        return (0..<log.caseCount).map { c in
            var attributes: [String: String] = [:]
            for (i, column) in log.caseAttributes.enumerated() {
                attributes[names[i]] = column.value(at: c)?.text ?? ""
            }
            let range = log.events(ofCase: c)
            return CaseView(
                id: log.caseID(c), attributes: attributes,
                activities: range.map { log.activities.string(log.activity[$0]) },
                teams: range.map { log.groups.string(log.group[$0]) },
                resources: range.map { log.resources.string(log.resource[$0]) },
                times: range.map { log.timestamp[$0] },
                truth: output.truth[c])
        }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Repository root (where Package.swift lives).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Splits CSV text made by the generator (no quoting needed) into rows of cells.
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
