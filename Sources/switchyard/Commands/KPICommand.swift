import ArgumentParser
import EventLog
import Foundation
import KPI
import Lifecycle

/// `switchyard kpi LOG|FILE --profile P`: where exceptions lose time and money.
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Volume, cycle time, first touch, routing accuracy, recurrence, SLA, backlog, revenue at risk and drag.",
        discussion: """
            Rebuilds every exception with --profile (orders, itsm, or a JSON/YAML file) and computes every KPI, \
            overall and per slice of --by (one or two of: category, customer, order, tier, region, channel, \
            sku_family or any other attribute, first_owner, resolving_owner, status, week, month). \
            --from/--to keep exceptions detected in [from, to) and --to (or --as-of) sets the "now" of open \
            exceptions. Tables show durations like 3d 4h; --format csv/json and --out carry raw seconds and \
            currency units. --out DIR writes kpi.json and the CSV tables (slices, drag, backlog, backlog_owners, \
            backlog_current) there. The input format, when the extension does not tell it, is --input-format.
            """)

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String
    @Option(help: "Profile: orders, itsm, or a .json/.yaml file.")
    var profile: String
    @Option(help: "One or two slicing dimensions, comma-separated (e.g. exception_type,region).")
    var by: String?
    @Option(help: "Only exceptions detected at or after this instant (ISO 8601 date or time; UTC when naive).")
    var from: String?
    @Option(help: "Only exceptions detected before this instant; also the as-of instant when before the log's end.")
    var to: String?
    @Option(help: "The 'now' of open exceptions, backlog and SLA (default: the log's end, or --to).")
    var asOf: String?
    @Option(help: "Output: table, csv or json.")
    var format: OutputFormat = .table
    @Option(help: "Also write kpi.json and the CSV tables into this folder.")
    var out: String?
    @Option(help: "Orders processed in the period, for exceptions per 1 000 orders.")
    var orders: Int?
    @Option(help: "Backlog series granularity: day or week.")
    var granularity: BacklogGranularity = .day
    @Option(help: "Dimension whose fastest slice is each category's drag benchmark ('none' for no benchmark).")
    var compareWithin = "region"
    @Option(help: "Recurrence window in days (default: the profile's).")
    var recurrenceDays: Int?
    @Option(help: "Slices shown per table (all of them go to CSV/JSON).")
    var top = 25
    @OptionGroup var input: KPIInputOptions
    @OptionGroup var workspace: WorkspaceOptions

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    func validate() throws {
        if let orders, orders < 1 { throw ValidationError("--orders must be at least 1") }
        if let recurrenceDays, recurrenceDays < 0 { throw ValidationError("--recurrence-days must be 0 or more") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        let dims = dimensions
        guard dims.count <= 2 else { throw ValidationError("--by takes at most two dimensions, got \(dims.count): \(by ?? "")") }
        for (name, value) in [("--from", from), ("--to", to), ("--as-of", asOf)] {
            if let value, ISO8601Parser.parse(value) == nil {
                throw ValidationError("\(name) '\(value)' is not an ISO 8601 date or time (e.g. 2025-03-01 or 2025-03-01T12:00:00Z)")
            }
        }
    }

    private var dimensions: [String] {
        (by ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let chosen: LifecycleProfile
        do { chosen = try ProfileLoader.resolve(profile) } catch { throw CLIError(error.description) }
        let result = try LogSource.load(log, input: try input.inputOptions(), workspace: workspace.path)
        let table: ExceptionTable
        do { table = try Reconstruction.reconstruct(result.log, profile: chosen) } catch { throw CLIError(error.description) }
        var options = KPIOptions(profile: chosen)
        options.slicing = dimensions
        options.from = from.flatMap { ISO8601Parser.parse($0)?.micros }
        options.to = to.flatMap { ISO8601Parser.parse($0)?.micros }
        options.asOf = asOf.flatMap { ISO8601Parser.parse($0)?.micros }
        options.orderCount = orders
        options.granularity = granularity
        options.compareWithin = compareWithin.lowercased() == "none" ? nil : compareWithin
        if let recurrenceDays { options.recurrenceWindowDays = recurrenceDays }
        let report: KPIReport
        do { report = try KPIEngine.compute(table, options: options) } catch { throw CLIError(error.description) }
        if let out { try KPIFiles.write(report, to: out) }
        switch format {
        case .table:
            print(KPITables.render(report, log: result.log.name, top: top, notes: Self.currencyNotes(result.log, chosen)))
        case .csv: print(KPICSV.slices(report), terminator: "")
        case .json: print(String(decoding: try KPIFiles.json(report), as: UTF8.self))
        }
        if let out, format == .table { print("\nwrote        \(out)/kpi.json and " + KPIFiles.csvNames.joined(separator: ", ")) }
        for w in report.warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
    }
}

extension KPICommand {
    /// A note when order values come in several currencies (values are summed as they are).
    static func currencyNotes(_ log: EventLog, _ profile: LifecycleProfile) -> [String] {
        guard profile.orderValue != nil,
            let column = log.caseAttribute("currency") ?? log.caseAttribute("case:currency") ?? log.eventAttribute("currency"),
            column.type == .string, column.pool.count > 1
        else { return [] }
        let names = column.pool.strings.sorted().joined(separator: ", ")
        return ["order values are in several currencies (\(names)) and are added up unconverted; "
            + "slice by region (or a currency dimension) to read them apart"]
    }
}

extension BacklogGranularity: ExpressibleByArgument {}

/// Writes a report's JSON and CSV files, each to a temporary name then renamed.
enum KPIFiles {
    static let csvNames = ["slices.csv", "drag.csv", "backlog.csv", "backlog_owners.csv", "backlog_current.csv"]

    static func json(_ report: KPIReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(report)
    }

    static func write(_ report: KPIReport, to directory: String) throws {
        let dir = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let files: [(String, Data)] = [
                ("kpi.json", try json(report)),
                ("slices.csv", Data(KPICSV.slices(report).utf8)),
                ("drag.csv", Data(KPICSV.drag(report).utf8)),
                ("backlog.csv", Data(KPICSV.backlog(report).utf8)),
                ("backlog_owners.csv", Data(KPICSV.backlogOwners(report).utf8)),
                ("backlog_current.csv", Data(KPICSV.currentBacklog(report).utf8)),
            ]
            for (name, data) in files {
                let final = dir.appendingPathComponent(name)
                let temporary = dir.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
                try data.write(to: temporary)
                guard rename(temporary.path, final.path) == 0 else {
                    try? FileManager.default.removeItem(at: temporary)
                    throw CLIError("\(final.path): cannot replace the file (errno \(errno))")
                }
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(directory): cannot write the KPI files (\(error.localizedDescription))")
        }
    }
}
