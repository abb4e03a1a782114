import EventLog
import Routing

/// A model ready to answer requests: the model, who it is (registry id, checksum), what its
/// inputs are and how they are checked, and a pool of scorers so that concurrent requests never
/// share scratch buffers. Immutable once built; a hot swap replaces the whole object, and a
/// request that started on it finishes on it. Building one costs about one model load
/// (compiling the one-hot tables); scoring costs microseconds.
final class ServingModel: @unchecked Sendable {
    let model: RoutingModel
    /// The registry id as text (`"3"`), or `file:NAME` for a model file the workspace does not know.
    let id: String
    /// SHA-256 of the model payload.
    let sha256: String
    /// The first 12 hex digits of ``sha256``: the version answers carry.
    let version: String
    let registryID: Int64?
    /// Where it came from, for `/v1/models/current` (`workspace model 3`, a file path).
    let source: String
    let loadedAt: String

    /// The fields the model reads, in scorer slot order.
    let inputNames: [String]
    /// Field name → slot.
    let inputKeys: StringPool
    /// Per slot: the values a one-hot input knew in training (nil for other inputs).
    let vocabulary: [StringPool?]
    let numericSlots: Set<Int>
    let timeSlot: Int?
    /// Class names as quoted JSON strings.
    let classJSON: [[UInt8]]
    /// Input names as quoted JSON strings, by slot.
    let inputJSON: [[UInt8]]
    /// Models with history counts keep state across rows, so they score one row at a time.
    let serialized: Bool

    private let pool: Locked<[RowScorer]>
    private let serialLock = Locked(())

    init(model: RoutingModel, sha256: String, registryID: Int64?, source: String, fileName: String?) {
        self.model = model
        self.sha256 = sha256
        version = String(sha256.prefix(12))
        self.registryID = registryID
        id = registryID.map(String.init) ?? "file:\(fileName ?? "model")"
        self.source = source
        loadedAt = Timestamp.iso8601(ServiceClock.micros())
        let first = RowScorer(model: model)
        inputNames = first.inputNames
        var keys = StringPool()
        for name in inputNames { _ = keys.intern(name) }
        inputKeys = keys
        var vocabulary = [StringPool?](repeating: nil, count: inputNames.count)
        for feature in model.features.categorical where feature.encoding == .oneHot {
            guard let slot = inputNames.firstIndex(of: feature.name) else { continue }
            vocabulary[slot] = StringPool(feature.values + feature.rareValues)
        }
        self.vocabulary = vocabulary
        numericSlots = Set(model.features.numeric.compactMap { f in first.inputNames.firstIndex(of: f.name) })
        timeSlot = inputNames.firstIndex(of: model.features.timeColumn)
        classJSON = model.classes.map { name in
            var json = JSONBytes(capacity: name.utf8.count + 2)
            json.string(name)
            return json.bytes
        }
        inputJSON = inputNames.map { name in
            var json = JSONBytes(capacity: name.utf8.count + 2)
            json.string(name)
            return json.bytes
        }
        serialized = !model.features.history.isEmpty
        pool = Locked([first])
    }

    /// Runs `body` with a scorer no other request is using (taken from the pool, or new).
    func withScorer<R, E: Error>(_ body: (RowScorer) throws(E) -> R) throws(E) -> R {
        if serialized {
            let result: Result<R, E> = serialLock.withLock { _ in
                let scorer = pool.withLock { $0.first } ?? RowScorer(model: model)
                return Result { () throws(E) -> R in try body(scorer) }
            }
            return try result.get()
        }
        let scorer = pool.withLock { $0.popLast() } ?? RowScorer(model: model)
        defer { pool.withLock { if $0.count < 32 { $0.append(scorer) } } }
        return try body(scorer)
    }

    /// The JSON description of an input for `/v1/models/current`.
    func inputKind(_ slot: Int) -> String {
        if slot == timeSlot { return "time" }
        if numericSlots.contains(slot) { return "number" }
        return vocabulary[slot] == nil ? "text" : "category"
    }
}
