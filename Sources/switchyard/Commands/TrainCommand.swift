import ArgumentParser
import EventLog
import Foundation
import Routing
import RoutingService

/// `switchyard train LOG|FILE --profile P --out model.json`: trains, evaluates on a time-based
/// hold-out, writes the model file and registers it as a candidate.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the owner-prediction model on past exceptions and evaluate it on later ones.",
        discussion: """
            Exceptions are split in time: the hold-out (default: the most recent 20 %) is never trained on; the \
            last 10 % of the training period is the validation slice used for early stopping and for the \
            confidence threshold (the lowest confidence whose precision reaches --target-precision). Prints the \
            evaluation table, writes the model file and registers it in the workspace as a candidate.
            """)

    @Argument(help: "A log (file or workspace name), or with --table a CSV of exceptions.")
    var log: String
    @OptionGroup var data: RoutingDataOptions
    @Option(help: "What to predict: resolving-owner.")
    var target = "resolving-owner"
    @Option(help: "Hold out exceptions detected from this date on (e.g. 2025-06-01).")
    var holdoutFrom: String?
    @Option(help: "Hold out the most recent share of exceptions (default 20%).")
    var holdout: String?
    @Option(help: "Model file to write.")
    var out: String
    @Option(help: "Precision the automatic-routing threshold must reach on validation.")
    var targetPrecision = 0.95
    @Option(help: "Columns to hash instead of one-hot, comma-separated (default: those with more than 50 values).")
    var hashed: String?
    @Option(help: "Bits of hashed columns (2^bits buckets).")
    var hashBits = 8
    @Option(help: "Values seen fewer times share a rare slot.")
    var minFrequency = 5
    @Option(help: "Feature crosses: auto (the category with every other low-cardinality column and the numerics), none, or pairs like exception_type*channel,region*sku_family.")
    var crosses = "auto"
    @Option(help: "Add counts of earlier exceptions with the same value of these columns, e.g. customer_id.")
    var history: String?
    @Option(help: "Window of the history counts, days.")
    var historyDays = 30
    @Option(help: "Maximum passes over the training data.")
    var epochs = 30
    @Option(help: "Rows per mini-batch.")
    var batchSize = 256
    @Option(help: "Adam learning rate.")
    var learningRate: Float = 0.01
    @Option(help: "L2 penalty on the weights, on the mean loss (default: 1 / (C · training rows)).")
    var l2: Float?
    @Option(name: .customLong("C"), help: "Inverse regularisation as scikit-learn's C (used unless --l2 is given).")
    var inverseRegularization = 1.0
    @Option(help: "Class weights: none or balanced.")
    var classWeights = "none"
    @Option(help: "Random seed (mini-batch order).")
    var seed: UInt64 = 1
    @Option(help: "OpenBLAS threads.")
    var threads = 1
    @Option(help: "Also write the encoded feature matrix and split to this folder (for a scikit-learn comparison).")
    var exportMatrix: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Do not register the model in the workspace.")
    var noRegister = false
    @Flag(help: "Print the evaluation as JSON.")
    var json = false
    @Flag(help: "Use the overrides recorded by `switchyard serve` in the workspace as labels (they win over the data's).")
    var withOverrides = false

    func validate() throws {
        guard target == "resolving-owner" else { throw ValidationError("--target: only resolving-owner is supported, got '\(target)'") }
        guard holdoutFrom == nil || holdout == nil else { throw ValidationError("give --holdout-from or --holdout, not both") }
        guard targetPrecision > 0 && targetPrecision <= 1 else { throw ValidationError("--target-precision must be in (0, 1]") }
        guard inverseRegularization > 0 else { throw ValidationError("--C must be > 0") }
        guard ["none", "balanced"].contains(classWeights) else {
            throw ValidationError("--class-weights must be none or balanced, got '\(classWeights)'")
        }
    }

    func run() throws {
        var (input, notes) = try data.load(log, workspace: workspace.path)
        if withOverrides {
            do {
                let summary = try OverrideLabels.apply(workspace: workspace.path, to: &input, timeColumn: data.timeColumn ?? "detected_at")
                notes.append(summary.description)
            } catch {
                throw CLIError("--with-overrides: cannot read the overrides in \(workspace.path): \(error)")
            }
        }
        for note in notes { FileHandle.standardError.write(Data(("note: " + note + "\n").utf8)) }
        var config = RoutingTrainingConfiguration()
        config.target = target
        config.profile = data.table ? nil : (data.profile ?? "orders")
        config.targetPrecision = targetPrecision
        if let holdoutFrom {
            config.holdout = .from(try RoutingArguments.date(holdoutFrom, option: "--holdout-from"))
        } else if let holdout {
            config.holdout = .fraction(try RoutingArguments.share(holdout, option: "--holdout"))
        }
        let list = { (s: String?) in s.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } }
        config.features = FeatureConfig(
            hashed: list(hashed) ?? ["customer_id", "customer", "sku", "order_id"], minFrequency: minFrequency,
            hashBits: hashBits, historyKeys: list(history) ?? [], historyWindowDays: historyDays)
        switch crosses {
        case "auto": config.features.crossCategory = true
        case "none": break
        default:
            config.features.crosses = try crosses.split(separator: ",").map { pair in
                let sides = pair.split(separator: "*").map { String($0).trimmingCharacters(in: .whitespaces) }
                guard sides.count == 2 else { throw ValidationError("--crosses: expected pairs like a*b, got '\(pair)'") }
                return sides
            }
        }
        config.training = TrainingOptions(
            learningRate: learningRate, batchSize: batchSize, maxEpochs: epochs, l2: l2 ?? 0, seed: seed, threads: threads,
            classWeighting: classWeights == "balanced" ? .balanced : .none)
        config.inverseRegularization = l2 == nil ? inverseRegularization : nil

        let model: RoutingModel
        do {
            let prepared = try RoutingTraining.prepare(input, configuration: config)
            if let exportMatrix { try MatrixExport.write(prepared, to: exportMatrix) }
            model = try RoutingTraining.train(prepared: prepared, configuration: config)
        } catch let error as RoutingError {
            throw CLIError("\(error)")
        }
        let sha: String
        do {
            sha = try RoutingModelFile.write(model, to: out)
        } catch {
            throw CLIError("\(error)")
        }
        var registered: RegisteredModel?
        if !noRegister {
            do {
                registered = try workspace.registry().register(
                    model, path: URL(fileURLWithPath: out).standardizedFileURL.path,
                    actor: ProcessInfo.processInfo.environment["USER"])
            } catch {
                throw CLIError("model written to \(out) but not registered in \(workspace.path): \(error)")
            }
        }
        if json {
            print(try RoutingFormat.json(model.evaluation))
            return
        }
        print(RoutingTables.training(model))
        if let evaluation = model.evaluation {
            print(RoutingTables.evaluation(evaluation, model: model, title: "hold-out"))
        }
        var line = "\nmodel written to \(out) (sha256 \(sha.prefix(12)))"
        if let registered { line += "; registered as candidate \(registered.id) in \(workspace.path)" }
        print(line)
    }
}

/// `--export-matrix DIR`: the encoded rows, labels and split as CSV, for checking against
/// scikit-learn on exactly the same features.
enum MatrixExport {
    static func write(_ p: PreparedRoutingData, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var split = [String](repeating: "", count: p.input.rowCount)
        for r in p.trainingRows { split[r] = "train" }
        for r in p.validationRows { split[r] = "validation" }
        for r in p.testRows { split[r] = "test" }
        let k = p.encoded.entriesPerRow
        var text = "split,label," + (0..<k).map { "i\($0),v\($0)" }.joined(separator: ",") + "\n"
        for r in 0..<p.input.rowCount where !split[r].isEmpty {
            text += split[r] + "," + String(p.labels[r])
            for e in 0..<k { text += ",\(p.encoded.indices[r * k + e]),\(p.encoded.values[r * k + e])" }
            text += "\n"
        }
        try text.write(toFile: folder + "/rows.csv", atomically: true, encoding: .utf8)
        let meta: [String: AnyEncodable] = [
            "dimension": AnyEncodable(p.spec.dimension), "classes": AnyEncodable(p.classes),
            "features": AnyEncodable(p.spec.featureNames), "entriesPerRow": AnyEncodable(k),
        ]
        try RoutingFormat.json(meta).write(toFile: folder + "/meta.json", atomically: true, encoding: .utf8)
    }
}

struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
