import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard route model.json INPUT.csv|INPUT.jsonl|-`: one decision per exception, streamed.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route new exceptions: top owner, confidence, top-3 and auto/review for each.",
        discussion: """
            Reads CSV (with a header) or JSON Lines in constant memory and writes one row per exception: \
            line, id, owner, confidence, decision, the second and third owners with their probabilities, and the \
            inputs that were missing. Unknown columns are ignored; a missing or empty input is scored as unknown \
            and listed; a row that cannot be read (bad number or time, wrong field count, broken JSON) is rejected \
            with its line and reason, counted, and written to --rejected. The summary goes to stderr.
            """)

    @Argument(help: "A model file, or a registered model id (or `promoted`).")
    var model: String
    @Argument(help: "Exceptions to route: a .csv or .jsonl file, or - for standard input.")
    var input: String
    @Option(help: "Input format: csv or jsonl (default: from the extension; csv for -).")
    var format: String?
    @Option(help: "Column with the exception id, echoed in the output.")
    var idColumn: String?
    @Option(help: "Output format: csv or jsonl.")
    var output = "csv"
    @Option(help: "Write decisions here instead of standard output.")
    var out: String?
    @Option(help: "Write rejected rows (line, reason, raw row) to this CSV.")
    var rejected: String?
    @Option(help: "Threads that parse and score (1 or 2; models with history counts use 1).")
    var threads = 2
    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        guard ["csv", "jsonl"].contains(output) else { throw ValidationError("--output must be csv or jsonl, got '\(output)'") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let format, RouteInputFormat(rawValue: format) == nil {
            throw ValidationError("--format must be csv or jsonl, got '\(format)'")
        }
    }

    func run() throws {
        let (model, _) = try ModelReference.load(self.model, workspace: workspace.path)
        let lower = input.lowercased()
        let inputFormat = format.flatMap(RouteInputFormat.init(rawValue:))
            ?? (lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") ? .jsonl : .csv)
        let fd: Int32 = input == "-" ? 0 : open(input, O_RDONLY)
        guard fd >= 0 else { throw CLIError("\(input): cannot open: \(String(cString: strerror(errno)))") }
        defer { if input != "-" { close(fd) } }
        let stream = RouteStream(
            model: model, idColumns: idColumn.map { [$0] } ?? ["exception_id", "id", "case_id", "case:concept:name"],
            format: inputFormat, threads: threads)
        let scorer = stream.scorer
        let writer: OutputWriter
        do {
            writer = try OutputWriter(path: out)
        } catch {
            throw CLIError("\(out ?? "stdout"): cannot write: \(error)")
        }
        let rejectWriter = try rejected.map { path in
            do { return try OutputWriter(path: path) } catch { throw CLIError("\(path): cannot write: \(error)") }
        }
        rejectWriter?.append("line,reason,raw\n")
        let lines = DecisionLines(model: model, scorer: scorer, jsonl: output == "jsonl")
        if output == "csv" { writer.append("line,id,owner,confidence,decision,owner_2,confidence_2,owner_3,confidence_3,missing\n") }
        var firstRejections: [RouteRejection] = []
        var source = FileDescriptorSource(fd: fd)
        let started = Date()
        let summary: RouteSummary
        do {
            summary = try stream.run(
                &source,
                onRow: { line, id, row in lines.write(line: line, id: id, row: row, to: writer) },
                onReject: { rejection in
                    if firstRejections.count < 5 { firstRejections.append(rejection) }
                    rejectWriter?.append("\(rejection.line),\(DecisionLines.csvField(rejection.reason)),\(DecisionLines.csvField(rejection.raw))\n")
                })
        } catch {
            throw CLIError("\(input): \(error)")
        }
        lines.flush(to: writer)
        try writer.finish()
        try rejectWriter?.finish()
        let seconds = Date().timeIntervalSince(started)
        var text = "routed \(TextFormat.thousands(summary.scored)) exceptions in \(RoutingFormat.number(seconds, 2)) s: "
            + "\(TextFormat.thousands(summary.automated)) auto (\(RoutingFormat.percent(Double(summary.automated) / Double(max(1, summary.scored))))), "
            + "\(TextFormat.thousands(summary.scored - summary.automated)) review; "
            + "\(TextFormat.thousands(summary.rejected)) rejected; \(TextFormat.thousands(summary.rowsWithMissing)) with missing inputs\n"
        if !summary.absentColumns.isEmpty {
            text += "note: the input has no column " + summary.absentColumns.joined(separator: ", ") + " (scored as unknown)\n"
        }
        for r in firstRejections { text += "rejected line \(r.line): \(r.reason)\n" }
        if summary.rejected > firstRejections.count && rejected == nil { text += "(use --rejected FILE to keep every rejected row)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Formats decisions as CSV or JSON Lines bytes, straight into a buffer that is handed to the
/// sink every 256 KiB (call ``flush(to:)`` at the end).
final class DecisionLines {
    let classNames: [[UInt8]]
    let missingNames: [[UInt8]]
    let scorer: RowScorer
    let jsonl: Bool
    var buffer: [UInt8] = []

    init(model: RoutingModel, scorer: RowScorer, jsonl: Bool) {
        self.scorer = scorer
        self.jsonl = jsonl
        classNames = model.classes.map { Array((jsonl ? DecisionLines.jsonString($0) : DecisionLines.csvField($0)).utf8) }
        missingNames = scorer.inputNames.map { Array((jsonl ? DecisionLines.jsonString($0) : $0).utf8) }
        buffer.reserveCapacity(1 << 18 + 4096)
    }

    func write(line: Int, id: FieldSlice, row: ScoredRow, to writer: OutputWriter) { format(line: line, id: id, row: row, into: writer) }

    func format(line: Int, id: FieldSlice, row: ScoredRow, into sink: DecisionSink) {
        let tops = [(row.top.0, row.probability.0), (row.top.1, row.probability.1), (row.top.2, row.probability.2)]
        if jsonl {
            append("{\"line\":")
            appendInteger(line)
            append(",\"id\":")
            appendJSON(id.bytes)
            append(",\"owner\":")
            if row.top.0 >= 0 { buffer += classNames[Int(row.top.0)] } else { append("null") }
            append(",\"confidence\":")
            appendProbability(row.probability.0)
            append(row.decision == .auto ? ",\"decision\":\"auto\",\"top\":[" : ",\"decision\":\"review\",\"top\":[")
            var first = true
            for (k, p) in tops where k >= 0 {
                append(first ? "{\"owner\":" : ",{\"owner\":")
                buffer += classNames[Int(k)]
                append(",\"p\":")
                appendProbability(p)
                buffer.append(0x7D)
                first = false
            }
            append("],\"missing\":[")
            appendMissing(row.missing, separator: 0x2C)
            append("]}\n")
        } else {
            appendInteger(line)
            buffer.append(0x2C)
            appendCSV(id.bytes)
            buffer.append(0x2C)
            if row.top.0 >= 0 { buffer += classNames[Int(row.top.0)] }
            buffer.append(0x2C)
            appendProbability(row.probability.0)
            append(row.decision == .auto ? ",auto" : ",review")
            for (k, p) in tops.dropFirst() {
                buffer.append(0x2C)
                if k >= 0 { buffer += classNames[Int(k)] }
                buffer.append(0x2C)
                if k >= 0 { appendProbability(p) }
            }
            buffer.append(0x2C)
            appendMissing(row.missing, separator: 0x3B)
            buffer.append(0x0A)
        }
        if buffer.count >= 1 << 18 { flush(to: sink) }
    }

    /// Hands the buffered lines to `sink`.
    func flush(to sink: DecisionSink) {
        sink.append(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    private func appendInteger(_ value: Int) {
        let v = value.magnitude
        if value < 0 { buffer.append(0x2D) }
        var divisor: UInt = 1
        while divisor <= v / 10 { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(48 + v / divisor % 10))
            divisor /= 10
        }
    }

    private func appendMissing(_ mask: UInt64, separator: UInt8) {
        guard mask != 0 else { return }
        var first = true
        for i in 0..<min(64, missingNames.count) where mask & (1 << UInt64(i)) != 0 {
            if !first { buffer.append(separator) }
            buffer += missingNames[i]
            first = false
        }
    }

    private func appendCSV(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        for b in bytes {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    private func appendJSON(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            buffer.append(0x22)
            buffer.append(contentsOf: bytes)
            buffer.append(0x22)
            return
        }
        buffer += Array(DecisionLines.jsonString(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    /// `0.1234` with four decimals, without Foundation formatting.
    private func appendProbability(_ p: Float) {
        let scaled = Int((Double(p) * 10_000).rounded())
        buffer.append(UInt8(48 + scaled / 10_000))
        buffer.append(0x2E)
        let frac = scaled % 10_000
        buffer.append(UInt8(48 + frac / 1000))
        buffer.append(UInt8(48 + frac / 100 % 10))
        buffer.append(UInt8(48 + frac / 10 % 10))
        buffer.append(UInt8(48 + frac % 10))
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// Where formatted decision lines go.
protocol DecisionSink: AnyObject {
    func append(_ bytes: [UInt8])
}

/// Buffered writes to a file (temporary name, renamed when complete) or standard output.
final class OutputWriter: DecisionSink {
    private let fd: Int32
    private let path: String?
    private let temp: String?
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        if let path {
            let url = URL(fileURLWithPath: path)
            let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
            let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw CLIError(String(cString: strerror(errno))) }
            self.fd = fd
            self.temp = temp
        } else {
            fd = 1
            temp = nil
        }
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 1 << 20 { flush() }
    }

    func append(_ text: String) { append(Array(text.utf8)) }

    private func flush() {
        var offset = 0
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n <= 0 { if errno == EINTR { continue } else { break } }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        flush()
        guard let temp, let path else { return }
        close(fd)
        guard rename(temp, path) == 0 else { throw CLIError("\(path): cannot write: \(String(cString: strerror(errno)))") }
    }
}
