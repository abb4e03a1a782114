import CBLAS
import Foundation

/// Trains a ``SoftmaxRegression`` with mini-batch Adam on `cblas_sgemm` forward and backward
/// passes, L2, optional class weights, and early stopping on a time-ordered validation slice.
///
/// Deterministic for a seed and a thread count: weights start at zero, the only randomness is
/// the mini-batch order. Cost per epoch: `4 · rows · dimension · classes` FLOPs in sgemm plus
/// O(rows · entries) to build the dense blocks.
public enum SoftmaxTrainer {
    /// Trains on `rows`/`labels` (labels in `0..<classCount`), keeping the weights of the epoch
    /// with the lowest validation log loss. With an empty validation set, the training loss
    /// decides instead.
    public static func train(
        _ rows: EncodedRows, labels: [Int32], validation: EncodedRows, validationLabels: [Int32], classCount: Int,
        options: TrainingOptions = TrainingOptions()
    ) throws(RoutingError) -> (model: SoftmaxRegression, report: TrainingReport) {
        try options.validate()
        let n = rows.rowCount, d = rows.dimension, c = classCount
        guard n > 0 else { throw .notEnoughData("no training rows") }
        guard c >= 1 else { throw .notEnoughData("no classes") }
        guard labels.count == n, validationLabels.count == validation.rowCount else {
            throw .invalidInput("labels and rows differ in length")
        }
        guard labels.allSatisfy({ $0 >= 0 && $0 < Int32(c) }), validationLabels.allSatisfy({ $0 >= 0 && $0 < Int32(c) })
        else { throw .invalidInput("a label is outside 0..<\(c)") }
        guard validation.rowCount == 0 || validation.dimension == d else {
            throw .invalidInput("validation rows have dimension \(validation.dimension), training rows \(d)")
        }

        openblas_set_num_threads(Int32(options.threads))
        let start = monotonicSeconds()
        let startCPU = threadCPUSeconds()
        var report = TrainingReport()
        report.threads = options.threads
        var rng = SeededGenerator(seed: options.seed)
        // Shuffle the rows once into a new contiguous copy, then visit whole mini-batches in a
        // fresh random order each epoch: every batch is a random sample, and the gathers that
        // build the dense blocks read memory sequentially instead of missing the cache per row.
        var permutation = Array(0..<n)
        rng.shuffle(&permutation)
        let shuffled = rows.rows(permutation)
        let shuffledLabels = permutation.map { labels[$0] }
        let sampleWeights = classWeights(labels: shuffledLabels, classCount: c, mode: options.classWeighting)
        var model = SoftmaxRegression(inputDimension: d, classCount: c)
        var best = model
        // Exponential moving average of the iterates (Polyak averaging): evaluated and kept
        // instead of the raw weights, it removes most of the mini-batch noise without waiting
        // for the learning rate to decay.
        var average = model
        // The average spans at most half an epoch, so it never lags behind on small data.
        let stepsPerEpoch = (n + options.batchSize - 1) / options.batchSize
        let averageDecay = options.averaging > 0 ? Float(min(options.averaging, 1 - 2 / Double(max(4, stepsPerEpoch)))) : 0
        var bestLoss = Double.infinity
        let kernel = BatchKernel(dimension: d, classes: c, capacity: options.batchSize)
        var adam = AdamState(count: d * c + c, learningRate: options.learningRate)
        let order = (0..<Int32(n)).map { $0 }
        let batchCount = (n + options.batchSize - 1) / options.batchSize
        var batches = Array(0..<batchCount)
        var stale = 0
        report.stopReason = "max-epochs"

        for epoch in 1...options.maxEpochs {
            let epochStart = monotonicSeconds()
            rng.shuffle(&batches)
            var lossSum = 0.0, weightSum = 0.0
            order.withUnsafeBufferPointer { ids in
                shuffledLabels.withUnsafeBufferPointer { lab in
                    sampleWeights.withUnsafeBufferPointer { sw in
                        for b in batches {
                            let s = b * options.batchSize
                            let m = min(options.batchSize, n - s)
                            let batch = UnsafeBufferPointer(rebasing: ids[s..<(s + m)])
                            var wsum: Float = 0
                            for r in s..<(s + m) { wsum += sw[r] }
                            lossSum += kernel.run(
                                rows: shuffled, ids: batch, labels: lab.baseAddress, weights: sw.baseAddress, model: model,
                                backward: true, scale: 1 / wsum, accumulate: false)
                            weightSum += Double(wsum)
                            adam.step(model: &model, kernel: kernel, l2: options.l2)
                            if averageDecay > 0 { average.blend(model, keep: min(averageDecay, 1 - 1 / Float(adam.t + 1))) }
                        }
                    }
                }
            }
            let trainLoss = lossSum / max(weightSum, 1e-12)
            let candidate = averageDecay > 0 ? average : model
            let valLoss: Double? = validation.rowCount > 0
                ? meanLogLoss(candidate, rows: validation, labels: validationLabels, kernel: kernel) : nil
            report.epochs.append(.init(
                epoch: epoch, trainingLoss: trainLoss, validationLoss: valLoss, learningRate: adam.learningRate,
                seconds: monotonicSeconds() - epochStart))
            let current = valLoss ?? trainLoss
            guard current.isFinite else { throw .notEnoughData("training diverged (loss \(current)); lower the learning rate") }
            if current < bestLoss * (1 - options.minImprovement) {
                stale = 0
            } else {
                stale += 1
                adam.learningRate *= options.learningRateDecay
            }
            if current < bestLoss {
                bestLoss = current
                best = candidate
                report.bestEpoch = epoch
            }
            if stale >= options.patience {
                report.stopReason = "converged"
                break
            }
        }
        report.seconds = monotonicSeconds() - start
        report.cpuSeconds = threadCPUSeconds() - startCPU
        report.sgemmSeconds = kernel.sgemmSeconds
        report.sgemmCPUSeconds = kernel.sgemmCPUSeconds
        report.sgemmFlops = kernel.sgemmFlops
        return (best, report)
    }

    /// Per-row weights: 1, or `n / (classes · n_c)` for balanced classes.
    static func classWeights(labels: [Int32], classCount: Int, mode: TrainingOptions.ClassWeighting) -> [Float] {
        guard mode == .balanced else { return [Float](repeating: 1, count: labels.count) }
        var counts = [Int](repeating: 0, count: classCount)
        for y in labels { counts[Int(y)] += 1 }
        let perClass = counts.map { $0 > 0 ? Float(labels.count) / Float(classCount * $0) : 0 }
        return labels.map { perClass[Int($0)] }
    }

    /// Mean log loss of `model` on rows with labels in `0..<classCount`.
    public static func meanLogLoss(_ model: SoftmaxRegression, rows: EncodedRows, labels: [Int32]) -> Double {
        let kernel = BatchKernel(dimension: model.inputDimension, classes: model.classCount, capacity: 256)
        return meanLogLoss(model, rows: rows, labels: labels, kernel: kernel)
    }

    static func meanLogLoss(_ model: SoftmaxRegression, rows: EncodedRows, labels: [Int32], kernel: BatchKernel) -> Double {
        let n = rows.rowCount
        guard n > 0 else { return 0 }
        var ids = [Int32](repeating: 0, count: kernel.capacity)
        var total = 0.0
        var s = 0
        labels.withUnsafeBufferPointer { lab in
            while s < n {
                let m = min(kernel.capacity, n - s)
                for i in 0..<m { ids[i] = Int32(s + i) }
                total += ids.withUnsafeBufferPointer { p in
                    kernel.run(
                        rows: rows, ids: UnsafeBufferPointer(rebasing: p[0..<m]), labels: lab.baseAddress, weights: nil,
                        model: model, backward: false, scale: 1, accumulate: false)
                }
                s += m
            }
        }
        return total / Double(n)
    }

    /// The exact objective and its gradient over all rows: mean (weighted) cross-entropy plus
    /// `l2/2 · ‖W‖²`. Used by the gradient check; the same kernel as training.
    public static func lossAndGradient(
        _ model: SoftmaxRegression, rows: EncodedRows, labels: [Int32], sampleWeights: [Float]? = nil, l2: Float
    ) -> (loss: Double, weights: [Float], bias: [Float]) {
        let n = rows.rowCount, d = model.inputDimension, c = model.classCount
        let sw = sampleWeights ?? [Float](repeating: 1, count: n)
        let total = sw.reduce(0, +)
        let kernel = BatchKernel(dimension: d, classes: c, capacity: 64)
        kernel.gradWeights.update(repeating: 0, count: d * c)
        kernel.gradBias.update(repeating: 0, count: c)
        var loss = 0.0
        var ids = [Int32](repeating: 0, count: 64)
        var s = 0
        labels.withUnsafeBufferPointer { lab in
            sw.withUnsafeBufferPointer { w in
                while s < n {
                    let m = min(64, n - s)
                    for i in 0..<m { ids[i] = Int32(s + i) }
                    loss += ids.withUnsafeBufferPointer { p in
                        kernel.run(
                            rows: rows, ids: UnsafeBufferPointer(rebasing: p[0..<m]), labels: lab.baseAddress,
                            weights: w.baseAddress, model: model, backward: true, scale: 1 / total, accumulate: true)
                    }
                    s += m
                }
            }
        }
        var gw = Array(UnsafeBufferPointer(start: kernel.gradWeights, count: d * c))
        var penalty = 0.0
        for i in 0..<gw.count {
            gw[i] += l2 * model.weights[i]
            penalty += Double(model.weights[i]) * Double(model.weights[i])
        }
        return (loss / Double(total) + Double(l2) / 2 * penalty, gw, Array(UnsafeBufferPointer(start: kernel.gradBias, count: c)))
    }
}

extension SoftmaxRegression {
    /// `self = keep · self + (1 − keep) · other`, weights and biases.
    mutating func blend(_ other: SoftmaxRegression, keep: Float) {
        let k = keep, o = 1 - keep
        weights.withUnsafeMutableBufferPointer { w in
            other.weights.withUnsafeBufferPointer { x in
                for i in 0..<w.count { w[i] = k * w[i] + o * x[i] }
            }
        }
        for i in 0..<bias.count { bias[i] = k * bias[i] + o * other.bias[i] }
    }
}

/// Adam's moment estimates over the weights followed by the biases.
struct AdamState {
    var m: [Float]
    var v: [Float]
    var t: Int = 0
    var learningRate: Float
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8

    init(count: Int, learningRate: Float) {
        m = [Float](repeating: 0, count: count)
        v = [Float](repeating: 0, count: count)
        self.learningRate = learningRate
    }

    /// One update from the kernel's gradients, with `l2 · W` added to the weight gradient.
    mutating func step(model: inout SoftmaxRegression, kernel: BatchKernel, l2: Float) {
        t += 1
        let lr = learningRate * (1 - powf(beta2, Float(t))).squareRoot() / (1 - powf(beta1, Float(t)))
        let nw = model.weights.count, b1 = beta1, b2 = beta2, eps = epsilon
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                model.weights.withUnsafeMutableBufferPointer { w in
                    let g = kernel.gradWeights
                    for i in 0..<nw {
                        let gi = g[i] + l2 * w[i]
                        m[i] = b1 * m[i] + (1 - b1) * gi
                        v[i] = b2 * v[i] + (1 - b2) * gi * gi
                        w[i] -= lr * m[i] / (v[i].squareRoot() + eps)
                    }
                }
                model.bias.withUnsafeMutableBufferPointer { b in
                    let g = kernel.gradBias
                    for k in 0..<b.count {
                        let j = nw + k
                        m[j] = b1 * m[j] + (1 - b1) * g[k]
                        v[j] = b2 * v[j] + (1 - b2) * g[k] * g[k]
                        b[k] -= lr * m[j] / (v[j].squareRoot() + eps)
                    }
                }
            }
        }
    }
}
