import ArgumentParser
import EventLog
import Foundation

/// `switchyard bench …`: speed and memory figures (meaningful in a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure import speed and memory (build with -c release first).",
        subcommands: [
            BenchImportCommand.self,
            BenchWorkspaceCommand.self,
            BenchDiscoverCommand.self,
            BenchLifecycleCommand.self,
            BenchKPICommand.self,
            BenchTrainCommand.self,
            BenchRouteCommand.self,
            BenchServeCommand.self,
        ])
}

/// `switchyard bench import FILE`: parse-to-memory and import-into-workspace figures.
struct BenchImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time parsing FILE into memory and importing it into a temporary workspace.",
        discussion: """
            Prints, for each run of each phase, the wall time, events/s, MB/s of the input, the peak resident \
            set (getrusage; it never goes down, so later phases show the highest so far) and the change in \
            resident memory, plus the resident bytes per event of the in-memory log. Under each parse, the \
            reader's own stages follow ("of which …": parsing, merging the parts read on separate threads, \
            grouping by case, building columns).
            """)

    @Argument(help: "The log file to read.")
    var file: String
    @Option(name: .customLong("repeat"), help: "Runs of each phase.")
    var repetitions = 1
    @Option(help: "Threads the reader may use.")
    var threads = 2
    @Flag(help: "Time only the parse into memory, not the import into a workspace (for profiling the readers).")
    var parseOnly = false
    @OptionGroup var input: InputOptions

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("\(file): no such file") }
        var options = try input.importOptions()
        options.threads = threads
        let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
        BenchReport.header("bench import \(file) (\(ResourceUsage.format(bytes: size))), \(threads) thread(s)")
        var rows: [[String]] = []
        var footprint = ""
        for run in 1...repetitions {
            // Parse to memory, holding the log while measuring what it occupies.
            ResourceUsage.releaseFreedMemory()
            let before = ResourceUsage.currentResidentBytes()
            let started = Date()
            let result: ImportResult
            do {
                result = try EventLogImporter.read(file, options: options)
            } catch {
                throw CLIError("\(error)")
            }
            let wall = Date().timeIntervalSince(started)
            ResourceUsage.releaseFreedMemory()
            let delta = ResourceUsage.currentResidentBytes() - before
            let events = result.log.eventCount
            rows.append(BenchReport.row("parse", run, wall: wall, events: events, bytes: size, rssDelta: delta))
            for phase in result.phases {
                rows.append(BenchReport.row("  of which \(phase.name)", run, wall: phase.seconds, events: events, bytes: size, rssDelta: nil))
            }
            guard run == 1 else { continue }  // later runs reuse freed heap: the first delta is the honest one
            footprint = "in-memory log: \(TextFormat.thousands(events)) events, "
                + String(format: "%.1f", Double(delta) / Double(max(events, 1))) + " bytes/event resident (RSS delta), "
                + String(format: "%.1f", Double(BenchReport.arrayBytes(result.log)) / Double(max(events, 1)))
                + " bytes/event in its arrays"
        }
        for run in 1...repetitions where !parseOnly {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            ResourceUsage.releaseFreedMemory()
            let before = ResourceUsage.currentResidentBytes()
            let started = Date()
            let outcome: WorkspaceImportOutcome
            do {
                let workspace = try Workspace(path: folder.appendingPathComponent("bench.sqlite").path)
                outcome = try workspace.importFile(file, options: options)
            } catch {
                throw CLIError("\(error)")
            }
            let wall = Date().timeIntervalSince(started)
            let delta = ResourceUsage.currentResidentBytes() - before
            let events = outcome.summary.events
            rows.append(BenchReport.row("import (end to end)", run, wall: wall, events: events, bytes: size, rssDelta: delta))
            for (part, seconds) in [("read", outcome.readSeconds), ("hash wait", outcome.hashWaitSeconds), ("store", outcome.storeSeconds)] {
                rows.append(BenchReport.row("  of which \(part)", run, wall: seconds, events: events, bytes: size, rssDelta: nil))
            }
        }
        BenchReport.table(rows)
        print(footprint)
    }
}

/// Shared layout of the bench tables.
enum BenchReport {
    static func header(_ title: String) {
        print(title)
        #if DEBUG
        print("note: this is a debug build; build with `swift build -c release` for representative figures")
        #endif
    }

    static func row(_ phase: String, _ run: Int, wall: Double, events: Int, bytes: Int, rssDelta: Int?) -> [String] {
        let seconds = max(wall, 1e-9)
        let measurable = wall >= 0.001  // below a millisecond a rate means nothing
        return [
            phase, String(run), String(format: "%.3f s", wall),
            measurable ? ResourceUsage.format(rate: Double(events) / seconds) : "-",
            measurable ? String(format: "%.1f MB/s", Double(bytes) / 1e6 / seconds) : "-",
            ResourceUsage.format(bytes: ResourceUsage.peakResidentBytes()),
            rssDelta.map { ResourceUsage.format(bytes: $0) } ?? "",
        ]
    }

    static func table(_ rows: [[String]]) {
        print(TextFormat.table(header: ["phase", "run", "wall", "events/s", "MB/s", "peak RSS", "RSS delta"], rows: rows))
    }

    /// Bytes held by the log's arrays and dictionaries (an estimate of the live data).
    static func arrayBytes(_ log: EventLog) -> Int {
        func poolBytes(_ pool: StringPool) -> Int {
            var total = 0
            for code in 0..<pool.count { total += pool.withBytes(UInt32(code)) { $0.count } }
            return total + pool.count * 16  // offset and about two table slots per string (hashes dropped)
        }
        let codeBytes = 4 + log.resource.bytesPerEvent + log.group.bytesPerEvent + log.lifecycle.bytesPerEvent
        var total = log.eventCount * (8 + codeBytes) + log.caseOffsets.count * 8
        for pool in [log.caseIDs, log.activities, log.resources, log.groups, log.lifecycles] { total += poolBytes(pool) }
        for column in log.caseAttributes + log.eventAttributes {
            total += column.type == .string ? column.count * 4 + poolBytes(column.pool) : column.count * 9
        }
        return total
    }
}
