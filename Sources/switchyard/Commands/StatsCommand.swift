import ArgumentParser
import EventLog
import Foundation

/// `switchyard stats LOG|FILE`: counts, time span and attributes of a log.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print cases, events, activities, time span and attributes of a log.")

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var input: InputOptions
    @Flag(help: "Print JSON for machines.")
    var json = false

    func run() throws {
        let result = try LogSource.load(log, input: input, workspace: workspace.path)
        let stats = LogStatistics(result.log)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        } else {
            print(StatsTable.render(stats))
        }
    }
}
