import EventLog

/// Reads a XES file, checks the result, writes it back and checks it reads to the same log.
public enum XESRoundTrip {
    public static func check(_ path: String, options: ImportOptions, context: String) {
        let result: ImportResult
        do {
            result = try XESLogReader.read(path, options: options, progress: nil)
        } catch {
            LogInvariants.check(error, context)
            return
        }
        LogInvariants.check(result, context)
        guard result.log.eventCount > 0 else { return }
        let back = FuzzInput.directory() + "/written.xes"
        do {
            try XESLogWriter.write(result.log, to: back, compressed: false)
        } catch {
            FuzzInput.fail("\(context) round trip: cannot write: \(error)")
        }
        do {
            let again = try XESLogReader.read(back, options: ImportOptions(), progress: nil)
            if !again.rejected.isEmpty {
                FuzzInput.fail("\(context) round trip: written file has rejected events: \(again.rejected.prefix(3))")
            }
            if let difference = LogComparison.difference(result.log, again.log) {
                FuzzInput.fail("\(context) round trip: \(difference)")
            }
        } catch {
            FuzzInput.fail("\(context) round trip: the written file does not read: \(error)")
        }
    }
}
