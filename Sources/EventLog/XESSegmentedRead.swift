import Foundation

/// Parses a plain XES file on several threads: the file is cut just before `<trace>` start
/// tags into about equal segments, each segment is parsed by its own scanner and assembler,
/// and the assemblers are merged in file order (``XESLogAssembler/absorb(_:lineOffset:traceOffset:)``).
///
/// A cut is trusted only if the segment before it ends exactly there, directly inside
/// `<log>` with nothing open (so a `<trace` inside a comment cannot fool it). If a cut is not
/// clean or any segment fails, the caller reads the file in one pass, which reports the
/// exact error. Rejected rows and warnings carry the same line numbers as in a single pass. Cost: the parse divided by the threads, plus a merge that re-interns each
/// distinct value of the later segments once and appends their events.
enum XESSegmentedRead {
    /// A short XES event takes about this many bytes: each segment reserves its columns for
    /// its bytes over this, the first for the whole file, so that the merge appends the other
    /// segments' events without moving the first's (room never filled is address space only).
    static let bytesPerEventGuess = 128

    /// The log, or `nil` when the file should be read in one pass instead.
    static func read(_ file: XESInputFile, segments: Int, _ setup: XESReadSetup, _ progress: ImportProgress?) throws(ImportError) -> ImportResult? {
        guard segments >= 2, let root = prescanRoot(file) else { return nil }
        let cuts = cutPoints(file, count: segments, after: root.end, traceTag: root.tracePattern)
        guard !cuts.isEmpty else { return nil }
        var bounds = [0] + cuts + [file.size]
        bounds = Array(Set(bounds)).sorted()
        let count = bounds.count - 1
        let outcomes = (0..<count).map { _ in XESSegmentOutcome() }
        let done = DispatchSemaphore(value: 0)
        var clock = ImportPhaseClock()
        for k in 1..<count {
            let outcome = outcomes[k]
            let (start, end) = (bounds[k], bounds[k + 1])
            let job = XESSegmentJob(
                file: file, start: start, end: end, isFirst: false, isLast: k == count - 1, rootName: root.name,
                latin1: root.latin1, setup: setup, reserveEvents: (end - start) / bytesPerEventGuess)
            let thread = Thread {
                job.run(into: outcome, progress: nil, scale: 1)
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        let first = XESSegmentJob(
            file: file, start: 0, end: bounds[1], isFirst: true, isLast: false, rootName: root.name, latin1: root.latin1,
            setup: setup, reserveEvents: file.size / bytesPerEventGuess)
        first.run(into: outcomes[0], progress: progress, scale: count)
        for _ in 1..<count { done.wait() }
        clock.lap("parse (\(count) segments)")

        // A bad cut, or an error anywhere: one pass gives the exact answer (errors are rare,
        // and their messages may name lines of other elements).
        guard outcomes.allSatisfy({ !$0.badCut && $0.error == nil }), var merged = outcomes[0].assembler else { return nil }
        var lineOffset = outcomes[0].lines - 1
        for k in 1..<count {
            guard let next = outcomes[k].assembler else { return nil }
            outcomes[k].assembler = nil
            merged.absorb(next, lineOffset: lineOffset, traceOffset: merged.traceOrdinal, threads: segments)
            lineOffset += outcomes[k].lines - 1
        }
        clock.lap("merge segments")
        let log = merged.makeLog(threads: segments)
        clock.lap("group by case, sort by time")
        var result = ImportResult(log: log, rejected: merged.rejected, rowsRead: merged.rowsRead, warnings: merged.warnings)
        result.phases = clock.phases
        return result
    }

    struct Root {
        var name: [UInt8]
        var end: Int
        var latin1: Bool
        var tracePattern: [UInt8]
    }

    /// The root start tag from the first 64 KiB: its name, where it ends, and the encoding.
    static func prescanRoot(_ file: XESInputFile) -> Root? {
        let head = file.peek(64 * 1024)
        return head.withUnsafeBytes { bytes -> Root? in
            var scanner = XESScanner()
            var position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            var tag = XESTag()
            guard case .tag? = try? scanner.next(bytes, &position, isFinal: false, tag: &tag), !tag.isEnd, !tag.selfClosing,
                let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                XESElement.classify(base, tag.nameStart, tag.nameEnd) == .log
            else { return nil }
            let name = Array(bytes[tag.nameStart..<tag.nameEnd])
            let prefix = name.lastIndex(of: UInt8(ascii: ":")).map { Array(name[...$0]) } ?? []
            return Root(name: name, end: tag.tagEnd, latin1: scanner.latin1, tracePattern: Array("<".utf8) + prefix + Array("trace".utf8))
        }
    }

    /// Up to `count - 1` offsets of `<trace` start tags near `size * k / count`.
    static func cutPoints(_ file: XESInputFile, count: Int, after minimum: Int, traceTag: [UInt8]) -> [Int] {
        var cuts: [Int] = []
        for k in 1..<count {
            var offset = max(file.size * k / count, minimum, (cuts.last ?? 0) + 1)
            let window = 64 * 1024
            search: while offset < file.size {
                let bytes = file.peek(window + traceTag.count, at: offset)
                guard bytes.count > traceTag.count else { break }
                var i = 0
                while i + traceTag.count < bytes.count {
                    if bytes[i] == traceTag[0] && bytes[i..<(i + traceTag.count)].elementsEqual(traceTag) {
                        let after = bytes[i + traceTag.count]
                        if after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || after == UInt8(ascii: ">")
                            || after == UInt8(ascii: "/")
                        {
                            cuts.append(offset + i)
                            break search
                        }
                    }
                    i += 1
                }
                offset += window
            }
        }
        return cuts
    }
}

/// The result of one segment, filled by the thread that parsed it.
final class XESSegmentOutcome: @unchecked Sendable {
    var assembler: XESLogAssembler?
    var error: ImportError?
    /// The scanner's line at the end: lines in the segment + 1.
    var lines = 1
    /// The segment did not end cleanly inside `<log>`: the cut is not usable.
    var badCut = false
}

/// One segment to parse: bytes `start..<end` of the file.
struct XESSegmentJob: @unchecked Sendable {
    let file: XESInputFile
    let start: Int
    let end: Int
    let isFirst: Bool
    let isLast: Bool
    let rootName: [UInt8]
    let latin1: Bool
    let setup: XESReadSetup
    /// Events to reserve room for.
    let reserveEvents: Int

    func run(into outcome: XESSegmentOutcome, progress: ImportProgress?, scale: Int) {
        var assembler = setup.assembler()
        assembler.builder.reserve(events: reserveEvents)
        var scanner = XESScanner()
        if !isFirst {
            scanner.latin1 = latin1
            assembler.latin1 = latin1
            assembler.resumeInsideLog(rootName: rootName, line: 1)
        }
        let source = XESByteSource.range(XESFileRange(file: file, start: start, end: end))
        do throws(ImportError) {
            try XESLogReader.pump(
                source: source, scanner: &scanner, assembler: &assembler, setup: setup, progress: progress,
                progressScale: scale)
            if isLast {
                try assembler.checkComplete()
            } else if !assembler.isAtLogLevel {
                outcome.badCut = true
            }
            outcome.assembler = assembler
        } catch {
            outcome.error = error
        }
        outcome.lines = scanner.line
    }
}
