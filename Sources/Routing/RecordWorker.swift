import EventLog

/// Parses and scores the records of one byte range: the unit of work of ``RouteStream``, one
/// per thread. Owns its scorer and buffers; results either go straight to the caller's
/// callbacks (one thread) or are kept in ``events`` until the stream hands them over in input
/// order (several threads).
final class RecordWorker {
    /// A buffered result; a row's id is `idCount` bytes at `idOffset` of ``idStorage`` (−1 = none).
    enum Event {
        case row(line: Int, idOffset: Int, idCount: Int, result: ScoredRow)
        case reject(RouteRejection)
    }

    struct Stop {
        /// Where parsing stopped: the end of the range, or the start of an incomplete record.
        var position: Int
        /// The line number at `position`.
        var line: Int
        /// Whether it stopped at an incomplete record.
        var incomplete: Bool
    }

    let scorer: RowScorer
    let format: RouteInputFormat
    var csv = CSVRecordParser()
    let json: JSONRecordParser
    /// CSV column → slot (−1 = ignored); empty until the header is read.
    var columns: [Int] = []
    var events: [Event] = []
    var idStorage: [UInt8] = []
    private(set) var slots: UnsafeMutableBufferPointer<FieldSlice>
    private(set) var fields: UnsafeMutableBufferPointer<FieldSlice>
    private(set) var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    init(scorer: RowScorer, format: RouteInputFormat, capacity: Int) {
        self.scorer = scorer
        self.format = format
        json = JSONRecordParser(keys: StringPool(scorer.inputNames))
        slots = .allocate(capacity: max(1, scorer.inputNames.count))
        fields = .allocate(capacity: 4096)
        scratchCapacity = capacity
        scratch = .allocate(capacity: capacity)
    }

    deinit {
        slots.deallocate()
        fields.deallocate()
        scratch.deallocate()
    }

    /// Makes the unescape buffer at least as large as the read buffer.
    func ensureScratch(_ capacity: Int) {
        guard capacity > scratchCapacity else { return }
        scratch.deallocate()
        scratch = .allocate(capacity: capacity)
        scratchCapacity = capacity
    }

    /// Room for `count` CSV fields plus one (to notice an extra field).
    func ensureFields(_ count: Int) {
        guard fields.count < count + 1 else { return }
        fields.deallocate()
        fields = .allocate(capacity: count + 1)
    }

    /// Processes the records in `[from, to)`. With `sink`, results go to it as they come (the
    /// id slice valid only during the call); without, they are appended to ``events``.
    func process(
        _ p: UnsafePointer<UInt8>, from: Int, to: Int, atEOF: Bool, line firstLine: Int, sink: RouteSink?
    ) -> Stop {
        var start = from, line = firstLine
        func reject(_ at: Int, _ a: Int, _ b: Int, _ reason: String) {
            let raw = String(decoding: UnsafeRawBufferPointer(start: p + a, count: min(b - a, 200)), as: UTF8.self)
            let rejection = RouteRejection(line: at, reason: reason, raw: raw.trimmingSuffixNewlines())
            if let sink { sink.reject(rejection) } else { events.append(.reject(rejection)) }
        }
        func score(_ at: Int, _ a: Int, _ b: Int) {
            do {
                let row = try scorer.score(UnsafeBufferPointer(slots))
                let id = scorer.id(UnsafeBufferPointer(slots))
                if let sink {
                    sink.row(at, id, row)
                } else {
                    let offset = idStorage.count
                    if id.count > 0 { idStorage.append(contentsOf: id.bytes) }
                    events.append(.row(line: at, idOffset: offset, idCount: id.count, result: row))
                }
            } catch {
                reject(at, a, b, error.description)
            }
        }
        while start < to {
            for s in 0..<slots.count { slots[s] = .absent }
            let recordLine = line
            if format == .csv {
                switch csv.parse(p, start: start, end: to, atEOF: atEOF, fields: fields, scratch: scratch) {
                case .incomplete:
                    return Stop(position: start, line: line, incomplete: true)
                case .malformed(let next, let newlines, let reason):
                    reject(recordLine, start, next, reason)
                    start = next
                    line += newlines
                case .record(let next, let count, let newlines):
                    if !(count == 1 && fields[0].count == 0) {
                        if count == columns.count {
                            for (c, slot) in columns.enumerated() where slot >= 0 { slots[slot] = fields[c] }
                            score(recordLine, start, next)
                        } else {
                            reject(recordLine, start, next, "expected \(columns.count) fields as in the header, found \(count)")
                        }
                    }
                    start = next
                    line += newlines
                }
            } else {
                switch json.parse(p, start: start, end: to, atEOF: atEOF, fields: slots, scratch: scratch) {
                case .incomplete:
                    return Stop(position: start, line: line, incomplete: true)
                case .blank(let next):
                    start = next
                case .malformed(let next, let reason):
                    reject(recordLine, start, next, reason)
                    start = next
                case .record(let next):
                    score(recordLine, start, next)
                    start = next
                }
                line += 1
            }
        }
        return Stop(position: start, line: line, incomplete: false)
    }
}

/// Where a worker delivers results directly (single-threaded streaming).
struct RouteSink {
    let row: (Int, FieldSlice, ScoredRow) -> Void
    let reject: (RouteRejection) -> Void
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
