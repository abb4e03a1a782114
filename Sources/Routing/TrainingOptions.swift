/// Settings of ``SoftmaxTrainer``. Defaults converge on a few hundred thousand rows in a few epochs.
public struct TrainingOptions: Codable, Sendable, Equatable {
    /// How classes are weighted in the loss.
    public enum ClassWeighting: String, Codable, Sendable {
        /// Every row counts once.
        case none
        /// Rows of class `c` weigh `n / (classes · n_c)`, so rare owners matter as much as common ones.
        case balanced
    }

    /// Adam step size at the start.
    public var learningRate: Float
    /// Rows per mini-batch (256 keeps a batch of a few hundred features in L2 cache).
    public var batchSize: Int
    /// Upper bound on passes over the training rows.
    public var maxEpochs: Int
    /// L2 penalty on the weights (not the biases), added to the mean loss as `l2/2 · ‖W‖²`.
    public var l2: Float
    /// Stop after this many epochs without a relative improvement of ``minImprovement`` in validation loss.
    public var patience: Int
    /// Relative improvement of the validation loss that counts as progress.
    public var minImprovement: Double
    /// Learning rate multiplier after an epoch without progress.
    public var learningRateDecay: Float
    /// Seed of the mini-batch order.
    public var seed: UInt64
    /// OpenBLAS threads (results are reproducible for a given seed and thread count).
    public var threads: Int
    public var classWeighting: ClassWeighting
    /// Decay of the moving average of the weights that is evaluated and kept (0 = off).
    public var averaging: Double

    public init(
        learningRate: Float = 0.01, batchSize: Int = 256, maxEpochs: Int = 30, l2: Float = 1e-6, patience: Int = 2,
        minImprovement: Double = 1e-3, learningRateDecay: Float = 0.3, seed: UInt64 = 1, threads: Int = 1,
        classWeighting: ClassWeighting = .none, averaging: Double = 0.999
    ) {
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.l2 = l2
        self.patience = patience
        self.minImprovement = minImprovement
        self.learningRateDecay = learningRateDecay
        self.seed = seed
        self.threads = threads
        self.classWeighting = classWeighting
        self.averaging = averaging
    }

    /// Throws when a setting cannot work.
    public func validate() throws(RoutingError) {
        guard learningRate > 0, learningRate.isFinite else { throw .invalidOption("learning rate must be > 0") }
        guard batchSize >= 1 else { throw .invalidOption("batch size must be ≥ 1") }
        guard maxEpochs >= 1 else { throw .invalidOption("max epochs must be ≥ 1") }
        guard l2 >= 0, l2.isFinite else { throw .invalidOption("L2 must be ≥ 0") }
        guard patience >= 1 else { throw .invalidOption("patience must be ≥ 1") }
        guard threads >= 1 else { throw .invalidOption("threads must be ≥ 1") }
        guard averaging >= 0 && averaging < 1 else { throw .invalidOption("averaging must be in [0, 1)") }
    }
}

/// What happened during training: losses per epoch, time, and the BLAS throughput reached.
public struct TrainingReport: Codable, Sendable, Equatable {
    public struct Epoch: Codable, Sendable, Equatable {
        public var epoch: Int
        public var trainingLoss: Double
        public var validationLoss: Double?
        public var learningRate: Float
        public var seconds: Double
    }

    public var epochs: [Epoch] = []
    /// The epoch whose weights were kept (best validation loss).
    public var bestEpoch: Int = 0
    /// Wall time of the whole training, seconds.
    public var seconds: Double = 0
    /// CPU time of the training thread, seconds (with one BLAS thread, all of the work; on a
    /// busy machine this is what the training costs on an idle core).
    public var cpuSeconds: Double = 0
    /// Time inside `cblas_sgemm`, seconds.
    public var sgemmSeconds: Double = 0
    /// CPU time of the training thread inside `cblas_sgemm`, seconds (one BLAS thread).
    public var sgemmCPUSeconds: Double = 0
    /// Floating-point operations done by `cblas_sgemm` (2·m·n·k per call).
    public var sgemmFlops: Double = 0
    /// Why training stopped: `converged` (patience ran out) or `max-epochs`.
    public var stopReason: String = ""
    public var threads: Int = 1

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case epochs, bestEpoch, seconds, cpuSeconds, sgemmSeconds, sgemmCPUSeconds, sgemmFlops, stopReason, threads
    }

    /// Lenient: a figure a later version added is 0 when absent (the report is informational).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try c.decodeIfPresent([Epoch].self, forKey: .epochs) ?? []
        bestEpoch = try c.decodeIfPresent(Int.self, forKey: .bestEpoch) ?? 0
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
        cpuSeconds = try c.decodeIfPresent(Double.self, forKey: .cpuSeconds) ?? 0
        sgemmSeconds = try c.decodeIfPresent(Double.self, forKey: .sgemmSeconds) ?? 0
        sgemmCPUSeconds = try c.decodeIfPresent(Double.self, forKey: .sgemmCPUSeconds) ?? 0
        sgemmFlops = try c.decodeIfPresent(Double.self, forKey: .sgemmFlops) ?? 0
        stopReason = try c.decodeIfPresent(String.self, forKey: .stopReason) ?? ""
        threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? 1
    }

    /// sgemm throughput while inside sgemm, GFLOP/s.
    public var sgemmGFLOPS: Double { sgemmSeconds > 0 ? sgemmFlops / sgemmSeconds / 1e9 : 0 }
    /// sgemm throughput per CPU-second inside sgemm (what an idle core gives), GFLOP/s.
    public var sgemmCPUGFLOPS: Double { sgemmCPUSeconds > 0 ? sgemmFlops / sgemmCPUSeconds / 1e9 : 0 }
    /// sgemm FLOPs over the whole training wall time, GFLOP/s.
    public var effectiveGFLOPS: Double { seconds > 0 ? sgemmFlops / seconds / 1e9 : 0 }
}
