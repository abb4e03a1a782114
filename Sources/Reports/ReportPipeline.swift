import EventLog
import Foundation
import KPI
import Lifecycle
import Routing

/// Settings of a report run.
public struct ReportOptions: Sendable {
    public var assumptions = ROIAssumptions()
    /// How a model is trained when none is given: the same defaults as `switchyard train`.
    public var training = ReportOptions.defaultTraining(profile: nil)
    /// Time written in the report (µs UTC); `nil` = now.
    public var generatedAt: Int64?

    public init() {}

    /// `switchyard train`'s defaults: hold out the most recent 20 %, one-hot low-cardinality
    /// attributes, hash customer/SKU/order ids, cross the category with the other attributes,
    /// threshold at 95 % precision on validation.
    public static func defaultTraining(profile: String?) -> RoutingTrainingConfiguration {
        var c = RoutingTrainingConfiguration()
        c.profile = profile
        c.features = FeatureConfig(hashed: ["customer_id", "customer", "sku", "order_id"])
        c.features.crossCategory = true
        c.training = TrainingOptions(l2: 0)
        c.inverseRegularization = 1.0
        return c
    }
}

/// Everything a report shows, computed once: the exceptions, the KPIs (as `switchyard kpi
/// --by category`), the model and its hold-out evaluation (as `switchyard evaluate`), the ROI
/// backtest, the handoff network and the process map.
public struct ReportAnalysis: Sendable {
    public var logName: String
    public var profileName: String
    public var table: ExceptionTable
    public var kpi: KPIReport
    public var model: RoutingModel
    /// Whether the model was trained by this run (then `model.json` is exported).
    public var modelTrainedHere: Bool
    public var holdout: HoldoutScoring
    public var roi: ROIResult
    public var backtest: [BacktestRow]
    public var network: HandoffNetwork
    public var processMapSVG: String?
    public var processMapNote: String?
    /// ISO 8601 UTC.
    public var generatedAt: String
}

/// Runs every computation behind a report. Cost: reconstruction is the caller's; then one
/// KPI pass, training (if no model is given; a few seconds per million exceptions), scoring
/// of the hold-out, the bootstrap, and Graphviz for the map.
public enum ReportPipeline {
    public static func analyse(
        log: EventLog, table: ExceptionTable, profile: LifecycleProfile, model given: RoutingModel?, options: ReportOptions,
        progress: (String) -> Void = { _ in }
    ) throws(ReportError) -> ReportAnalysis {
        guard table.count > 0 else { throw .data("the log has no exceptions under profile '\(profile.name)'") }
        progress("computing KPIs")
        var kpiOptions = KPIOptions(profile: profile)
        kpiOptions.slicing = ["category"]
        if table.attribute(.category) == nil { kpiOptions.slicing = [] }
        let kpi: KPIReport
        do {
            kpi = try KPIEngine.compute(table, options: kpiOptions)
        } catch {
            throw .data("KPIs: \(error.description)")
        }
        let input = FeatureInput(exceptionTable: table)
        let model: RoutingModel
        if let given {
            model = given
        } else {
            progress("training a routing model on the period before the hold-out")
            var config = options.training
            if config.profile == nil { config.profile = profile.name }
            let trained: RoutingModel
            do {
                trained = try RoutingTraining.train(input, configuration: config)
            } catch {
                throw .data("cannot train a routing model: \(error.description)")
            }
            // Score the model as its file stores it, so the report agrees to the last digit with
            // `switchyard evaluate model.json` on the exported file.
            do {
                model = try RoutingModelFile.decode(try RoutingModelFile.encode(trained), file: "model.json").model
            } catch {
                throw .data("the trained model does not survive its own file format: \(error)")
            }
        }
        guard let start = HoldoutScoring.holdoutStart(of: model) else {
            throw .data("the model records no hold-out or training window, so there is no period to backtest on")
        }
        progress("scoring the hold-out period")
        let holdout = try HoldoutScoring(model: model, table: table, input: input, start: start)
        progress("running the ROI backtest")
        let (roi, rows) = try ROIBacktest.run(
            table: table, predictions: holdout.predictions, holdoutStart: start, assumptions: options.assumptions)
        progress("drawing the process map")
        let map = ProcessMapFigure.render(log)
        let now = options.generatedAt ?? Int64(Date().timeIntervalSince1970 * 1_000_000)
        return ReportAnalysis(
            logName: log.name, profileName: profile.name, table: table, kpi: kpi, model: model, modelTrainedHere: given == nil,
            holdout: holdout, roi: roi, backtest: rows, network: HandoffNetwork(table), processMapSVG: map.svg,
            processMapNote: map.note, generatedAt: String(Timestamp.iso8601(now - now % 1_000_000).prefix(19)) + "Z")
    }
}
