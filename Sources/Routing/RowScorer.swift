import EventLog
import Foundation

/// A field value in raw bytes: a pointer into the input (or a scratch buffer) and a length;
/// `count < 0` means the field is absent.
public struct FieldSlice {
    public var base: UnsafePointer<UInt8>?
    public var count: Int

    public static var absent: FieldSlice { FieldSlice(base: nil, count: -1) }

    /// The bytes (empty when absent).
    @inline(__always) public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: max(count, 0))
    }
}

/// The result for one scored row: the three most probable classes (indices into the model's
/// classes; -1 when the model has fewer), their probabilities, the decision, and which inputs
/// were missing (bit `i` = ``RowScorer/inputNames``[i], for the first 64 inputs).
public struct ScoredRow: Sendable, Equatable {
    public var top: (Int32, Int32, Int32) = (-1, -1, -1)
    public var probability: (Float, Float, Float) = (0, 0, 0)
    public var decision: RoutingDecision.Decision = .review
    public var missing: UInt64 = 0

    public static func == (a: ScoredRow, b: ScoredRow) -> Bool {
        a.top == b.top && a.probability == b.probability && a.decision == b.decision && a.missing == b.missing
    }
}

/// Why a row could not be scored: the field and what was wrong with it.
public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var column: String?
    public var reason: String
    public var found: String?

    public var description: String {
        var out = column.map { "column '\($0)': " } ?? ""
        out += reason
        if let found { out += " (found '\(found.count > 60 ? String(found.prefix(57)) + "..." : found)')" }
        return out
    }
}

/// Scores exceptions from raw field bytes with a loaded model: encodes each row exactly as
/// training did (same ``FeatureEncoder``), adds the weight rows of its active features, and
/// applies the softmax and the threshold. Allocation-free per row.
///
/// Inputs are addressed by slot: ``inputNames`` lists the fields the model reads (attributes,
/// the time field) and then the optional id field. Not thread-safe (scratch buffers, and
/// history counts when the model has them); use one scorer per thread.
public final class RowScorer {
    public let model: RoutingModel
    let encoder: FeatureEncoder
    /// Fields the model reads, then the id field if one was asked for.
    public let inputNames: [String]
    /// Slots of the id fields, in order of preference.
    public let idSlots: [Int]
    let categoricalSlots: [Int]
    let numericSlots: [Int]
    /// Per cross, the slots of its two inputs.
    let crossSlots: [[Int]]
    /// Slots of numeric inputs (a cross side there is binned, even with no edges).
    let numericInputs: Set<Int>
    let keyBuffer: UnsafeMutablePointer<UInt8>
    static let keyCapacity = 1024
    let timeSlot: Int?
    let historySlots: [Int]
    var historyCounters: [HistoryCounter]
    var historyKeys: [StringPool]
    let indices: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Float>
    let logits: UnsafeMutablePointer<Float>
    let compiled: CompiledModel

    /// A scorer for `model`; `idColumn` names an extra field to carry through (e.g. `case_id`).
    public convenience init(model: RoutingModel, idColumn: String?) {
        self.init(model: model, idColumns: idColumn.map { [$0] } ?? [])
    }

    /// A scorer for `model` that carries the first present of `idColumns` through as the row's id.
    public init(model: RoutingModel, idColumns: [String] = []) {
        self.model = model
        encoder = FeatureEncoder(spec: model.features)
        compiled = CompiledModel(model)
        let spec = model.features
        var names = spec.inputColumns
        for id in idColumns where !names.contains(id) { names.append(id) }
        inputNames = names
        idSlots = idColumns.compactMap { names.firstIndex(of: $0) }
        categoricalSlots = spec.categorical.map { f in names.firstIndex(of: f.name) ?? 0 }
        numericSlots = spec.numeric.map { f in names.firstIndex(of: f.name) ?? 0 }
        crossSlots = spec.crosses.map { c in c.columns.map { names.firstIndex(of: $0) ?? 0 } }
        numericInputs = Set(spec.numeric.compactMap { f in names.firstIndex(of: f.name) })
        keyBuffer = .allocate(capacity: RowScorer.keyCapacity)
        timeSlot = names.firstIndex(of: spec.timeColumn)
        historySlots = spec.history.map { h in names.firstIndex(of: h.key) ?? 0 }
        historyCounters = spec.history.map { HistoryCounter(windowMicros: $0.windowMicros) }
        historyKeys = spec.history.map { _ in StringPool() }
        indices = .allocate(capacity: max(1, spec.entriesPerRow))
        values = .allocate(capacity: max(1, spec.entriesPerRow))
        logits = .allocate(capacity: max(1, model.classes.count))
    }

    deinit {
        keyBuffer.deallocate()
        indices.deallocate()
        values.deallocate()
        logits.deallocate()
    }

    /// Scores the row whose fields are in `slots` (one per ``inputNames``). Throws a
    /// ``RowProblem`` for a value that is present but unusable (a number or time that does
    /// not parse); absent or empty values are scored as missing and flagged.
    public func score(_ slots: UnsafeBufferPointer<FieldSlice>) throws(RowProblem) -> ScoredRow {
        let m = compiled
        var row = ScoredRow()
        var e = 0
        for f in 0..<m.categoricalCount {
            let slot = categoricalSlots[f]
            let field = slots[slot]
            if field.count <= 0 { row.missing |= bit(slot) }
            if m.oneHot[f] {
                indices[e] = m.oneHotSlot(f, field.bytes)
                values[e] = 1
            } else if field.count > 0 {
                let (bucket, sign) = FeatureEncoder.hashSlot(field.bytes, bits: m.bits[f], seed: m.seeds[f])
                indices[e] = m.offset[f] + Int32(bucket)
                values[e] = sign
            } else {
                indices[e] = m.offset[f]
                values[e] = 0
            }
            e += 1
        }
        for k in 0..<m.crossCount {
            indices[e] = try crossSlot(k, slots, m)
            values[e] = 1
            e += 1
        }
        for f in 0..<m.numericCount {
            let slot = numericSlots[f]
            let field = slots[slot]
            indices[e] = m.numericOffset[f]
            indices[e + 1] = m.numericOffset[f] + 1
            if field.count > 0, let base = field.base {
                guard let x = NumberParser.parse(base, count: field.count), x.isFinite else {
                    throw RowProblem(column: inputNames[slot], reason: "expected a number", found: text(field))
                }
                let v = m.numericLog[f] ? log1pSigned(x) : x
                values[e] = Float((v - m.numericMean[f]) * m.numericInvStd[f])
                values[e + 1] = 0
            } else {
                row.missing |= bit(slot)
                values[e] = 0
                values[e + 1] = 1
            }
            e += 2
        }
        var time: Int64?
        if let timeSlot {
            let field = slots[timeSlot]
            if field.count > 0 {
                guard let parsed = ISO8601Parser.parse(field.bytes) else {
                    throw RowProblem(
                        column: inputNames[timeSlot], reason: "expected an ISO 8601 time such as 2025-03-04T09:15:00+01:00",
                        found: text(field))
                }
                time = parsed.micros
            } else {
                row.missing |= bit(timeSlot)
            }
        }
        if m.calendarOffset >= 0 {
            let o = m.calendarOffset
            if let time {
                let c = FeatureEncoder.calendar(time, monthEndDays: m.monthEndDays)
                indices[e] = o + Int32(c.hour)
                values[e] = 1
                indices[e + 1] = o + 24 + Int32(c.weekday)
                values[e + 1] = 1
                indices[e + 2] = o + 31
                values[e + 2] = c.monthEnd ? 1 : 0
            } else {
                for k in 0..<3 {
                    indices[e + k] = o
                    values[e + k] = 0
                }
            }
            e += 3
        }
        for h in 0..<historySlots.count {
            var count = 0
            let field = slots[historySlots[h]]
            if let time, field.count > 0 {
                let key = historyKeys[h].intern(field.bytes)
                count = historyCounters[h].count(key: key, time: time)
                historyCounters[h].record(key: key, time: time)
            }
            indices[e] = Int32(model.features.history[h].offset)
            values[e] = encoder.historyValue(h, count: count)
            e += 1
        }
        m.logits(indices, values, count: e, into: logits)
        let c = m.classes
        Softmax.probabilities(logits, classes: c)
        var b0: Int32 = -1, b1: Int32 = -1, b2: Int32 = -1
        var p0: Float = -1, p1: Float = -1, p2: Float = -1
        for k in 0..<c {
            let p = logits[k]
            if p > p0 {
                (b2, p2, b1, p1) = (b1, p1, b0, p0)
                (b0, p0) = (Int32(k), p)
            } else if p > p1 {
                (b2, p2) = (b1, p1)
                (b1, p1) = (Int32(k), p)
            } else if p > p2 {
                (b2, p2) = (Int32(k), p)
            }
        }
        row.top = (b0, b1, b2)
        row.probability = (max(p0, 0), max(p1, 0), max(p2, 0))
        row.decision = Double(p0) >= m.threshold ? .auto : .review
        return row
    }

    /// The slot of cross `k` for this row: both sides present → their pair key looked up;
    /// otherwise the unknown slot. A numeric side enters as its quantile bin.
    @inline(__always)
    private func crossSlot(_ k: Int, _ slots: UnsafeBufferPointer<FieldSlice>, _ m: CompiledModel) throws(RowProblem) -> Int32 {
        var n = 0
        for side in 0..<2 {
            let slot = crossSlots[k][side]
            let field = slots[slot]
            guard field.count > 0, let base = field.base else { return m.crossUnknown(k) }
            if side == 1 {
                keyBuffer[n] = CrossFeature.separator
                n += 1
            }
            let edges = m.crossEdges[k][side]
            if edges.isEmpty && !numericInputs.contains(slot) {
                guard n + field.count < RowScorer.keyCapacity else { return m.crossUnknown(k) }
                (keyBuffer + n).update(from: base, count: field.count)
                n += field.count
            } else {
                guard let x = NumberParser.parse(base, count: field.count), x.isFinite else {
                    throw RowProblem(column: inputNames[slot], reason: "expected a number", found: text(field))
                }
                var lo = 0, hi = edges.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if x <= edges[mid] { hi = mid } else { lo = mid + 1 }
                }
                let label = m.binLabels[min(lo, m.binLabels.count - 1)]
                for b in label {
                    keyBuffer[n] = b
                    n += 1
                }
            }
        }
        return m.crossSlot(k, UnsafeRawBufferPointer(start: keyBuffer, count: n))
    }

    /// Scores one exception given as field name → text (unknown names ignored). For tests,
    /// tools and in-process callers; ~µs per call.
    public func score(_ fields: [String: String]) throws(RowProblem) -> RoutingDecision {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>?] = []
        for name in inputNames {
            guard let value = fields[name] else {
                ranges.append(nil)
                continue
            }
            let start = bytes.count
            bytes.append(contentsOf: value.utf8)
            ranges.append(start..<bytes.count)
        }
        bytes.append(0)
        let scored: ScoredRow = try bytes.withUnsafeBufferPointer { (p) throws(RowProblem) -> ScoredRow in
            var slots: [FieldSlice] = []
            for r in ranges {
                if let r, let base = p.baseAddress {
                    slots.append(FieldSlice(base: base + r.lowerBound, count: r.count))
                } else {
                    slots.append(.absent)
                }
            }
            return try slots.withUnsafeBufferPointer { (s) throws(RowProblem) -> ScoredRow in try score(s) }
        }
        return decision(scored)
    }

    /// The row's id: the first id field present.
    @inline(__always)
    public func id(_ slots: UnsafeBufferPointer<FieldSlice>) -> FieldSlice {
        for s in idSlots where slots[s].count >= 0 { return slots[s] }
        return .absent
    }

    /// The public form of a scored row.
    public func decision(_ row: ScoredRow) -> RoutingDecision {
        var top: [RoutingDecision.Candidate] = []
        for (k, p) in [(row.top.0, row.probability.0), (row.top.1, row.probability.1), (row.top.2, row.probability.2)]
        where k >= 0 {
            top.append(.init(owner: model.classes[Int(k)], probability: p))
        }
        return RoutingDecision(top: top, decision: row.decision, missingFeatures: missingNames(row.missing))
    }

    /// Names of the inputs flagged in a missing mask.
    public func missingNames(_ mask: UInt64) -> [String] {
        guard mask != 0 else { return [] }
        return inputNames.indices.filter { $0 < 64 && mask & (1 << UInt64($0)) != 0 }.map { inputNames[$0] }
    }

    @inline(__always) private func bit(_ slot: Int) -> UInt64 { slot < 64 ? 1 << UInt64(slot) : 0 }

    private func text(_ field: FieldSlice) -> String { String(decoding: field.bytes, as: UTF8.self) }
}
