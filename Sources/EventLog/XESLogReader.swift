/// Reads XES and XES.gz event logs (IEEE 1849-2016) into an ``EventLog``, streamed.
///
/// The file is read in 1 MiB chunks — inflated with zlib on the way when it starts with the
/// gzip magic bytes, whatever its name — and tokenized by ``XESScanner``, a byte-level
/// scanner that carries a tag split across two chunks over to the next one. Memory is the
/// chunk buffers plus the log being built; a large `.xes.gz` is never held decompressed.
///
/// With ``ImportOptions/threads`` ≥ 2, a gzip file is inflated on a second thread while the
/// first parses, and a plain file of 16 MiB or more is cut at `<trace>` boundaries into one
/// segment per thread, parsed in parallel and merged; the result is the same log, rows and
/// messages as a single pass (a cut that is not clean falls back to one pass).
///
/// Mapping (see ``XESLogAssembler``): trace `concept:name` → case id (a trace without one gets
/// `trace-<n>`), other trace attributes → case attributes; event `concept:name`,
/// `time:timestamp`, `org:resource`, `org:group`, `lifecycle:transition` → the standard
/// columns; other event attributes → typed columns (`id` reads as a string; `list` and
/// `container` are skipped). Naive times are read in ``ImportOptions/timezone`` (UTC by
/// default, as pm4py does).
///
/// Bad events (no or unparsable timestamp, no activity, a bad typed value, an unknown
/// attribute type) are rejected with their line, or thrown with `strict`. A DOCTYPE or ENTITY
/// declaration, malformed or truncated XML, invalid UTF-8, and a gzip stream that inflates
/// past ``ImportOptions/maxInflateRatio`` times its size throw an ``ImportError``.
///
/// Cost: one pass over the bytes, a table lookup per byte; see the package's benchmark notes.
public enum XESLogReader {
    /// Bytes read from the source per chunk.
    static let chunkSize = 1 << 20
    /// Largest single tag the reader accepts (a hostile file cannot make it buffer more).
    static let maxTagBytes = 256 << 20
    /// Plain files at least this large are parsed in segments when threads allow.
    static let parallelThreshold = 16 << 20

    public static func read(_ path: String, options: ImportOptions, progress: ImportProgress?) throws(ImportError) -> ImportResult {
        try read(path, options: options, progress: progress, chunkSize: chunkSize, parallelThreshold: parallelThreshold)
    }

    /// `chunkSize` is the read size (tests use tiny ones to split tags everywhere);
    /// `parallelThreshold` the smallest plain file cut into segments.
    static func read(
        _ path: String, options: ImportOptions, progress: ImportProgress?, chunkSize: Int, parallelThreshold: Int
    ) throws(ImportError) -> ImportResult {
        do {
            return try readUnlabelled(
                path, options: options, progress: progress, chunkSize: max(chunkSize, 1), parallelThreshold: parallelThreshold)
        } catch {
            var labelled = error
            if labelled.file.isEmpty { labelled.file = path }
            throw labelled
        }
    }

    private static func readUnlabelled(
        _ path: String, options: ImportOptions, progress: ImportProgress?, chunkSize: Int, parallelThreshold: Int
    ) throws(ImportError) -> ImportResult {
        guard let naive = NaiveTimeZone(options.timezone) else {
            throw ImportError(
                .invalidValue, file: path, column: "timezone", expected: "UTC, an offset like +02:00, or an IANA name",
                found: options.timezone, reason: "unknown time zone")
        }
        let file = try XESInputFile(path: path)
        guard file.size > 0 else { throw ImportError(.emptyInput, file: path, reason: "the file is empty") }
        let head = file.peek(4)
        if head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) {
            throw ImportError(
                .invalidEncoding, file: path, line: 1, expected: "UTF-8", found: "a UTF-16 byte-order mark",
                reason: "UTF-16 XES is not supported; convert the file to UTF-8")
        }
        let name = options.name ?? EventLogImporter.defaultName(for: path)
        let setup = XESReadSetup(name: name, strict: options.strict, naive: naive, chunkSize: chunkSize, totalBytes: file.size)
        guard !GzipFileSource.hasMagic(head) else {
            let gz = try GzipFileSource(file: file, maxRatio: options.maxInflateRatio, inputChunk: min(256 * 1024, chunkSize))
            guard options.threads >= 2 else { return try readSequential(.gzip(gz), setup, progress) }
            let ahead = XESReadAhead(source: gz, chunkSize: chunkSize)
            ahead.start()
            defer { ahead.stop() }
            return try readSequential(.readAhead(ahead), setup, progress)
        }
        if options.threads >= 2 && file.size >= parallelThreshold,
            let result = try XESSegmentedRead.read(file, segments: min(options.threads, 8), setup, progress)
        {
            return result
        }
        return try readSequential(.plain(file), setup, progress)
    }

    /// One pass over the whole source on this thread.
    static func readSequential(_ source: XESByteSource, _ setup: XESReadSetup, _ progress: ImportProgress?) throws(ImportError) -> ImportResult {
        var clock = ImportPhaseClock()
        var assembler = setup.assembler()
        var scanner = XESScanner()
        try pump(source: source, scanner: &scanner, assembler: &assembler, setup: setup, progress: progress, progressScale: 1)
        try assembler.checkComplete()
        clock.lap("parse")
        let log = assembler.makeLog()
        clock.lap("group by case, sort by time")
        source.stop()
        var result = ImportResult(
            log: log, rejected: assembler.rejected, rowsRead: assembler.rowsRead, warnings: assembler.warnings + source.warnings)
        result.phases = clock.phases
        return result
    }

    /// Reads chunks, scans tags, hands them to the assembler; carries a split tag over.
    /// Progress reports scale the bytes consumed by `progressScale` (segments report for all).
    static func pump(
        source: XESByteSource, scanner: inout XESScanner, assembler: inout XESLogAssembler, setup: XESReadSetup,
        progress: ImportProgress?, progressScale: Int
    ) throws(ImportError) {
        let chunkSize = setup.chunkSize
        var capacity = chunkSize
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var filled = 0
        var position = 0
        var finalChunk = false
        var firstChunk = true
        var nextReport = 16 << 20
        func report() {
            progress?(min(source.bytesConsumed * progressScale, setup.totalBytes), setup.totalBytes, assembler.builder.eventCount * progressScale)
        }
        while true {
            // Move the unfinished tail to the front and top the buffer up.
            if position > 0 {
                if filled > position, let base = buffer.baseAddress {
                    base.copyMemory(from: base + position, byteCount: filled - position)
                }
                filled -= position
                position = 0
            }
            if filled == capacity {
                guard capacity < maxTagBytes else {
                    throw ImportError(.tooLarge, file: "", line: scanner.line, reason: "a single tag is larger than \(maxTagBytes >> 20) MiB")
                }
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 64)
                if let dst = bigger.baseAddress, let src = buffer.baseAddress { dst.copyMemory(from: src, byteCount: filled) }
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let want = min(capacity - filled, chunkSize)
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + want)]))
            if n == 0 { finalChunk = true }
            filled += n
            if firstChunk {
                firstChunk = false
                position = skipByteOrderMark(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
            }
            let view = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            scan: while true {
                switch try scanner.next(view, &position, isFinal: finalChunk, tag: &assembler.tag) {
                case .tag:
                    assembler.latin1 = scanner.latin1
                    try assembler.handle(view)
                case .needMore:
                    break scan
                case .endOfInput:
                    report()
                    return
                }
            }
            if progress != nil && source.bytesConsumed >= nextReport {
                report()
                nextReport = source.bytesConsumed + (16 << 20)
            }
        }
    }

    /// Length of a UTF-8 byte-order mark at the start, or 0.
    private static func skipByteOrderMark(_ b: UnsafeRawBufferPointer) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }
}

/// What every pass of one read shares.
struct XESReadSetup {
    let name: String
    let strict: Bool
    let naive: NaiveTimeZone
    let chunkSize: Int
    let totalBytes: Int

    func assembler() -> XESLogAssembler { XESLogAssembler(name: name, strict: strict, naive: naive) }
}
