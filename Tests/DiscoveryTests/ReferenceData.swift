import EventLog
import Foundation

/// pm4py's answers in `../shared/reference/*.json` and the logs they were computed on.
struct Reference: Decodable {
    struct Edge: Decodable {
        var from: String
        var to: String
        var count: Int
        var pm4pyNormalized: Double?
    }
    struct DFG: Decodable {
        var numEdges: Int?
        var total: Int?
        var edges: [Edge]
    }
    struct Variant: Decodable {
        var count: Int
        var activities: [String]
    }
    struct Variants: Decodable {
        var numVariants: Int
        var top: [Variant]
    }
    struct Durations: Decodable {
        var min: Double
        var median: Double
        var mean: Double
        var max: Double
        var n: Int
    }
    struct Alternative: Decodable {
        var numActivities: Int
        var dfg: DFG
        var variants: Variants
    }
    struct Handover: Decodable {
        var eventsWithAttribute: Int
        var eventsMissingAttribute: Int
        var distinctValues: Int
        var totalHandoversIncludingSelf: Int
        var totalHandoversExcludingSelf: Int
        var numEdges: Int
        var edges: [Edge]
        var pm4pyError: String?
    }
    struct ScriptMetrics: Decodable {
        var casesWithAttribute: Int
        var firstDiffersFromLast: Int
        var casesWithAnyChange: Int
        var pingPongCasesXyx: Int
        var casesReturningToEarlierValue: Int
        var totalValueChanges: Int
    }
    struct Organizational: Decodable {
        var handoverOfWork: Handover
        var scriptMetrics: ScriptMetrics
    }
    struct Mapping: Decodable {
        var sep: String?
        var caseColumn: String?
        var activity: String?
        var timestamp: String?
        enum CodingKeys: String, CodingKey {
            case sep, activity, timestamp
            case caseColumn = "case"
        }
    }
    struct Import: Decodable {
        var mapping: Mapping?
    }
    /// One object type of a flattened OCEL log.
    struct Flattened: Decodable {
        var numCases: Int
        var numEvents: Int
        var startActivities: [String: Int]
        var endActivities: [String: Int]
        var dfg: DFG
        var variants: Variants
        var caseDurationSeconds: Durations
    }

    var log: String
    var file: String
    var kind: String
    var numCases: Int?
    var numEvents: Int?
    var numActivities: Int?
    var activityCounts: [String: Int]?
    var startActivities: [String: Int]?
    var endActivities: [String: Int]?
    var dfg: DFG?
    var variants: Variants?
    var caseDurationSeconds: Durations?
    var altClassifierConceptNamePlusLifecycle: Alternative?
    var organizational: [String: Organizational]?
    var `import`: Import?
    var flattenedPerObjectType: [String: Flattened]?
}

enum ReferenceLogs {
    /// `../shared` beside the repository (CI lays it out so).
    static var shared: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Names (file stems in `reference/`) of every reference of the given kind.
    static func names(kind: String) -> [String] {
        let dir = shared.appendingPathComponent("reference")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap { file in
            guard let ref = try? load(String(file.dropLast(5))), ref.kind == kind else { return nil }
            return String(file.dropLast(5))
        }
    }

    static func load(_ name: String) throws -> Reference {
        let data = try Data(contentsOf: shared.appendingPathComponent("reference/\(name).json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Reference.self, from: data)
    }

    /// Reads the log a reference was computed on, with the column mapping pm4py used.
    static func eventLog(_ ref: Reference, objectType: String? = nil) throws -> EventLog {
        var options = ImportOptions()
        if let m = ref.import?.mapping {
            options.caseColumn = m.caseColumn
            options.activityColumn = m.activity
            options.timestampColumn = m.timestamp
            if let sep = m.sep, sep.utf8.count == 1 { options.delimiter = sep.utf8.first }
        }
        options.objectType = objectType
        // An OCEL 1.0 CSV is told from a flat CSV by the OCEL reader (see OCELLogReader).
        if ref.kind == "ocel" && ref.file.hasSuffix(".csv") { options.format = .ocelJSON }
        let path = shared.appendingPathComponent(ref.file).path
        return try EventLogImporter.read(path, options: options, progress: nil).log
    }
}
