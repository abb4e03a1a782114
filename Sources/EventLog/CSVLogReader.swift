import Foundation

/// Reads CSV event logs (RFC 4180) into an ``EventLog``.
///
/// The file is mapped into memory and scanned as bytes: quoted fields with doubled quotes
/// and line breaks, `\n`/`\r\n`/`\r` line ends, a UTF-8 byte order mark, and a delimiter
/// detected on the header line among `,` `;` tab `|` (or ``ImportOptions/delimiter``).
/// Columns are mapped by ``ImportOptions`` or recognised by name (pm4py's
/// `case:concept:name`, `concept:name`, `time:timestamp`, `org:resource`, `org:group`,
/// `lifecycle:transition`, or plain names such as `case_id`, `activity`, `timestamp`,
/// `resource`, `team`). Every other column is a typed attribute; columns constant within
/// every case become case attributes.
///
/// Bad rows are returned in ``ImportResult/rejected`` with their line and reason, and
/// ``ImportResult/rowsRead`` always equals accepted plus rejected rows; with
/// ``ImportOptions/strict`` the first bad row is thrown instead.
///
/// Cost: one pass over the bytes, split across ``ImportOptions/threads`` threads for files
/// of several MB (each part gets its own string pools, merged afterwards), then a counting
/// sort by case and the typing of the extra columns, several columns at once. Measured on
/// a 13-column order-exception log: about 2 M events per CPU-second. Memory while reading:
/// the mapped file, about 28 bytes per event for the standard columns, a compact copy of
/// each case's first row, and 8 bytes per event for each extra column that varies within a
/// case; the finished log keeps 24 bytes per event plus the pools and typed columns.
public enum CSVLogReader {
    /// Reads the CSV file at `path`.
    public static func read(_ path: String, options: ImportOptions, progress: ImportProgress?) throws(ImportError) -> ImportResult {
        let input = try CSVInput.open(path)
        return try read(input, file: path, options: options, progress: progress)
    }

    /// Reads CSV text held in memory (tests, small inputs). `file` names it in messages.
    static func read(
        bytes: [UInt8], file: String = "input.csv", options: ImportOptions = ImportOptions(),
        minimumChunkBytes: Int = defaultMinimumChunkBytes
    ) throws(ImportError) -> ImportResult {
        let input = bytes.withUnsafeBytes { CSVInput.borrowing($0) }
        return try read(input, file: file, options: options, progress: nil, minimumChunkBytes: minimumChunkBytes)
    }

    /// Below this many bytes per thread, parsing stays on one thread.
    static let defaultMinimumChunkBytes = 2 << 20

    static func read(
        _ input: CSVInput, file: String, options: ImportOptions, progress: ImportProgress?,
        minimumChunkBytes: Int = defaultMinimumChunkBytes
    ) throws(ImportError) -> ImportResult {
        let bytes = input.bytes
        guard bytes.count <= CSVValueRef.maxOffset else {
            throw ImportError(
                .tooLarge, file: file, expected: "a file under 128 GB", found: "\(bytes.count) bytes",
                reason: "the file is too large to import in one piece")
        }
        let dialect = try CSVDialect.detect(bytes, delimiter: options.delimiter, file: file)
        guard let zone = NaiveTimeZone(options.timezone) else {
            throw ImportError(
                .invalidValue, file: file, expected: "UTC, an offset like +02:00, or a zone name like Europe/Rome",
                found: options.timezone, reason: "unknown time zone")
        }
        let header = try readHeader(input, dialect: dialect, file: file)
        let layout = try CSVColumnMapping.resolve(header: header.names, options: options, file: file)
        let timestamps = CSVTimestampReader(format: options.timestampFormat, zone: zone)
        let parser = CSVChunkParser(
            input: input, layout: layout, delimiter: dialect.delimiter, timestamps: timestamps, strict: options.strict,
            file: file, meter: progress.map { CSVProgressMeter(total: bytes.count, alreadyRead: header.dataStart, callback: $0) })
        var clock = ImportPhaseClock()
        var chunk = parseChunks(
            parser, from: header.dataStart, line: header.dataLine, threads: options.strict ? 1 : options.threads,
            minimumChunkBytes: minimumChunkBytes, clock: &clock)
        if let failure = chunk.failure { throw failure }
        guard chunk.rowsRead > 0 else {
            throw ImportError(
                .emptyInput, file: file, line: header.dataLine, expected: "at least one row after the header",
                reason: "the file has a header but no rows")
        }
        let rejected = chunk.rejected
        let rowsRead = chunk.rowsRead
        chunk.rejected = []
        var log = CSVLogAssembly.assemble(
            &chunk, layout: layout, file: bytes, timestamps: timestamps, threads: options.threads, clock: &clock)
        log.name = options.name ?? ""
        log.promoteCaseConstantColumns()
        var warnings: [String] = []
        if log.eventCount == 0 {
            warnings.append(
                "every row was rejected: check the delimiter ('\(String(decoding: [dialect.delimiter], as: UTF8.self))'), "
                    + "the column mapping and the timestamp format")
        }
        clock.lap("case attributes")
        var result = ImportResult(log: log, rejected: rejected, rowsRead: rowsRead, warnings: warnings)
        result.phases = clock.phases
        return result
    }

    /// The header's column names, and where (offset and line) the first data row starts.
    static func readHeader(_ input: CSVInput, dialect: CSVDialect, file: String) throws(ImportError) -> (names: [String], dataStart: Int, dataLine: Int) {
        guard let raw = input.bytes.baseAddress else {
            throw ImportError(.emptyInput, file: file, expected: "a header line naming the columns", reason: "the file is empty")
        }
        var scanner = CSVScanner(
            base: raw.assumingMemoryBound(to: UInt8.self), count: input.bytes.count, delimiter: dialect.delimiter,
            position: dialect.headerStart, line: 1)
        defer { scanner.deallocate() }
        var status = scanner.nextRow()
        while status == .blank { status = scanner.nextRow() }
        guard status == .row else {
            throw ImportError(.emptyInput, file: file, expected: "a header line naming the columns", reason: "the file holds only blank lines")
        }
        if scanner.rowProblem != nil {
            throw ImportError(
                .malformedRow, file: file, line: scanner.rowLine, expected: "a header line naming the columns",
                found: String(decoding: scanner.rowBytes, as: UTF8.self), reason: "the header line has broken quoting")
        }
        guard scanner.fieldCount <= CSVScanner.fieldLimit else {
            throw ImportError(
                .tooLarge, file: file, line: scanner.rowLine, expected: "at most \(CSVScanner.fieldLimit) columns",
                found: "\(scanner.fieldCount) columns", reason: "the header line has too many columns")
        }
        if scanner.rowHasSpecialBytes, CSVChunkParser.encodingProblem(&scanner) != nil {
            throw ImportError(
                .invalidEncoding, file: file, line: scanner.rowLine, expected: "a UTF-8 header line naming the columns",
                reason: "the header line is not UTF-8 text (is this a binary file?)")
        }
        var names: [String] = []
        for j in 0..<scanner.fieldCount { names.append(String(decoding: scanner.bytes(j), as: UTF8.self)) }
        return (names, scanner.position, scanner.line)
    }

    /// Parses the rows from `start` on, split into up to `threads` parts at line ends.
    ///
    /// A split point is only a guess: it might fall inside a quoted field. Every part after
    /// the first is therefore checked against the part before it, which must have stopped
    /// exactly at the split with balanced quotes; otherwise the part is parsed again from
    /// where its predecessor really stopped. The result equals a single-threaded parse.
    static func parseChunks(
        _ parser: CSVChunkParser, from start: Int, line: Int, threads: Int, minimumChunkBytes: Int, clock: inout ImportPhaseClock
    ) -> CSVChunk {
        let n = parser.input.bytes.count
        let parts = max(1, min(threads, 8, (n - start) / max(1, minimumChunkBytes)))
        guard parts > 1, let base = parser.input.bytes.baseAddress else {
            defer { clock.lap("parse") }
            return parser.parse(from: start, limit: n, line: line, unbalanced: false)
        }
        var splits = [start]
        for i in 1..<parts {
            let guess = max(start + (n - start) / parts * i, splits[splits.count - 1])
            guard guess < n, let hit = memchr(base + guess, Int32(CSVScanner.lf), n - guess) else { break }
            let split = UnsafeRawPointer(hit) - base + 1
            if split < n && split > splits[splits.count - 1] { splits.append(split) }
        }
        splits.append(n)
        let count = splits.count - 1
        let results = UnsafeMutablePointer<CSVChunk?>.allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        defer {
            results.deinitialize(count: count)
            results.deallocate()
        }
        let slots = CSVChunkSlots(results)
        let ranges = splits
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots.pointer[i] = parser.parse(
                from: ranges[i], limit: ranges[i + 1], line: i == 0 ? line : 0, unbalanced: false,
                reserveBytes: i == 0 ? n - start : nil)
        }
        var chunks = [
            results[0] ?? parser.parse(from: start, limit: splits[1], line: line, unbalanced: false, reserveBytes: n - start)
        ]
        results[0] = nil
        for i in 1..<count {
            // `chunks.last` is never nil here; the fallback only keeps the code free of `!`.
            let previous = chunks[chunks.count - 1]
            var next: CSVChunk
            if let speculative = results[i], previous.endOffset == splits[i], !previous.endUnbalanced,
                !chunks.contains(where: { $0.failure != nil })
            {
                next = speculative
                next.shiftLines(by: previous.endLine)
            } else {
                next = parser.parse(
                    from: previous.endOffset, limit: splits[i + 1], line: previous.endLine, unbalanced: previous.endUnbalanced)
            }
            results[i] = nil
            chunks.append(next)
        }
        clock.lap("parse (\(count) parts)")
        let merged = CSVChunk.merge(&chunks, threads: threads)
        clock.lap("merge parts")
        return merged
    }
}

/// Hands each parsing thread its own result slot.
private final class CSVChunkSlots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<CSVChunk?>
    init(_ pointer: UnsafeMutablePointer<CSVChunk?>) { self.pointer = pointer }
}
