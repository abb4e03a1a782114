import Foundation

/// Turns DOT text into SVG by running Graphviz's `dot -Tsvg` (it only shells out).
///
/// Graphviz escapes the labels it writes into SVG, so text from the data cannot inject
/// markup. Cost: whatever `dot` takes — about a second for a few hundred nodes.
public enum GraphvizRenderer {
    /// Where `dot` is looked for when it is not on `PATH`.
    static let fallbackPaths = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"]

    /// The path of the `dot` executable, or `nil` when Graphviz is not installed.
    public static func dotExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/dot" } + fallbackPaths
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Renders `dot` text to SVG bytes.
    ///
    /// - Throws: ``DiscoveryError`` `.graphvizMissing` when `dot` is not installed,
    ///   `.graphvizFailed` with Graphviz's message when it rejects the input.
    public static func svg(fromDOT dot: String) throws(DiscoveryError) -> Data {
        guard let executable = dotExecutable() else {
            throw DiscoveryError(
                .graphvizMissing,
                "Graphviz 'dot' was not found on PATH; install it (apt-get install graphviz) or write a .dot file instead")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw DiscoveryError(.graphvizFailed, "could not start \(executable): \(error.localizedDescription)")
        }
        // Feed stdin and drain stderr on other threads so no pipe fills up and blocks dot.
        let group = DispatchGroup()
        let text = Data(dot.utf8)
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async(group: group) {
            writer.write(text)
            try? writer.close()
        }
        nonisolated(unsafe) var stderrData = Data()
        let errorReader = errors.fileHandleForReading
        DispatchQueue.global().async(group: group) {
            stderrData = errorReader.readDataToEndOfFile()
        }
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderrData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DiscoveryError(.graphvizFailed, "dot -Tsvg failed (status \(process.terminationStatus)): \(message)")
        }
        return svg
    }
}
