import EventLog

extension Generator {
    /// Writes the log as XES (`compressed`: gzip) to `path`, and the truth file to
    /// `truthPath` when given. Builds the whole log in memory first (about 40 bytes per
    /// event), then hands it to ``XESLogWriter``; both files are written under temporary
    /// names and renamed into place, the truth file only once the log is written.
    @discardableResult
    public static func writeXES(
        _ configuration: GeneratorConfiguration, to path: String, compressed: Bool, truthPath: String? = nil
    ) throws(GeneratorError) -> GenerationSummary {
        try configuration.validate()
        try checkDistinct(path, truthPath)
        let truthFile = try truthPath.map { p throws(GeneratorError) in try OutputFile(path: p) }
        let output = try run(configuration, keepTruth: false, truthFile: truthFile)
        do {
            try XESLogWriter.write(output.log, to: path, compressed: compressed)
        } catch let error as XESWriteError {
            throw GeneratorError(.cannotWrite, "cannot write '\(path)': \(error.reason)")
        } catch {
            throw GeneratorError(.cannotWrite, "cannot write '\(path)': \(error)")
        }
        try truthFile?.commit()
        return output.summary
    }
}
