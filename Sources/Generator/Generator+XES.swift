import EventLog

extension Generator {
    /// Writes the log as XES (`compressed`: gzip) to `path`, and the truth file to
    /// `truthPath` when given. Builds the whole log in memory first (about 40 bytes per event).
    @discardableResult
    public static func writeXES(
        _ configuration: GeneratorConfiguration, to path: String, compressed: Bool, truthPath: String? = nil
    ) throws(GeneratorError) -> GenerationSummary {
        // TEMPORARY until EventLog's XESLogWriter lands on main: the XES writer is built on another branch.
        _ = (path, compressed, truthPath)
        try configuration.validate()
        throw GeneratorError(.unsupportedFormat, "XES output is not available in this build; write .csv instead")
    }
}
