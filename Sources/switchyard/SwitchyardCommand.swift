import ArgumentParser

/// The `switchyard` command-line tool.
@main
struct SwitchyardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "Process mining and analytics for order-exception routing.",
        subcommands: [
            StatsCommand.self, TrainCommand.self, EvaluateCommand.self, RouteCommand.self, ModelsCommand.self,
            CompareCommand.self, PromoteCommand.self, DriftCommand.self, BenchTrainCommand.self, BenchRouteCommand.self,
        ]
    )
}
