import ArgumentParser
import EventLog
import Foundation
import Generator

/// `switchyard generate`: a realistic order-exception log with a known truth.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a realistic order-exception event log (CSV, XES or XES.gz) and its truth file.",
        discussion: "Deterministic: the same seed and dials give the same bytes. datasets/README.md documents every column and dial.")

    @Option(help: "Number of exceptions (cases).") var cases: Int = 5_000
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Output file: .csv, .xes or .xes.gz.") var out: String
    @Option(help: "Also write the truth file (one row per case) here.") var truth: String?
    @Flag(help: "Use pm4py column names (case:concept:name, concept:name, time:timestamp, org:resource, org:group).")
    var pm4pyNames = false
    @Option(help: "First day of the log, e.g. 2025-01-06 (UTC).") var start: String?
    @Option(help: "Reorganise at this date: ownership moves and the marketplace grows.") var driftAt: String?

    @Option(help: "Mean exceptions per day (default 60).") var casesPerDay: Double?
    @Option(help: "Number of customers (default 2500).") var customers: Int?
    @Option(help: "Zipf exponent of customer popularity (default 1.0).") var zipf: Double?
    @Option(help: "Exception type mix: name=weight,… (credit_hold, inventory_shortfall, …).") var typeMix: String?
    @Option(help: "Region mix: NA-East=w,NA-West=w,EU-Central=w,UK=w,APAC=w.") var regionMix: String?
    @Option(help: "Main-channel mix: EDI=w,portal=w,sales_rep=w,marketplace_api=w.") var channelMix: String?
    @Option(help: "SKU family mix: industrial=w,electrical=w,… .") var skuMix: String?
    @Option(help: "Customer tier shares by popularity rank: strategic=w,key=w,standard=w,small=w.") var tierShares: String?
    @Option(help: "Probability that an order has more than one exception (default 0.08).") var multiException: Double?
    @Option(help: "Mean Bayes-optimal owner accuracy, the noise ceiling (default 0.87).") var ownerPredictability: Double?
    @Option(help: "Share of right legacy first assignments (default 0.70).") var legacyAccuracy: Double?
    @Option(help: "Weights of 1, 2, 3 handoffs after a misroute (default 0.55,0.30,0.15).") var handoffWeights: String?
    @Option(help: "Probability of a ping-pong among 3-handoff misroutes (default 0.5).") var pingPong: Double?
    @Option(help: "Probability that a rightly assigned owner bounces the case and gets it back (default 0.03).")
    var correctBounce: Double?
    @Option(help: "Probability that a wrong team starts work before handing over (default 0.4).") var wrongTeamWork: Double?
    @Option(help: "Probability of an information request (default 0.30).") var infoRequest: Double?
    @Option(help: "Probability of each further information request (default 0.25).") var infoRepeat: Double?
    @Option(help: "Base escalation probability (default 0.06).") var escalation: Double?
    @Option(help: "Reopen probability (default 0.05).") var reopen: Double?
    @Option(help: "Base cancellation probability (default 0.03; duplicates x6).") var cancel: Double?
    @Option(help: "Target staff utilisation (default 0.80).") var utilisation: Double?
    @Option(help: "Multiplier of human working delays (default 1.0).") var delayScale: Double?
    @Option(help: "Local working hours START-END (default 8-18).") var workHours: String?
    @Option(help: "Weekend arrival intensity relative to weekdays (default 0.15).") var weekendFactor: Double?
    @Option(help: "Night arrival intensity relative to working hours (default 0.25).") var nightFactor: Double?
    @Option(help: "Arrival intensity on the last three days of a month (default 1.6).") var monthEndPeak: Double?

    /// The configuration these flags describe.
    func generatorConfiguration() throws -> GeneratorConfiguration {
        var c = GeneratorConfiguration()
        c.cases = cases
        c.seed = seed
        if let start { c.start = try GeneratorConfiguration.parseDate(start, dial: "--start") }
        if let driftAt { c.driftAt = try GeneratorConfiguration.parseDate(driftAt, dial: "--drift-at") }
        if let casesPerDay { c.casesPerDay = casesPerDay }
        if let customers { c.customers = customers }
        if let zipf { c.zipfExponent = zipf }
        if let typeMix {
            c.typeMix = try GeneratorConfiguration.parseWeights(
                typeMix, dial: "--type-mix", names: ExceptionType.allCases.map(\.name), defaults: c.typeMix)
        }
        if let regionMix {
            c.regionMix = try GeneratorConfiguration.parseWeights(
                regionMix, dial: "--region-mix", names: Region.allCases.map(\.name), defaults: c.regionMix)
        }
        if let channelMix {
            c.channelMix = try GeneratorConfiguration.parseWeights(
                channelMix, dial: "--channel-mix", names: SalesChannel.allCases.map(\.name), defaults: c.channelMix)
        }
        if let skuMix {
            c.skuMix = try GeneratorConfiguration.parseWeights(
                skuMix, dial: "--sku-mix", names: SKUFamily.allCases.map(\.name), defaults: c.skuMix)
        }
        if let tierShares {
            c.tierShares = try GeneratorConfiguration.parseWeights(
                tierShares, dial: "--tier-shares", names: CustomerTier.allCases.map(\.name), defaults: c.tierShares)
        }
        if let handoffWeights {
            c.handoffWeights = try GeneratorConfiguration.parseWeights(
                handoffWeights, dial: "--handoff-weights", names: ["1", "2", "3"], defaults: c.handoffWeights)
        }
        if let workHours { (c.workdayStartHour, c.workdayEndHour) = try GeneratorConfiguration.parseHours(workHours) }
        if let multiException { c.multiExceptionProbability = multiException }
        if let ownerPredictability { c.ownerPredictability = ownerPredictability }
        if let legacyAccuracy { c.legacyAccuracy = legacyAccuracy }
        if let pingPong { c.pingPongProbability = pingPong }
        if let correctBounce { c.correctBounceProbability = correctBounce }
        if let wrongTeamWork { c.wrongTeamWorkProbability = wrongTeamWork }
        if let infoRequest { c.infoRequestProbability = infoRequest }
        if let infoRepeat { c.infoRepeatProbability = infoRepeat }
        if let escalation { c.escalationProbability = escalation }
        if let reopen { c.reopenProbability = reopen }
        if let cancel { c.cancelProbability = cancel }
        if let utilisation { c.utilisation = utilisation }
        if let delayScale { c.delayScale = delayScale }
        if let weekendFactor { c.weekendFactor = weekendFactor }
        if let nightFactor { c.nightFactor = nightFactor }
        if let monthEndPeak { c.monthEndPeak = monthEndPeak }
        try c.validate()
        if let truth, truth == out { throw ValidationError("--truth must name a different file than --out, found '\(truth)' for both") }
        return c
    }

    func run() throws {
        let configuration: GeneratorConfiguration
        do {
            configuration = try generatorConfiguration()
        } catch let error as GeneratorError {
            throw ValidationError(error.message)
        }
        let began = DispatchTime.now().uptimeNanoseconds
        let summary: GenerationSummary
        do {
            switch LogFormat.infer(fromPath: out) {
            case .csv:
                summary = try Generator.writeCSV(configuration, to: out, truthPath: truth, pm4pyNames: pm4pyNames)
            case .xes, .xesGz:
                summary = try Generator.writeXES(
                    configuration, to: out, compressed: out.lowercased().hasSuffix(".gz"), truthPath: truth)
            default:
                throw ValidationError("--out must end in .csv, .xes or .xes.gz, found '\(out)'")
            }
        } catch let error as GeneratorError {
            throw CLIError(error.message)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        let rate = seconds > 0 ? Double(summary.events) / seconds : 0
        var lines = [
            "wrote \(out): \(TextFormat.thousands(summary.cases)) cases, \(TextFormat.thousands(summary.events)) events"
                + " (\(TextFormat.thousands(summary.openCases)) open, \(TextFormat.thousands(summary.cancelledCases)) cancelled)",
            "legacy first assignment right: \(String(format1: 100 * Double(summary.legacyCorrect) / Double(max(1, summary.cases)))) %"
                + (configuration.driftAt != nil ? ", drift-affected cases: \(TextFormat.thousands(summary.driftedCases))" : ""),
            "time: \(String(format1: seconds)) s, \(TextFormat.thousands(Int(rate))) events/s",
        ]
        if let truth { lines.insert("truth: \(truth)", at: 1) }
        print(lines.joined(separator: "\n"))
    }
}
