import Foundation
import Testing
@testable import EventLog

/// Helpers shared by the CSV test suites.
enum CSVTesting {
    /// `../shared` beside the repository.
    static let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardizedFileURL

    /// Reads CSV text on one thread, and again split into parts of a few bytes each, and
    /// checks that both give the same result before returning it.
    static func read(
        _ text: String, options: ImportOptions = ImportOptions(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ImportResult {
        try read(bytes: Array(text.utf8), options: options, sourceLocation: sourceLocation)
    }

    static func read(
        bytes: [UInt8], options: ImportOptions = ImportOptions(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ImportResult {
        var single = options
        single.threads = 1
        let one = try CSVLogReader.read(bytes: bytes, options: single)
        if !options.strict {
            var multi = options
            multi.threads = 4
            let many = try CSVLogReader.read(bytes: bytes, options: multi, minimumChunkBytes: 8)
            #expect(many.log == one.log, "parallel parse differs", sourceLocation: sourceLocation)
            #expect(many.rejected == one.rejected, "parallel rejections differ", sourceLocation: sourceLocation)
            #expect(many.rowsRead == one.rowsRead, sourceLocation: sourceLocation)
        }
        #expect(one.rowsRead == one.log.eventCount + one.rejected.count, sourceLocation: sourceLocation)
        return one
    }

    /// The error thrown by reading `text`, or `nil`.
    static func error(_ text: String, options: ImportOptions = ImportOptions()) -> ImportError? {
        error(bytes: Array(text.utf8), options: options)
    }

    static func error(bytes: [UInt8], options: ImportOptions = ImportOptions()) -> ImportError? {
        do {
            _ = try CSVLogReader.read(bytes: bytes, file: "in.csv", options: options)
            return nil
        } catch {
            return error
        }
    }

    /// Activity names per case, in log order.
    static func traces(_ log: EventLog) -> [[String]] {
        (0..<log.caseCount).map { c in log.events(ofCase: c).map { log.activities.string(log.activity[$0]) } }
    }

    /// A comparable rendering of everything a log holds, independent of pool code order.
    static func canonical(_ log: EventLog) -> [String] {
        var lines: [String] = []
        for c in 0..<log.caseCount {
            var caseLine = "case \(log.caseID(c))"
            for column in log.caseAttributes {
                caseLine += " \(column.name):\(column.type)=\(column.value(at: c).map { "\($0)" } ?? "nil")"
            }
            lines.append(caseLine)
            for e in log.events(ofCase: c) {
                var line = "  \(log.activities.string(log.activity[e])) @\(log.timestamp[e])"
                line += " r=\(log.resources.optionalString(log.resource[e]) ?? "nil")"
                line += " g=\(log.groups.optionalString(log.group[e]) ?? "nil")"
                line += " l=\(log.lifecycles.optionalString(log.lifecycle[e]) ?? "nil")"
                for column in log.eventAttributes {
                    line += " \(column.name):\(column.type)=\(column.value(at: e).map { "\($0)" } ?? "nil")"
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// A fresh path in the temporary directory.
    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-csv-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }
}
