import EventLog
import Foundation
import Routing

/// Turns a log into routing input through the Lifecycle module (filled in once it lands).
enum ExceptionSource {
    static func fromLog(_ argument: String, input: InputOptions, workspace: String, profile: String) throws -> (input: FeatureInput, notes: [String]) {
        throw CLIError(
            "reading exceptions from an event log needs the Lifecycle module, which is not in this build yet; "
                + "pass a table of exceptions with --table")
    }
}
