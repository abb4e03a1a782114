#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``OCELLogReader/readOCEL(_:format:options:)`` returns: the object-centric log and
/// the account of its input events.
public struct OCELImportResult: Sendable {
    public var log: OCELLog
    /// Events rejected (bad id, type or time), with their locator, in input order.
    public var rejected: [RejectedRow]
    /// Events seen in the input (accepted + rejected).
    public var eventsRead: Int
    /// Things that lose nothing but deserve a mention (naive times, dangling relations).
    public var warnings: [String]
}

/// Reads object-centric event logs (OCEL 2.0 JSON, SQLite and XML; OCEL 1.0 JSON, XML and
/// CSV) and flattens them on one object type (`--object-type`) into an ``EventLog``.
///
/// The content decides the reader (an SQLite header, `<`, `{`, or a CSV header with
/// `ocel:eid` and `ocel:type:` columns), so a `.json` file that holds XML still reads and an
/// OCEL 1.0 CSV reads with `--format jsonocel`; `format` is the caller's expectation. Timestamps without an
/// offset are read in ``ImportOptions/timezone``. JSON and XML files are read whole into
/// memory and parsed into a tree: fine for OCEL files (small), not for multi-GB data.
public enum OCELLogReader {
    /// Reads `path` and flattens it on ``ImportOptions/objectType``.
    ///
    /// Throws when the file cannot be read, when no object type is given (the message lists
    /// the types with their object counts) or when the type does not exist. Each flattened
    /// event carries its OCEL id in the event column `ocel:eid`; ``ImportResult/rowsRead``
    /// counts OCEL events, not flattened ones.
    public static func read(_ path: String, format: LogFormat, options: ImportOptions) throws(ImportError) -> ImportResult {
        let ocel = try readOCEL(path, format: format, options: options)
        let available = ocel.log.objectTypeSummary()
        let listing = available.map { "\($0.type) (\($0.objects) object\($0.objects == 1 ? "" : "s"))" }.joined(separator: ", ")
        guard let objectType = options.objectType, !objectType.isEmpty else {
            throw ImportError(
                .missingColumn, file: path, column: "object type", expected: "--object-type with one of: \(listing)",
                reason: "an object-centric log must be flattened on one object type")
        }
        guard let log = ocel.log.flatten(
            on: objectType, resource: options.resourceColumn ?? "org:resource", group: options.groupColumn ?? "org:group",
            lifecycle: options.lifecycleColumn ?? "lifecycle:transition")
        else {
            let close = available.first { $0.type.lowercased() == objectType.lowercased() }
                ?? available.first { $0.type.lowercased().hasPrefix(objectType.lowercased()) }
            throw ImportError(
                .invalidValue, file: path, column: "object type", expected: "one of: \(listing)", found: objectType,
                reason: "no object type '\(objectType)' in this log" + (close.map { " (did you mean '\($0.type)'?)" } ?? ""))
        }
        var warnings = ocel.warnings
        let objects = available.first { $0.type == objectType }?.objects ?? 0
        if log.caseCount < objects {
            warnings.append("\(objects - log.caseCount) of \(objects) '\(objectType)' objects have no events and are not cases")
        }
        return ImportResult(log: log, rejected: ocel.rejected, rowsRead: ocel.eventsRead, warnings: warnings)
    }

    /// Reads `path` into an object-centric ``OCELLog`` without flattening it.
    public static func readOCEL(_ path: String, format: LogFormat, options: ImportOptions) throws(ImportError) -> OCELImportResult {
        var assembler = try OCELLogAssembler(path: path, options: options)
        let head = try readFile(path, limit: 16)
        guard !head.isEmpty else { throw ImportError(.emptyInput, file: path, reason: "the file is empty") }
        if head.starts(with: Array("SQLite format 3".utf8)) {
            try OCELSQLiteReader.read(path, into: &assembler)
        } else {
            let bytes = try readFile(path, limit: nil)
            switch firstSignificantByte(bytes) {
            case UInt8(ascii: "<"): try OCELXMLReader.read(path, bytes: bytes, into: &assembler)
            case UInt8(ascii: "{"), UInt8(ascii: "["): try OCELJSONReader.read(path, bytes: bytes, into: &assembler)
            case nil: throw ImportError(.emptyInput, file: path, reason: "the file holds only white space")
            case _ where OCELCSVReader.looksLikeOCELCSV(bytes): try OCELCSVReader.read(path, bytes: bytes, into: &assembler)
            default:
                let expected: String
                switch format {
                case .ocelSQLite: expected = "an OCEL 2.0 SQLite database"
                case .ocelXML: expected = "OCEL XML starting with '<'"
                default: expected = "OCEL JSON starting with '{'"
                }
                throw ImportError(
                    .unknownFormat, file: path, line: 1, expected: expected,
                    found: String(decoding: head.prefix(12), as: UTF8.self), reason: "not an OCEL file")
            }
        }
        let done = assembler.finish()
        return OCELImportResult(log: done.log, rejected: done.rejected, eventsRead: done.eventsSeen, warnings: done.warnings)
    }

    private static func firstSignificantByte(_ bytes: [UInt8]) -> UInt8? {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i < bytes.count ? bytes[i] : nil
    }

    /// The file's bytes (at most `limit` when given), read with `read(2)`.
    static func readFile(_ path: String, limit: Int?) throws(ImportError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ImportError(errno == ENOENT ? .fileNotFound : .unreadable, file: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ImportError(.unreadable, file: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        let want = min(size, limit ?? size)
        var bytes = [UInt8](repeating: 0, count: want)
        var got = 0
        while got < want {
            let n = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return posixRead(fd, base + got, want - got)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            got += n
        }
        if got < want { bytes.removeSubrange(got...) }
        return bytes
    }
}

/// `read(2)`, named apart from ``OCELLogReader/read(_:format:options:)``.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
