import CBLAS
import Foundation

/// Multinomial logistic regression: `p = softmax(x·W + b)` over `classCount` classes.
///
/// `weights` is `inputDimension × classCount`, row-major, so the row of a feature is the
/// contribution of that feature to every class. Batch prediction expands rows into dense
/// blocks and multiplies with `cblas_sgemm`; single-row scoring adds the rows of the active
/// features (a handful of entries), which is what makes scoring cost microseconds.
public struct SoftmaxRegression: Codable, Sendable, Equatable {
    public var inputDimension: Int
    public var classCount: Int
    public var weights: [Float]
    public var bias: [Float]

    /// A model with all weights zero (uniform predictions).
    public init(inputDimension: Int, classCount: Int) {
        self.inputDimension = inputDimension
        self.classCount = classCount
        weights = [Float](repeating: 0, count: inputDimension * classCount)
        bias = [Float](repeating: 0, count: classCount)
    }

    public init(inputDimension: Int, classCount: Int, weights: [Float], bias: [Float]) {
        self.inputDimension = inputDimension
        self.classCount = classCount
        self.weights = weights
        self.bias = bias
    }

    /// Whether shapes agree and every number is finite.
    public var isWellFormed: Bool {
        inputDimension >= 0 && classCount >= 1 && weights.count == inputDimension * classCount
            && bias.count == classCount && weights.allSatisfy(\.isFinite) && bias.allSatisfy(\.isFinite)
    }

    /// Class probabilities for every row, `rowCount × classCount` row-major, computed in
    /// blocks of `blockSize` rows with one `cblas_sgemm` each.
    public func probabilities(_ rows: EncodedRows, blockSize: Int = 256) -> [Float] {
        let n = rows.rowCount, c = classCount, d = inputDimension
        var out = [Float](repeating: 0, count: n * c)
        guard n > 0 else { return out }
        let b = max(1, blockSize)
        let block = UnsafeMutablePointer<Float>.allocate(capacity: b * d)
        block.initialize(repeating: 0, count: b * d)
        defer { block.deallocate() }
        var ids = [Int32](repeating: 0, count: b)
        out.withUnsafeMutableBufferPointer { o in
            weights.withUnsafeBufferPointer { w in
                guard let base = o.baseAddress else { return }
                var start = 0
                while start < n {
                    let m = min(b, n - start)
                    for i in 0..<m { ids[i] = Int32(start + i) }
                    ids.withUnsafeBufferPointer { idp in
                        let slice = UnsafeBufferPointer(rebasing: idp[0..<m])
                        rows.scatter(rows: slice, into: block)
                        let z = base + start * c
                        for i in 0..<m { for k in 0..<c { z[i * c + k] = bias[k] } }
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(c), Int32(d), 1, block,
                            Int32(d), w.baseAddress, Int32(c), 1, z, Int32(c))
                        rows.clear(rows: slice, in: block)
                    }
                    start += m
                }
                Softmax.rows(base, rows: n, classes: c)
            }
        }
        return out
    }

    /// Logits of one sparse row: `b + Σ value·W[index]`. No allocation.
    @inline(__always)
    public func logits(
        indices: UnsafePointer<Int32>, values: UnsafePointer<Float>, count: Int, weights w: UnsafePointer<Float>,
        into out: UnsafeMutablePointer<Float>
    ) {
        let c = classCount
        for k in 0..<c { out[k] = bias[k] }
        for e in 0..<count {
            let v = values[e]
            if v == 0 { continue }
            let row = w + Int(indices[e]) * c
            for k in 0..<c { out[k] += v * row[k] }
        }
    }
}

/// Row-wise softmax and its loss, numerically stable (max subtracted).
enum Softmax {
    /// Replaces each row of logits with its probabilities.
    static func rows(_ z: UnsafeMutablePointer<Float>, rows n: Int, classes c: Int) {
        for i in 0..<n { row(z + i * c, classes: c) }
    }

    /// Softmax of one row in place, without the log-partition (scoring).
    @inline(__always)
    static func probabilities(_ z: UnsafeMutablePointer<Float>, classes c: Int) {
        var mx = z[0]
        for k in 1..<max(c, 1) where z[k] > mx { mx = z[k] }
        var sum: Float = 0
        for k in 0..<c {
            let e = expf(z[k] - mx)
            z[k] = e
            sum += e
        }
        let inv = 1 / sum
        for k in 0..<c { z[k] *= inv }
    }

    /// Softmax of one row in place; returns log Σ exp(z − max) + max (the log-partition).
    @inline(__always) @discardableResult
    static func row(_ z: UnsafeMutablePointer<Float>, classes c: Int) -> Float {
        var mx = z[0]
        for k in 1..<max(c, 1) where z[k] > mx { mx = z[k] }
        var sum: Float = 0
        for k in 0..<c {
            let e = expf(z[k] - mx)
            z[k] = e
            sum += e
        }
        let inv = 1 / sum
        for k in 0..<c { z[k] *= inv }
        return logf(sum) + mx
    }
}

/// CPU time consumed by the calling thread, seconds: what a run costs on a core of its own,
/// whatever else the machine is doing.
public func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Monotonic wall-clock time in seconds, for timing training and scoring.
@inline(__always)
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
