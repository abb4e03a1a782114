/// Precision, recall and F1 of one class.
public struct ClassScore: Codable, Sendable, Equatable {
    public var name: String
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Rows whose true class is this one.
    public var support: Int
}

/// Accuracy among the most confident `coverage` share of rows.
public struct CoveragePoint: Codable, Sendable, Equatable {
    public var coverage: Double
    public var accuracy: Double
    /// Lowest confidence among the rows kept.
    public var minConfidence: Double
    public var rows: Int
}

/// How well predicted probabilities match the true classes on a set of rows.
public struct ClassificationMetrics: Codable, Sendable, Equatable {
    public var rows: Int
    /// Rows whose true class the model does not know (always wrong; left out of the log loss).
    public var unknownLabelRows: Int
    public var accuracy: Double
    /// Mean F1 over the classes that occur in the truth or the predictions (an unknown true
    /// class, if any, counts as one more class with F1 0, as scikit-learn would).
    public var macroF1: Double
    /// Share of rows whose true class is among the two most probable.
    public var top2Accuracy: Double
    /// Mean −log p(true class), over rows with a known class; probabilities clipped at 1e-15.
    public var logLoss: Double
    /// Expected calibration error of the top-1 confidence over equal-width bins.
    public var expectedCalibrationError: Double
    /// `confusion[true][predicted]` over the model's classes (unknown true classes left out).
    public var confusion: [[Int]]
    public var perClass: [ClassScore]
    /// Accuracy at 10 %, 20 %, …, 100 % coverage, most confident rows first.
    public var coverageCurve: [CoveragePoint]
}

/// Top-1 class, its probability and the top-2 class of every row.
public struct Predictions: Sendable, Equatable {
    public var top1: [Int32]
    public var confidence: [Float]
    public var top2: [Int32]

    /// Reads the predictions off `rows × classCount` probabilities (ties → lower class index).
    public init(probabilities p: [Float], classCount c: Int) {
        let n = c == 0 ? 0 : p.count / c
        top1 = []
        top2 = []
        confidence = []
        top1.reserveCapacity(n)
        top2.reserveCapacity(n)
        confidence.reserveCapacity(n)
        for i in 0..<n {
            var b1 = 0, b2 = -1
            for k in 1..<max(c, 1) {
                if p[i * c + k] > p[i * c + b1] {
                    b2 = b1
                    b1 = k
                } else if b2 < 0 || p[i * c + k] > p[i * c + b2] {
                    b2 = k
                }
            }
            top1.append(Int32(b1))
            top2.append(Int32(b2))
            confidence.append(p[i * c + b1])
        }
    }
}

/// Scores predicted probabilities against true classes.
public enum Evaluation {
    /// All metrics for `rows × classCount` probabilities and labels (`-1` = a class the model
    /// does not know). Cost: O(rows · classes) plus a sort for the coverage curve.
    public static func metrics(
        probabilities p: [Float], classCount c: Int, labels: [Int32], classNames: [String], calibrationBins: Int = 10
    ) -> ClassificationMetrics {
        let n = labels.count
        let pred = Predictions(probabilities: p, classCount: c)
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: c), count: c)
        var correct = 0, top2 = 0, unknown = 0
        var logLoss = 0.0
        var binCount = [Int](repeating: 0, count: calibrationBins)
        var binCorrect = [Int](repeating: 0, count: calibrationBins)
        var binConfidence = [Double](repeating: 0, count: calibrationBins)
        var predictedCount = [Int](repeating: 0, count: c)
        for i in 0..<n {
            let y = Int(labels[i]), t1 = Int(pred.top1[i])
            predictedCount[t1] += 1
            let hit = y == t1
            if y < 0 {
                unknown += 1
            } else {
                confusion[y][t1] += 1
                if hit { correct += 1 }
                if hit || y == Int(pred.top2[i]) { top2 += 1 }
                logLoss -= log(max(Double(p[i * c + y]), 1e-15))
            }
            let conf = Double(pred.confidence[i])
            let b = min(calibrationBins - 1, max(0, Int(conf * Double(calibrationBins))))
            binCount[b] += 1
            binConfidence[b] += conf
            if hit { binCorrect[b] += 1 }
        }
        var ece = 0.0
        for b in 0..<calibrationBins where binCount[b] > 0 {
            let acc = Double(binCorrect[b]) / Double(binCount[b]), conf = binConfidence[b] / Double(binCount[b])
            ece += Double(binCount[b]) / Double(n) * abs(acc - conf)
        }
        var perClass: [ClassScore] = []
        var f1Sum = 0.0, f1Classes = 0
        for k in 0..<c {
            let tp = confusion[k][k]
            let support = confusion[k].reduce(0, +)
            let predicted = predictedCount[k]
            let precision = predicted > 0 ? Double(tp) / Double(predicted) : 0
            let recall = support > 0 ? Double(tp) / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perClass.append(ClassScore(
                name: k < classNames.count ? classNames[k] : "\(k)", precision: precision, recall: recall, f1: f1,
                support: support))
            if support > 0 || predicted > 0 {
                f1Sum += f1
                f1Classes += 1
            }
        }
        if unknown > 0 { f1Classes += 1 }
        return ClassificationMetrics(
            rows: n, unknownLabelRows: unknown, accuracy: n > 0 ? Double(correct) / Double(n) : 0,
            macroF1: f1Classes > 0 ? f1Sum / Double(f1Classes) : 0, top2Accuracy: n > 0 ? Double(top2) / Double(n) : 0,
            logLoss: n - unknown > 0 ? logLoss / Double(n - unknown) : 0, expectedCalibrationError: ece,
            confusion: confusion, perClass: perClass,
            coverageCurve: coverageCurve(confidence: pred.confidence, correct: (0..<n).map { pred.top1[$0] == labels[$0] }))
    }

    /// Accuracy of the most confident 10 %, 20 %, …, 100 % of rows.
    public static func coverageCurve(confidence: [Float], correct: [Bool], steps: Int = 10) -> [CoveragePoint] {
        let n = confidence.count
        guard n > 0 else { return [] }
        let order = (0..<n).sorted { confidence[$0] != confidence[$1] ? confidence[$0] > confidence[$1] : $0 < $1 }
        var points: [CoveragePoint] = []
        var hits = 0, taken = 0
        for s in 1...steps {
            let k = max(1, Int((Double(n) * Double(s) / Double(steps)).rounded(.up)))
            while taken < min(k, n) {
                if correct[order[taken]] { hits += 1 }
                taken += 1
            }
            points.append(CoveragePoint(
                coverage: Double(taken) / Double(n), accuracy: Double(hits) / Double(taken),
                minConfidence: Double(confidence[order[taken - 1]]), rows: taken))
        }
        return points
    }
}

import Foundation
