import EventLog
import Foundation

/// A model flattened for scoring one row at a time: weights and biases in owned buffers, the
/// one-hot values of every categorical column in one open-addressing table over raw bytes,
/// and the numeric and calendar parameters in plain arrays. Nothing here is copied, retained
/// or bounds-checked per row; ``RowScorer`` drives it. Read-only after init.
final class CompiledModel {
    let classes: Int
    let weights: UnsafeMutablePointer<Float>
    let bias: UnsafeMutablePointer<Float>
    let threshold: Double

    let categoricalCount: Int
    let oneHot: [Bool]
    let offset: [Int32]
    let kept: [Int32]
    let bits: [Int]
    let seeds: [UInt64]

    let numericCount: Int
    let numericOffset: [Int32]
    let numericLog: [Bool]
    let numericMean: [Double]
    let numericInvStd: [Double]

    let crossCount: Int
    let crossOffset: [Int32]
    let crossKept: [Int32]
    /// Per cross and side: quantile edges of a numeric side (empty for a categorical side).
    let crossEdges: [[[Double]]]
    /// Bin labels `q0`, `q1`, … as bytes.
    let binLabels: [[UInt8]]

    let calendarOffset: Int32
    let monthEndDays: Int

    // One-hot values: entry e is (feature, bytes) → slot.
    private let storage: UnsafeMutablePointer<UInt8>
    private let entryHash: UnsafeMutablePointer<UInt64>
    private let entryStart: UnsafeMutablePointer<Int32>
    private let entryLength: UnsafeMutablePointer<Int32>
    private let entryFeature: UnsafeMutablePointer<Int32>
    private let entrySlot: UnsafeMutablePointer<Int32>
    private let table: UnsafeMutablePointer<Int32>
    private let mask: Int
    private let entryCount: Int

    init(_ model: RoutingModel) {
        let spec = model.features
        classes = model.classes.count
        weights = .allocate(capacity: max(1, model.regression.weights.count))
        weights.initialize(from: model.regression.weights, count: model.regression.weights.count)
        bias = .allocate(capacity: max(1, classes))
        bias.initialize(from: model.regression.bias, count: model.regression.bias.count)
        threshold = model.threshold.threshold ?? .infinity

        categoricalCount = spec.categorical.count
        oneHot = spec.categorical.map { $0.encoding == .oneHot }
        offset = spec.categorical.map { Int32($0.offset) }
        kept = spec.categorical.map { Int32($0.values.count) }
        bits = spec.categorical.map(\.bits)
        seeds = spec.categorical.map(\.seed)
        numericCount = spec.numeric.count
        numericOffset = spec.numeric.map { Int32($0.offset) }
        numericLog = spec.numeric.map(\.logTransform)
        numericMean = spec.numeric.map(\.mean)
        numericInvStd = spec.numeric.map { 1 / $0.std }
        crossCount = spec.crosses.count
        crossOffset = spec.crosses.map { Int32($0.offset) }
        crossKept = spec.crosses.map { Int32($0.values.count) }
        crossEdges = spec.crosses.map(\.edges)
        binLabels = (0..<256).map { Array("q\($0)".utf8) }
        calendarOffset = spec.calendar.map { Int32($0.offset) } ?? -1
        monthEndDays = spec.calendar?.monthEndDays ?? 0

        var bytes: [UInt8] = []
        var hashes: [UInt64] = [], starts: [Int32] = [], lengths: [Int32] = [], features: [Int32] = [], slots: [Int32] = []
        for (f, feature) in spec.categorical.enumerated() where feature.encoding == .oneHot {
            let kept = feature.values.count
            for (i, value) in (feature.values + feature.rareValues).enumerated() {
                let utf8 = Array(value.utf8)
                starts.append(Int32(bytes.count))
                lengths.append(Int32(utf8.count))
                bytes += utf8
                features.append(Int32(f))
                slots.append(Int32(feature.offset + min(i, kept)))
                hashes.append(utf8.withUnsafeBytes { CompiledModel.key($0, feature: f) })
            }
        }
        let catCount = spec.categorical.count
        for (k, cross) in spec.crosses.enumerated() {
            let kept = cross.values.count
            for (i, value) in (cross.values + cross.rareValues).enumerated() {
                let utf8 = Array(value.utf8)
                starts.append(Int32(bytes.count))
                lengths.append(Int32(utf8.count))
                bytes += utf8
                features.append(Int32(catCount + k))
                slots.append(Int32(cross.offset + min(i, kept)))
                hashes.append(utf8.withUnsafeBytes { CompiledModel.key($0, feature: catCount + k) })
            }
        }
        entryCount = hashes.count
        var size = 16
        while size < entryCount * 2 { size *= 2 }
        mask = size - 1
        storage = .allocate(capacity: max(1, bytes.count))
        storage.initialize(from: bytes, count: bytes.count)
        entryHash = .allocate(capacity: max(1, entryCount))
        entryHash.initialize(from: hashes, count: entryCount)
        entryStart = .allocate(capacity: max(1, entryCount))
        entryStart.initialize(from: starts, count: entryCount)
        entryLength = .allocate(capacity: max(1, entryCount))
        entryLength.initialize(from: lengths, count: entryCount)
        entryFeature = .allocate(capacity: max(1, entryCount))
        entryFeature.initialize(from: features, count: entryCount)
        entrySlot = .allocate(capacity: max(1, entryCount))
        entrySlot.initialize(from: slots, count: entryCount)
        table = .allocate(capacity: size)
        table.initialize(repeating: -1, count: size)
        for e in 0..<entryCount {
            var s = Int(truncatingIfNeeded: hashes[e]) & mask
            while table[s] >= 0 { s = (s + 1) & mask }
            table[s] = Int32(e)
        }
    }

    deinit {
        weights.deallocate()
        bias.deallocate()
        storage.deallocate()
        entryHash.deallocate()
        entryStart.deallocate()
        entryLength.deallocate()
        entryFeature.deallocate()
        entrySlot.deallocate()
        table.deallocate()
    }

    @inline(__always)
    private static func key(_ bytes: UnsafeRawBufferPointer, feature: Int) -> UInt64 {
        StringPool.hash(bytes) &+ UInt64(feature + 1) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The one-hot slot of a value of categorical column `f` (rare values → rare slot), or the
    /// unknown slot when unseen or empty.
    @inline(__always)
    func oneHotSlot(_ f: Int, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        lookup(f, bytes, unknown: offset[f] + kept[f] + 1)
    }

    /// The slot of cross `k` for a pair key, or its unknown slot.
    @inline(__always)
    func crossSlot(_ k: Int, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        lookup(categoricalCount + k, bytes, unknown: crossOffset[k] + crossKept[k] + 1)
    }

    /// The unknown slot of cross `k`.
    @inline(__always)
    func crossUnknown(_ k: Int) -> Int32 { crossOffset[k] + crossKept[k] + 1 }

    @inline(__always)
    private func lookup(_ f: Int, _ bytes: UnsafeRawBufferPointer, unknown: Int32) -> Int32 {
        guard bytes.count > 0, let base = bytes.baseAddress else { return unknown }
        let h = CompiledModel.key(bytes, feature: f)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(table[s])
            if e < 0 { return unknown }
            if entryHash[e] == h && entryFeature[e] == Int32(f) && Int(entryLength[e]) == bytes.count
                && CompiledModel.equal(storage + Int(entryStart[e]), base, bytes.count)
            {
                return entrySlot[e]
            }
            s = (s + 1) & mask
        }
    }

    /// Byte equality, 8 bytes a step (short values compare without a libc call).
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        let ra = UnsafeRawPointer(a)
        var i = 0
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// `logits = b + Σ values[e] · W[indices[e]]`.
    @inline(__always)
    func logits(_ indices: UnsafePointer<Int32>, _ values: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>) {
        let c = classes
        out.update(from: bias, count: c)
        for e in 0..<count {
            let v = values[e]
            if v == 0 { continue }
            let row = weights + Int(indices[e]) * c
            for k in 0..<c { out[k] += v * row[k] }
        }
    }
}
