import Foundation
import Testing

@testable import EventLog

/// Small XES documents written to temporary files, read back with the reader.
enum XESSample {
    /// Writes `text` to a fresh temporary file (gzip-compressed when `gzip`) and returns its path.
    static func file(_ text: String, name: String = "sample.xes", gzip: Bool = false) throws -> String {
        try file(bytes: Array(text.utf8), name: name, gzip: gzip)
    }

    static func file(bytes: [UInt8], name: String = "sample.xes", gzip: Bool = false) throws -> String {
        let path = try XESFixtures.temporaryDirectory().appendingPathComponent(name).path
        let out = try XESOutputFile(path: path, compressed: gzip)
        try bytes.withUnsafeBytes { raw in try out.write(raw) }
        try out.finish()
        return path
    }

    /// Gzip-compresses `bytes` in memory (through a temporary file).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let path = try file(bytes: bytes, name: "member.gz", gzip: true)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func read(
        _ path: String, _ options: ImportOptions = ImportOptions(), chunkSize: Int = XESLogReader.chunkSize,
        parallelThreshold: Int = XESLogReader.parallelThreshold
    ) throws(ImportError) -> ImportResult {
        try XESLogReader.read(path, options: options, progress: nil, chunkSize: chunkSize, parallelThreshold: parallelThreshold)
    }

    /// Reads `text` as a XES file.
    static func readText(_ text: String, _ options: ImportOptions = ImportOptions()) throws -> ImportResult {
        try read(try file(text), options)
    }

    /// The error reading `text` throws, or `nil` when it reads.
    static func error(_ text: String, _ options: ImportOptions = ImportOptions()) throws -> ImportError? {
        error(path: try file(text), options)
    }

    static func error(path: String, _ options: ImportOptions = ImportOptions()) -> ImportError? {
        do throws(ImportError) {
            _ = try read(path, options)
            return nil
        } catch {
            return error
        }
    }

    /// A one-trace document around `events` (raw XML of the events).
    static func trace(_ events: String, caseID: String = "c1") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <log xes.version="1849-2016">
          <trace>
            <string key="concept:name" value="\(caseID)"/>
        \(events)
          </trace>
        </log>
        """
    }

    /// An event with an activity and a timestamp, plus `extra` raw XML.
    static func event(_ activity: String, _ time: String = "2024-01-01T10:00:00Z", extra: String = "") -> String {
        """
            <event>
              <string key="concept:name" value="\(activity)"/>
              <date key="time:timestamp" value="\(time)"/>\(extra)
            </event>
        """
    }
}

/// Compares two logs value by value. String pools may number their strings differently and
/// attribute columns may come in another order (both follow first appearance in the file,
/// and a writer emits events sorted by time), so neither counts as a difference.
enum XESLogComparison {
    /// The first difference between `a` and `b`, or `nil` when they hold the same data.
    static func difference(_ a: EventLog, _ b: EventLog) -> String? {
        guard a.caseCount == b.caseCount else { return "cases \(a.caseCount) vs \(b.caseCount)" }
        guard a.eventCount == b.eventCount else { return "events \(a.eventCount) vs \(b.eventCount)" }
        guard a.caseOffsets == b.caseOffsets else { return "case offsets differ" }
        for c in 0..<a.caseCount where a.caseID(c) != b.caseID(c) { return "case \(c): \(a.caseID(c)) vs \(b.caseID(c))" }
        for e in 0..<a.eventCount {
            if a.activities.optionalString(a.activity[e]) != b.activities.optionalString(b.activity[e]) { return "activity of event \(e)" }
            if a.timestamp[e] != b.timestamp[e] { return "timestamp of event \(e): \(a.timestamp[e]) vs \(b.timestamp[e])" }
            if a.resources.optionalString(a.resource[e]) != b.resources.optionalString(b.resource[e]) { return "resource of event \(e)" }
            if a.groups.optionalString(a.group[e]) != b.groups.optionalString(b.group[e]) { return "group of event \(e)" }
            if a.lifecycles.optionalString(a.lifecycle[e]) != b.lifecycles.optionalString(b.lifecycle[e]) { return "lifecycle of event \(e)" }
        }
        if let d = columns(a.caseAttributes, b.caseAttributes, rows: a.caseCount) { return "case attributes: " + d }
        if let d = columns(a.eventAttributes, b.eventAttributes, rows: a.eventCount) { return "event attributes: " + d }
        return nil
    }

    private static func columns(_ a: [AttributeColumn], _ b: [AttributeColumn], rows: Int) -> String? {
        guard Set(a.map(\.name)) == Set(b.map(\.name)), a.count == b.count else {
            return "names \(a.map(\.name)) vs \(b.map(\.name))"
        }
        for x in a {
            guard let y = b.first(where: { $0.name == x.name }) else { return "no column \(x.name)" }
            guard x.type == y.type else { return "\(x.name): type \(x.type) vs \(y.type)" }
            for r in 0..<rows where x.value(at: r) != y.value(at: r) {
                return "\(x.name) row \(r): \(String(describing: x.value(at: r))) vs \(String(describing: y.value(at: r)))"
            }
        }
        return nil
    }
}
