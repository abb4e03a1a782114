import CBLAS
import Foundation

/// The hot path of training: a mini-batch's forward pass `Z = X·W` and backward pass
/// `∇W = Xᵀ·G`, both `cblas_sgemm` calls on a dense block of at most `capacity` rows.
///
/// Owns its buffers (one dense block, logits, gradients), allocated once; not thread-safe.
/// Counts the time and FLOPs spent inside sgemm for the training report.
final class BatchKernel {
    let dimension: Int
    let classes: Int
    let capacity: Int
    let block: UnsafeMutablePointer<Float>
    let logits: UnsafeMutablePointer<Float>
    let gradWeights: UnsafeMutablePointer<Float>
    let gradBias: UnsafeMutablePointer<Float>
    var sgemmSeconds = 0.0
    var sgemmCPUSeconds = 0.0
    var sgemmFlops = 0.0

    init(dimension: Int, classes: Int, capacity: Int) {
        self.dimension = dimension
        self.classes = classes
        self.capacity = max(1, capacity)
        block = .allocate(capacity: self.capacity * dimension)
        block.initialize(repeating: 0, count: self.capacity * dimension)
        logits = .allocate(capacity: self.capacity * classes)
        logits.initialize(repeating: 0, count: self.capacity * classes)
        gradWeights = .allocate(capacity: dimension * classes)
        gradWeights.initialize(repeating: 0, count: dimension * classes)
        gradBias = .allocate(capacity: classes)
        gradBias.initialize(repeating: 0, count: classes)
    }

    deinit {
        block.deallocate()
        logits.deallocate()
        gradWeights.deallocate()
        gradBias.deallocate()
    }

    /// Forward pass for `ids` (≤ capacity rows): leaves probabilities in `logits` and returns
    /// Σ wᵢ·(−log pᵢ,yᵢ). With `backward`, also sets `gradWeights += scale·Xᵀ·G` (or `=` when
    /// `accumulate` is false) and `gradBias` likewise, where `Gᵢ = wᵢ·(pᵢ − onehot(yᵢ))`.
    @discardableResult
    func run(
        rows: EncodedRows, ids: UnsafeBufferPointer<Int32>, labels: UnsafePointer<Int32>?, weights: UnsafePointer<Float>?,
        model: SoftmaxRegression, backward: Bool, scale: Float, accumulate: Bool
    ) -> Double {
        let m = ids.count, d = dimension, c = classes
        guard m > 0 else { return 0 }
        rows.scatter(rows: ids, into: block)
        defer { rows.clear(rows: ids, in: block) }
        for i in 0..<m { for k in 0..<c { logits[i * c + k] = model.bias[k] } }
        model.weights.withUnsafeBufferPointer { w in
            timed(flops: 2 * Double(m * d * c)) {
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(c), Int32(d), 1, block, Int32(d),
                    w.baseAddress, Int32(c), 1, logits, Int32(c))
            }
        }
        var loss = 0.0
        for i in 0..<m {
            let z = logits + i * c
            let y = labels.map { Int($0[Int(ids[i])]) } ?? -1
            let zy = y >= 0 ? z[y] : 0
            let lse = Softmax.row(z, classes: c)
            let w = weights.map { $0[Int(ids[i])] } ?? 1
            if y >= 0 { loss += Double(w) * Double(lse - zy) }
            if backward {
                if y >= 0 { z[y] -= 1 }
                let s = w * scale
                for k in 0..<c { z[k] *= s }
            }
        }
        guard backward else { return loss }
        if !accumulate {
            gradBias.update(repeating: 0, count: c)
        }
        for i in 0..<m { for k in 0..<c { gradBias[k] += logits[i * c + k] } }
        timed(flops: 2 * Double(m * d * c)) {
            cblas_sgemm(
                CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(c), Int32(m), 1, block, Int32(d), logits,
                Int32(c), accumulate ? 1 : 0, gradWeights, Int32(c))
        }
        return loss
    }

    @inline(__always)
    private func timed(flops: Double, _ body: () -> Void) {
        let t0 = monotonicSeconds(), c0 = threadCPUSeconds()
        body()
        sgemmSeconds += monotonicSeconds() - t0
        sgemmCPUSeconds += threadCPUSeconds() - c0
        sgemmFlops += flops
    }
}
