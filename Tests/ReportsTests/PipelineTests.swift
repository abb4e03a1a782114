import Foundation
import KPI
import Testing

@testable import Reports

/// The pipeline on the bundled sample: the report's own figures agree with each other and with
/// the KPI and Routing modules they come from.
@Suite("Report pipeline on the bundled sample", .serialized)
struct PipelineTests {
    static let log = Result { try EventLogLoader.bundled() }

    @Test("backtest, evaluation, KPIs and the handoff network agree")
    func consistency() throws {
        let a = try ReportFixtures.analysis(try Self.log.get(), targetPrecision: 0.9)
        let e = a.holdout.evaluation
        let roi = a.roi
        // Every resolved hold-out exception is scored once, with the evaluation's threshold.
        #expect(roi.exceptions == e.model.rows)
        #expect(BacktestOutcome.allCases.map(roi.count).reduce(0, +) == roi.exceptions)
        #expect(abs(roi.automationCoverage - e.automation.coverage) < 1e-12)
        #expect(abs(roi.automationPrecision - e.automation.precision) < 1e-12)
        let legacyRight = a.backtest.filter { $0.legacyOwner == $0.resolvingOwner }.count
        #expect(abs(Double(legacyRight) / Double(roi.exceptions) - (e.legacy?.accuracy ?? -1)) < 1e-12)
        let modelRight = a.backtest.filter { $0.predictedOwner == $0.resolvingOwner }.count
        #expect(abs(Double(modelRight) / Double(roi.exceptions) - e.model.accuracy) < 1e-12)
        // The handoff network adds up to the KPI handoffs.
        #expect(a.network.total == a.kpi.overall.routing.handoffs)
        // The box plots use the very exceptions the KPI cycle time counts, per category.
        let (_, byCategory) = ReportBuilder.resolutionHours(a.table)
        for slice in a.kpi.slices {
            let label = try #require(slice.labels.first)
            #expect(byCategory[label]?.count == slice.cycleTime.toResolution.count, "\(label)")
        }
        // Saved delay is the measured misroute delay of the saved exceptions.
        let saved = a.backtest.filter { $0.outcome == .saved }
        #expect(abs(saved.reduce(0) { $0 + $1.measuredDelayHours } - roi.delayHoursSaved.value) < 1e-6)
        #expect(saved.allSatisfy { $0.legacyOwner != $0.resolvingOwner && $0.automated })
        // On this sample the model helps: more saved than lost, fewer handoffs.
        #expect(roi.count(.saved) > 3 * roi.count(.lost))
        #expect(roi.netDelayHoursSaved.low > 0 && roi.handoffsAvoided.low > 0)
    }

    @Test("without a threshold every exception goes to review and only review time is counted")
    func noThreshold() throws {
        let a = try ReportFixtures.analysis(try Self.log.get())  // 95 % is out of reach on this sample
        #expect(a.model.threshold.threshold == nil)
        #expect(a.roi.count(.review) == a.roi.exceptions)
        #expect(a.roi.delayHoursSaved.value == 0 && a.roi.handoffsAvoided.value == 0)
        #expect(abs(a.roi.netEffortHoursSaved.value + Double(a.roi.exceptions) * 3 / 60) < 1e-9)
        let doc = ReportBuilder.document(a)
        #expect(doc.headline[1].sentence.hasSuffix("no confidence reached the 95\u{00A0}% precision target on validation, so every exception would still go to a person."))
        let html = HTMLReport.render(doc)
        #expect(html.contains("No confidence reached the target precision on validation, so every exception would go to review."))
    }
}
