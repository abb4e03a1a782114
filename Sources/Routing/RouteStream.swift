import EventLog

/// A row of routing input that was not scored, with where it was and why.
public struct RouteRejection: Sendable, Equatable {
    /// 1-based line where the row starts.
    public var line: Int
    public var reason: String
    /// The row's text (first 200 bytes).
    public var raw: String
}

/// Counts of one routing run.
public struct RouteSummary: Sendable, Equatable {
    /// Records read (scored + rejected; blank lines not counted).
    public var rows = 0
    public var scored = 0
    public var rejected = 0
    /// Scored rows decided `auto`.
    public var automated = 0
    /// Scored rows with at least one missing input.
    public var rowsWithMissing = 0
    /// Model inputs absent from the CSV header (every row will miss them).
    public var absentColumns: [String] = []
    public var bytes = 0
}

/// Input formats of ``RouteStream``.
public enum RouteInputFormat: String, Sendable, CaseIterable {
    case csv, jsonl
}

/// Streams exceptions from CSV (with a header) or JSON Lines through a ``RowScorer`` in
/// constant memory: a fixed read buffer (1 MiB, growing only for a longer record up to
/// `maxRecordBytes`), no per-row allocation. Unknown columns are ignored; bad rows are
/// handed to `onReject` with their line and reason, and counted.
public final class RouteStream {
    public let scorer: RowScorer
    public let format: RouteInputFormat
    public var delimiter: UInt8?
    public let maxRecordBytes: Int

    public init(scorer: RowScorer, format: RouteInputFormat, delimiter: UInt8? = nil, maxRecordBytes: Int = 1 << 20) {
        self.scorer = scorer
        self.format = format
        self.delimiter = delimiter
        self.maxRecordBytes = max(1024, maxRecordBytes)
    }

    /// Reads `source` to its end. `onRow(line, id, result)` gets every scored row (the id
    /// slice is absent when there is no id column; valid only during the call).
    public func run<S: ByteSource>(
        _ source: inout S, onRow: (Int, FieldSlice, ScoredRow) -> Void, onReject: (RouteRejection) -> Void
    ) throws(RouteInputError) -> RouteSummary {
        var summary = RouteSummary()
        var capacity = 1 << 20
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer {
            buffer.deallocate()
            scratch.deallocate()
        }
        let slotCount = scorer.inputNames.count
        let slots = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: slotCount)
        defer { slots.deallocate() }
        var start = 0, end = 0, atEOF = false, line = 1
        var header: [Int]? = format == .jsonl ? [] : nil
        var fields = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: 4096)
        defer { fields.deallocate() }
        var csv = CSVRecordParser()
        let json = JSONRecordParser(keys: StringPool(scorer.inputNames))
        var firstChunk = true

        func fill() throws(RouteInputError) {
            if start > 0 {
                if end > start { buffer.update(from: buffer + start, count: end - start) }
                end -= start
                start = 0
            }
            if end == capacity {
                capacity *= 2
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                bigger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = bigger
                scratch.deallocate()
                scratch = .allocate(capacity: capacity)
            }
            let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if n == 0 { atEOF = true }
            end += n
            summary.bytes += n
            if firstChunk && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            if firstChunk && end > 0 { firstChunk = false }
        }

        func reject(_ at: Int, _ from: Int, _ to: Int, _ reason: String) {
            summary.rows += 1
            summary.rejected += 1
            let raw = String(decoding: UnsafeRawBufferPointer(start: buffer + from, count: min(to - from, 200)), as: UTF8.self)
            onReject(RouteRejection(line: at, reason: reason, raw: raw.trimmingSuffixNewlines()))
        }

        func score(line: Int, from: Int, to: Int) {
            do {
                let row = try scorer.score(UnsafeBufferPointer(slots))
                summary.rows += 1
                summary.scored += 1
                if row.decision == .auto { summary.automated += 1 }
                if row.missing != 0 { summary.rowsWithMissing += 1 }
                onRow(line, scorer.id(UnsafeBufferPointer(slots)), row)
            } catch {
                reject(line, from, to, error.description)
            }
        }

        func skipOversized() throws(RouteInputError) {
            reject(line, start, end, "row longer than \(maxRecordBytes) bytes; skipped to the next line")
            while true {
                var i = start
                while i < end && buffer[i] != 0x0A { i += 1 }
                if i < end {
                    start = i + 1
                    line += 1
                    return
                }
                start = end
                if atEOF { return }
                try fill()
            }
        }

        try fill()
        while true {
            if start >= end {
                if atEOF { break }
                try fill()
                continue
            }
            for s in 0..<slotCount { slots[s] = .absent }
            let recordLine = line
            if format == .csv {
                if header == nil { csv.delimiter = delimiter ?? CSVRecordParser.detectDelimiter(buffer + start, count: end - start) }
                switch csv.parse(buffer, start: start, end: end, atEOF: atEOF, fields: fields, scratch: scratch) {
                case .incomplete:
                    if start == 0 && end == capacity && capacity >= maxRecordBytes {
                        try skipOversized()
                    } else {
                        try fill()
                    }
                    continue
                case .malformed(let next, let newlines, let reason):
                    if header == nil { throw RouteInputError("line 1: malformed header: \(reason)") }
                    reject(recordLine, start, next, reason)
                    start = next
                    line += newlines
                case .record(let next, let count, let newlines):
                    defer {
                        start = next
                        line += newlines
                    }
                    guard let columns = header else {
                        var names: [String] = []
                        for c in 0..<min(count, fields.count) {
                            names.append(String(decoding: fields[c].bytes, as: UTF8.self).trimmingSpaces())
                        }
                        header = try mapHeader(names, &summary)
                        if fields.count < count + 1 {
                            fields.deallocate()
                            fields = .allocate(capacity: count + 1)
                        }
                        continue
                    }
                    if count == 1 && fields[0].count == 0 { continue }  // blank line
                    guard count == columns.count else {
                        reject(recordLine, start, next, "expected \(columns.count) fields as in the header, found \(count)")
                        continue
                    }
                    for (c, slot) in columns.enumerated() where slot >= 0 { slots[slot] = fields[c] }
                    score(line: recordLine, from: start, to: next)
                }
            } else {
                switch json.parse(buffer, start: start, end: end, atEOF: atEOF, fields: slots, scratch: scratch) {
                case .incomplete:
                    if start == 0 && end == capacity && capacity >= maxRecordBytes {
                        try skipOversized()
                    } else {
                        try fill()
                    }
                case .blank(let next):
                    start = next
                    line += 1
                case .malformed(let next, let reason):
                    reject(recordLine, start, next, reason)
                    start = next
                    line += 1
                case .record(let next):
                    score(line: recordLine, from: start, to: next)
                    start = next
                    line += 1
                }
            }
        }
        if format == .csv && header == nil { throw RouteInputError("the input is empty: expected a CSV header line") }
        return summary
    }

    /// Column index → slot (−1 = ignored) from the header fields.
    private func mapHeader(_ names: [String], _ summary: inout RouteSummary) throws(RouteInputError) -> [Int] {
        var columns = [Int](repeating: -1, count: names.count)
        var used = Set<Int>()
        for (c, name) in names.enumerated() {
            if let slot = scorer.inputNames.firstIndex(of: name), used.insert(slot).inserted { columns[c] = slot }
        }
        let needed = scorer.model.features.inputColumns
        summary.absentColumns = needed.filter { !names.contains($0) }
        guard summary.absentColumns.count < needed.count else {
            throw RouteInputError(
                "none of the model's inputs (\(needed.joined(separator: ", "))) is a column of the input; columns found: "
                    + names.prefix(30).joined(separator: ", "))
        }
        return columns
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    func trimmingSuffixNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
