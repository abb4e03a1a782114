import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `switchyard variants LOG|FILE`: the distinct activity sequences and how often they occur.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "List the variants (distinct activity sequences) of a log with counts and case durations.")

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String
    @OptionGroup var input: InputOptions
    @OptionGroup var discovery: DiscoveryOptions
    @Option(help: "Show the K most frequent variants (0 = all).")
    var top: Int = 10
    @Flag(help: "Print JSON for machines.")
    var json = false

    func run() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more, got \(top)") }
        let eventLog = try discovery.load(log, input: input)
        let table: VariantTable
        do {
            table = try VariantTable(log: eventLog, classifier: discovery.activityClassifier)
        } catch {
            throw CLIError(error.description)
        }
        let shown = top == 0 ? table.count : min(top, table.count)
        if json {
            print(String(decoding: try JSONExport.variants(table, top: shown), as: UTF8.self))
            return
        }
        let cases = max(1, eventLog.caseCount)
        var cumulative = 0
        let rows = (0..<shown).map { i -> [String] in
            let v = table.variants[i]
            cumulative += v.count
            let names = table.names(of: i)
            var path = names.prefix(12).joined(separator: " → ")
            if names.count > 12 { path += " → … (\(names.count) events)" }
            return [
                "\(i + 1)", TextFormat.thousands(v.count), String(format1: Double(v.count) * 100 / Double(cases)) + " %",
                String(format1: Double(cumulative) * 100 / Double(cases)) + " %",
                DurationFormat.short(seconds: v.durations.medianSeconds), DurationFormat.short(seconds: v.durations.meanSeconds),
                path,
            ]
        }
        print("\(TextFormat.thousands(table.count)) variants over \(TextFormat.thousands(eventLog.caseCount)) cases\n")
        print(TextFormat.table(header: ["#", "cases", "share", "cumulative", "median", "mean", "activities"], rows: rows))
        if shown < table.count { print("… \(TextFormat.thousands(table.count - shown)) more (use --top 0 or --json)") }
    }
}
