import EventLog

extension Generator {
    /// Writes the log as XES (`compressed`: gzip) to `path`, and the truth file to
    /// `truthPath` when given. Builds the whole log in memory first (about 40 bytes per event).
    @discardableResult
    public static func writeXES(
        _ configuration: GeneratorConfiguration, to path: String, compressed: Bool, truthPath: String? = nil
    ) throws(GeneratorError) -> GenerationSummary {
        try configuration.validate()
        try checkDistinct(path, truthPath)
        let truthFile = try truthPath.map { p throws(GeneratorError) in try OutputFile(path: p) }
        let output = try run(configuration, keepTruth: false, truthFile: truthFile)
        // TEMPORARY until EventLog's XESLogWriter lands on main (it is built on another branch):
        // the call will be `try XESLogWriter.write(output.log, to: path, compressed: compressed)`.
        _ = (output, compressed)
        throw GeneratorError(.unsupportedFormat, "XES output is not available in this build; write .csv instead")
    }
}
