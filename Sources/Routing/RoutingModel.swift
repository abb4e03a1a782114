import EventLog

/// A closed interval of detection times, microseconds UTC.
public struct TimeWindow: Codable, Sendable, Equatable {
    public var from: Int64
    public var to: Int64

    public init(from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }

    /// The window spanned by sorted times, or `nil` when empty.
    static func of(_ times: ArraySlice<Int64>) -> TimeWindow? {
        guard let first = times.first, let last = times.last else { return nil }
        return TimeWindow(from: first, to: last)
    }
}

/// A model's scores on a set of exceptions, side by side with the baselines.
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// Detection times covered.
    public var window: TimeWindow?
    public var model: ClassificationMetrics
    /// Coverage and precision at the model's threshold.
    public var automation: AutomationResult
    public var legacy: BaselineResult?
    public var majorityPerCategory: BaselineResult?
}

/// How a model was trained: on what, with what, and how it went.
public struct TrainingSummary: Codable, Sendable, Equatable {
    /// Fingerprint of the rows used (ids, times, labels, every feature column): SHA-256 over
    /// 64-bit block hashes, for provenance (it tells data sets apart; it is not a signature).
    public var dataFingerprint: String
    public var inputRows: Int
    /// Rows without a true owner (e.g. still open), not used.
    public var unlabeledRows: Int
    public var trainingRows: Int
    public var validationRows: Int
    public var testRows: Int
    public var trainingWindow: TimeWindow?
    public var validationWindow: TimeWindow?
    public var holdoutWindow: TimeWindow?
    public var featureConfig: FeatureConfig
    public var options: TrainingOptions
    public var report: TrainingReport
}

/// Everything needed to score a new exception and to know how far to trust it: the feature
/// encoding, the classes, the weights, the threshold, the hold-out evaluation, provenance and
/// the training distributions for drift checks. Saved and loaded by ``RoutingModelFile``.
public struct RoutingModel: Codable, Sendable, Equatable {
    /// The schema this code writes and reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// ISO 8601, UTC.
    public var createdAt: String
    /// What is predicted, e.g. `resolving-owner`.
    public var target: String
    /// The lifecycle profile the training data was read with.
    public var profile: String?
    /// Owner names, in the order of the model's outputs.
    public var classes: [String]
    public var features: FeatureSpec
    public var regression: SoftmaxRegression
    public var threshold: ThresholdChoice
    /// Scores on the time-based hold-out (`nil` when trained without one).
    public var evaluation: EvaluationReport?
    /// The majority-per-category rule learned on the same training rows.
    public var majorityRule: MajorityRule?
    public var training: TrainingSummary
    public var driftReference: [FeatureDistribution]

    /// Throws unless shapes and values agree with each other (used after loading a file).
    public func validate() throws(RoutingError) {
        guard schemaVersion == RoutingModel.currentSchemaVersion else {
            throw .invalidInput("payload schema version \(schemaVersion), expected \(RoutingModel.currentSchemaVersion)")
        }
        guard !classes.isEmpty, Set(classes).count == classes.count else {
            throw .invalidInput("classes must be non-empty and distinct")
        }
        var relaid = features
        relaid.layout()
        guard relaid == features else { throw .invalidInput("feature offsets do not match the feature layout") }
        guard features.categorical.allSatisfy({ $0.encoding == .oneHot || ($0.bits >= 1 && $0.bits <= 20) }) else {
            throw .invalidInput("hashed feature bits out of range")
        }
        guard features.numeric.allSatisfy({ $0.mean.isFinite && $0.std.isFinite && $0.std > 0 }),
            features.history.allSatisfy({ $0.mean.isFinite && $0.std.isFinite && $0.std > 0 && $0.windowDays > 0 })
        else { throw .invalidInput("a numeric feature has a non-finite mean or a non-positive std") }
        for cross in features.crosses {
            guard cross.columns.count == 2, cross.edges.count == 2,
                cross.edges.allSatisfy({ e in e.allSatisfy(\.isFinite) && zip(e, e.dropFirst()).allSatisfy { $0 <= $1 } })
            else {
                throw .invalidInput(
                    "cross feature '\(cross.name)' must pair two columns, each with ascending finite bin edges or none")
            }
        }
        guard regression.isWellFormed, regression.inputDimension == features.dimension,
            regression.classCount == classes.count
        else {
            throw .invalidInput(
                "weights are \(regression.weights.count) numbers for \(regression.inputDimension)×\(regression.classCount), "
                    + "features need \(features.dimension)×\(classes.count)")
        }
        if let t = threshold.threshold, !(t >= 0 && t <= 1) { throw .invalidInput("threshold \(t) is outside [0, 1]") }
    }
}
