import ArgumentParser
import EventLog
import Foundation
import Routing

/// Where routing commands read exceptions from: a log (reconstructed with a lifecycle
/// profile) or, with `--table`, a CSV of one row per exception.
struct RoutingDataOptions: ParsableArguments {
    @Option(help: "Lifecycle profile for a log: orders, itsm or a profile file (default: the model's, else orders).")
    var profile: String?
    @Flag(help: "The input is a CSV of one row per exception (e.g. from `switchyard lifecycles --out`), not an event log.")
    var table = false
    @Option(help: "--table: the id column (default: id, case_id, exception_id).")
    var idColumn: String?
    @Option(help: "--table: the detection time column (default: detected_at).")
    var timeColumn: String?
    @Option(help: "--table: the owner to learn (default: resolving_owner).")
    var labelColumn: String?
    @Option(help: "--table: the legacy first owner, for the baseline (default: first_owner).")
    var legacyColumn: String?
    @Option(help: "--table: feature columns, comma-separated (default: the detection_* columns, else the orders attributes).")
    var features: String?
    @OptionGroup var input: InputOptions

    /// The exceptions of `argument`, and notes worth printing (rejected rows, unusable cases).
    func load(_ argument: String, workspace: String, defaultProfile: String? = nil) throws -> (input: FeatureInput, notes: [String]) {
        if table {
            let columns = ExceptionFileColumns(
                id: idColumn, time: timeColumn, label: labelColumn, legacy: legacyColumn,
                features: features.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
            do {
                let (input, rejected) = try ExceptionFileReader.read(path: argument, columns: columns)
                var notes: [String] = []
                if !rejected.isEmpty {
                    notes.append("\(rejected.count) row(s) of \(argument) rejected, e.g. line \(rejected[0].line): \(rejected[0].reason)")
                }
                return (input, notes)
            } catch {
                throw CLIError("\(error)")
            }
        }
        return try ExceptionSource.fromLog(argument, input: input, workspace: workspace, profile: profile ?? defaultProfile ?? "orders")
    }
}

extension WorkspaceOptions {
    /// The model registry of the workspace (created with the workspace if absent).
    func registry() throws -> ModelRegistry {
        do {
            return try ModelRegistry(path: path)
        } catch {
            throw CLIError("cannot open the workspace \(path): \(error)")
        }
    }
}

/// Resolving a model argument: a model file, or a registry id / checksum prefix / `promoted`.
enum ModelReference {
    static func load(_ argument: String, workspace: String) throws -> (model: RoutingModel, label: String) {
        if FileManager.default.fileExists(atPath: argument) {
            do {
                return (try RoutingModelFile.read(argument), argument)
            } catch {
                throw CLIError("\(error)")
            }
        }
        guard FileManager.default.fileExists(atPath: workspace) else {
            throw CLIError("'\(argument)' is neither a model file nor a registered model (no workspace at \(workspace))")
        }
        let registry: ModelRegistry
        do {
            registry = try ModelRegistry(path: workspace)
        } catch {
            throw CLIError("cannot open the workspace \(workspace): \(error)")
        }
        let entry = argument == "promoted" ? try registry.promoted() : try registry.find(argument)
        guard let entry else {
            throw CLIError("'\(argument)' is neither a model file nor a model in \(workspace) (see `switchyard models`)")
        }
        do {
            return (try registry.load(entry), "model \(entry.id)")
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// Parsing of dates and shares given on the command line.
enum RoutingArguments {
    /// `2025-03-01` (midnight UTC) or a full ISO 8601 time.
    static func date(_ text: String, option: String) throws -> Int64 {
        guard let t = ISO8601Parser.parse(text) else {
            throw ValidationError("\(option): expected a date such as 2025-03-01 or 2025-03-01T00:00:00Z, got '\(text)'")
        }
        return t.micros
    }

    /// `20%` or `0.2`.
    static func share(_ text: String, option: String) throws -> Double {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let v = Double(trimmed) else { throw ValidationError("\(option): expected a share such as 20% or 0.2, got '\(text)'") }
        let share = text.hasSuffix("%") || v > 1 ? v / 100 : v
        guard share > 0 && share < 1 else { throw ValidationError("\(option): must be between 0 and 100 %, got '\(text)'") }
        return share
    }

    static func window(from: String?, to: String?) throws -> TimeWindow? {
        guard from != nil || to != nil else { return nil }
        return TimeWindow(
            from: try from.map { try date($0, option: "--from") } ?? Int64.min,
            to: try to.map { try date($0, option: "--to") } ?? Int64.max)
    }
}

/// Number formatting for routing tables.
enum RoutingFormat {
    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        return String(format: "%.1f %%", x * 100)
    }

    static func number(_ x: Double?, _ digits: Int = 3) -> String {
        guard let x, x.isFinite else { return "-" }
        return String(format: "%.\(digits)f", x)
    }

    static func day(_ micros: Int64) -> String { String(Timestamp.iso8601(micros).prefix(10)) }

    static func window(_ w: TimeWindow?) -> String {
        guard let w else { return "-" }
        return "\(day(w.from)) to \(day(w.to))"
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
