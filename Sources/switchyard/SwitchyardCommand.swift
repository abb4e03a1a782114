import ArgumentParser
import EventLog
import Foundation

/// The `switchyard` command-line tool.
@main
struct SwitchyardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "Process mining and analytics for order-exception routing.",
        subcommands: [
            // Data in
            ImportCommand.self,
            LogsCommand.self,
            StatsCommand.self,
            GenerateCommand.self,
            // Discovery
            DiscoverCommand.self,
            VariantsCommand.self,
            HandoversCommand.self,
            // Exceptions
            LifecyclesCommand.self,
            KPICommand.self,
            // Routing model
            TrainCommand.self,
            EvaluateCommand.self,
            RouteCommand.self,
            ModelsCommand.self,
            CompareCommand.self,
            PromoteCommand.self,
            DriftCommand.self,
            // Reports
            ReportCommand.self,
            // Routing service
            ServeCommand.self,
            TokensCommand.self,
            AuditCommand.self,
            // Benchmarks
            BenchCommand.self,
        ]
    )

    /// Exit codes: 0 ok; 1 an error, printed as `error: …` on stderr; 2 a usage error
    /// (unknown flag, missing argument, invalid value), printed with the usage.
    static func main() {
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitForUsage(error)
        }
        do {
            var command = command
            try command.run()
        } catch let error as CLIError {
            fail(error.description)
        } catch let error as ImportError {
            fail(error.description)
        } catch let error as WorkspaceError {
            fail(error.description)
        } catch {
            exitForUsage(error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// ArgumentParser's message, with its usage-error code (64) mapped to 2.
    private static func exitForUsage(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        if code == .validationFailure {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        exit(withError: error)
    }
}
