import EventLog
import Foundation
import Lifecycle
import Routing

/// Turns a log into routing input: read it, rebuild every exception with the lifecycle
/// profile, keep what was known at detection.
enum ExceptionSource {
    static func fromLog(_ argument: String, input: InputOptions, workspace: String, profile: String) throws
        -> (input: FeatureInput, notes: [String])
    {
        let chosen: LifecycleProfile
        do {
            chosen = try ProfileLoader.resolve(profile)
        } catch {
            throw CLIError(error.description)
        }
        let result = try LogSource.load(argument, input: input, workspace: workspace)
        let table: ExceptionTable
        do {
            table = try Reconstruction.reconstruct(result.log, profile: chosen)
        } catch {
            throw CLIError(error.description)
        }
        var notes = table.warnings
        if !table.unusable.isEmpty {
            notes.append("\(table.unusable.count) case(s) could not be read as exceptions (see `switchyard lifecycles`)")
        }
        if result.rejected.count > 0 { notes.append("\(result.rejected.count) row(s) of \(argument) rejected while reading") }
        return (FeatureInput(exceptionTable: table), notes)
    }
}
