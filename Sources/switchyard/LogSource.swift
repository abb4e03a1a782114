import ArgumentParser
import EventLog
import Foundation

/// Resolves a `LOG|FILE` argument: an existing file is read directly; otherwise the name
/// is looked up in the workspace.
enum LogSource {
    static func load(_ argument: String, input: InputOptions) throws -> ImportResult {
        if FileManager.default.fileExists(atPath: argument) {
            do {
                return try EventLogImporter.read(argument, options: try input.importOptions(), progress: nil)
            } catch let error as ImportError {
                throw CLIError(error.description)
            }
        }
        throw CLIError("'\(argument)' is neither a file nor a log in the workspace")
    }
}

/// An error the CLI prints as `error: message` and exits 1 with.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
