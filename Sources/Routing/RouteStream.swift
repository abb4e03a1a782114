import Dispatch
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

/// Streams exceptions from CSV (with a header) or JSON Lines through ``RowScorer``s in
/// constant memory: a fixed read buffer (1 MiB, 4 MiB with several threads, growing only for
/// a longer record up to `maxRecordBytes`), no per-row allocation. Unknown columns are
/// ignored; bad rows are handed to `onReject` with their line and reason, and counted.
///
/// With `threads > 1` each buffer is cut at a record boundary near its middle and the halves
/// are parsed and scored in parallel, results delivered in input order. The cut is checked:
/// if the first half does not end exactly there (odd quoting), that buffer is done serially.
/// Models with history counts always score on one thread (counts depend on row order).
public final class RouteStream {
    public let format: RouteInputFormat
    public var delimiter: UInt8?
    public let maxRecordBytes: Int
    /// Threads actually used.
    public let threads: Int
    private let scorers: [RowScorer]

    /// The scorer of the first thread.
    public var scorer: RowScorer { scorers[0] }

    /// A single-threaded stream over `scorer`.
    public init(scorer: RowScorer, format: RouteInputFormat, delimiter: UInt8? = nil, maxRecordBytes: Int = 1 << 20) {
        scorers = [scorer]
        threads = 1
        self.format = format
        self.delimiter = delimiter
        self.maxRecordBytes = max(1024, maxRecordBytes)
    }

    /// A stream over `model` on up to `threads` threads, carrying the first present of
    /// `idColumns` through as each row's id.
    public init(
        model: RoutingModel, idColumns: [String], format: RouteInputFormat, threads: Int, delimiter: UInt8? = nil,
        maxRecordBytes: Int = 1 << 20
    ) {
        let n = model.features.history.isEmpty ? max(1, min(threads, 2)) : 1
        scorers = (0..<n).map { _ in RowScorer(model: model, idColumns: idColumns) }
        self.threads = n
        self.format = format
        self.delimiter = delimiter
        self.maxRecordBytes = max(1024, maxRecordBytes)
    }

    /// Reads `source` to its end. `onRow(line, id, result)` gets every scored row in input
    /// order (the id slice is absent when there is no id column; valid only during the call).
    public func run<S: ByteSource>(
        _ source: inout S, onRow: (Int, FieldSlice, ScoredRow) -> Void, onReject: (RouteRejection) -> Void
    ) throws(RouteInputError) -> RouteSummary {
        var summary = RouteSummary()
        let result: Result<RouteSummary, RouteInputError> = withoutActuallyEscaping(onRow) { onRow in
            withoutActuallyEscaping(onReject) { onReject in
                let sink = RouteSink(
                    row: { line, id, row in
                        summary.rows += 1
                        summary.scored += 1
                        if row.decision == .auto { summary.automated += 1 }
                        if row.missing != 0 { summary.rowsWithMissing += 1 }
                        onRow(line, id, row)
                    },
                    reject: { rejection in
                        summary.rows += 1
                        summary.rejected += 1
                        onReject(rejection)
                    })
                do throws(RouteInputError) {
                    let (absent, bytes) = try drive(&source, sink: sink)
                    summary.absentColumns = absent
                    summary.bytes = bytes
                    return .success(summary)
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// Reads and scores everything; returns the model inputs absent from the header and the bytes read.
    private func drive<S: ByteSource>(_ source: inout S, sink: RouteSink) throws(RouteInputError) -> ([String], Int) {
        var absent: [String] = []
        var capacity = threads > 1 ? 4 << 20 : 1 << 20
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let workers = scorers.map { RecordWorker(scorer: $0, format: format, capacity: capacity) }
        var start = 0, end = 0, atEOF = false, line = 1
        var haveHeader = format == .jsonl
        var firstChunk = true
        var bytesRead = 0

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
                for w in workers { w.ensureScratch(capacity) }
            }
            let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if n == 0 { atEOF = true }
            end += n
            bytesRead += n
            if firstChunk && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            if firstChunk && end > 0 { firstChunk = false }
        }

        func skipOversized() throws(RouteInputError) {
            let raw = String(decoding: UnsafeRawBufferPointer(start: buffer + start, count: 200), as: UTF8.self)
            sink.reject(RouteRejection(line: line, reason: "row longer than \(maxRecordBytes) bytes; skipped to the next line", raw: raw))
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
            if !haveHeader {
                guard try readHeader(buffer, &start, end, atEOF, &line, workers, &absent) else {
                    if start == 0 && end == capacity && capacity >= maxRecordBytes {
                        throw RouteInputError("line 1: the header is longer than \(maxRecordBytes) bytes")
                    }
                    if atEOF { break }
                    try fill()
                    continue
                }
                haveHeader = true
                continue
            }
            let stop = process(buffer, start, end, atEOF, line, workers, sink)
            start = stop.position
            line = stop.line
            if stop.incomplete {
                if start == 0 && end == capacity && capacity >= maxRecordBytes {
                    try skipOversized()
                } else if atEOF {
                    break
                } else {
                    try fill()
                }
            }
        }
        if !haveHeader { throw RouteInputError("the input is empty: expected a CSV header line") }
        return (absent, bytesRead)
    }

    /// Parses the CSV header at `start`; false when it is not complete yet.
    private func readHeader(
        _ p: UnsafePointer<UInt8>, _ start: inout Int, _ end: Int, _ atEOF: Bool, _ line: inout Int, _ workers: [RecordWorker],
        _ absent: inout [String]
    ) throws(RouteInputError) -> Bool {
        let first = workers[0]
        let d = delimiter ?? CSVRecordParser.detectDelimiter(p + start, count: end - start)
        for w in workers { w.csv.delimiter = d }
        switch first.csv.parse(p, start: start, end: end, atEOF: atEOF, fields: first.fields, scratch: first.scratch) {
        case .incomplete:
            return false
        case .malformed(_, _, let reason):
            throw RouteInputError("line 1: malformed header: \(reason)")
        case .record(let next, let count, let newlines):
            guard count <= first.fields.count else {
                throw RouteInputError("line 1: the header has more than \(first.fields.count) columns")
            }
            let names = (0..<count).map { String(decoding: first.fields[$0].bytes, as: UTF8.self).trimmingSpaces() }
            var columns = [Int](repeating: -1, count: count)
            var used = Set<Int>()
            for (c, name) in names.enumerated() {
                if let slot = scorer.inputNames.firstIndex(of: name), used.insert(slot).inserted { columns[c] = slot }
            }
            let needed = scorer.model.features.inputColumns
            absent = needed.filter { !names.contains($0) }
            guard absent.count < needed.count else {
                throw RouteInputError(
                    "none of the model's inputs (\(needed.joined(separator: ", "))) is a column of the input; columns found: "
                        + names.prefix(30).joined(separator: ", "))
            }
            for w in workers {
                w.columns = columns
                w.ensureFields(count)
            }
            start = next
            line += newlines
            return true
        }
    }

    /// Processes the complete records of `[start, end)`, in parallel halves when it pays.
    private func process(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ atEOF: Bool, _ line: Int, _ workers: [RecordWorker],
        _ sink: RouteSink
    ) -> RecordWorker.Stop {
        guard workers.count > 1, end - start >= 1 << 16, let cut = splitPoint(p, start, end) else {
            return workers[0].process(p, from: start, to: end, atEOF: atEOF, line: line, sink: sink)
        }
        let secondLine = line + CSVRecordParser.countNewlines(p, from: start, to: cut)
        for w in workers {
            w.events.removeAll(keepingCapacity: true)
            w.idStorage.removeAll(keepingCapacity: true)
        }
        nonisolated(unsafe) var stops = [RecordWorker.Stop](repeating: RecordWorker.Stop(position: 0, line: 0, incomplete: false), count: 2)
        nonisolated(unsafe) let unsafeWorkers = workers
        nonisolated(unsafe) let base = p
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let stop = i == 0
                ? unsafeWorkers[0].process(base, from: start, to: cut, atEOF: false, line: line, sink: nil)
                : unsafeWorkers[1].process(base, from: cut, to: end, atEOF: atEOF, line: secondLine, sink: nil)
            stops[i] = stop
        }
        deliver(workers[0], sink)
        guard !stops[0].incomplete, stops[0].position == cut else {
            // The cut was not a record boundary: continue serially from where the first half stopped.
            return workers[0].process(p, from: stops[0].position, to: end, atEOF: atEOF, line: stops[0].line, sink: sink)
        }
        deliver(workers[1], sink)
        return stops[1]
    }

    private func deliver(_ worker: RecordWorker, _ sink: RouteSink) {
        worker.idStorage.withUnsafeBufferPointer { ids in
            for event in worker.events {
                switch event {
                case .row(let line, let offset, let count, let result):
                    let id = count < 0 ? FieldSlice.absent : FieldSlice(base: ids.baseAddress.map { $0 + offset }, count: count)
                    sink.row(line, id, result)
                case .reject(let rejection):
                    sink.reject(rejection)
                }
            }
        }
    }

    /// A position just after a newline near the middle of `[start, end)` that is outside quotes
    /// (by quote parity from `start`), or `nil`.
    private func splitPoint(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let mid = start + (end - start) / 2
        var inQuotes = format == .csv && CSVRecordParser.countQuotes(p, from: start, to: mid) % 2 == 1
        var i = mid
        while i < end {
            let b = p[i]
            if b == 0x22 && format == .csv { inQuotes.toggle() }
            if b == 0x0A && !inQuotes { return i + 1 < end ? i + 1 : nil }
            i += 1
        }
        return nil
    }
}
