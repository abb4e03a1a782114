import EventLog
import FuzzSupport
import Routing

/// libFuzzer entry point for routing model files. With the first byte odd the rest is a
/// payload, sealed here with its true SHA-256 so that the payload's own checks are reached;
/// with it even the rest is a whole file. A model that loads must write back to a file that
/// loads to the same model, and score exceptions (present, absent, odd values) with finite
/// probabilities; one that does not load must say why.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    var bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] & 1 == 1 {
        let head = "{\"format\":\"\(RoutingModelFile.format)\",\"schemaVersion\":1,\"sha256\":\"\(SHA256.hex(bytes))\",\"payload\":"
        bytes = Array(head.utf8) + bytes + Array("}\n".utf8)
    }
    let model: RoutingModel
    do {
        model = try RoutingModelFile.decode(bytes, file: "fuzz.json").model
    } catch {
        if error.description.isEmpty { FuzzInput.fail("model file: an error without a reason") }
        if FuzzInput.verbose { print("refused: \(error)") }
        return 0
    }
    if FuzzInput.verbose { print("loaded a model with \(model.classes.count) classes, dimension \(model.features.dimension)") }
    do {
        let again = try RoutingModelFile.decode(try RoutingModelFile.encode(model), file: "again.json").model
        if again != model { FuzzInput.fail("model file: write and read back changed the model") }
    } catch {
        FuzzInput.fail("model file: a loaded model does not write and read back: \(error)")
    }
    let scorer = RowScorer(model: model, idColumns: [])
    let samples = ["", "x", "0", "-1e308", "NaN", "2024-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "credit_hold", "\u{0}"]
    for (k, sample) in samples.enumerated() {
        var fields: [String: String] = [:]
        for (i, name) in scorer.inputNames.enumerated() where (i + k) % 3 != 0 { fields[name] = samples[(i + k) % samples.count] }
        fields[model.features.timeColumn] = k % 2 == 0 ? "2024-03-01T08:00:00Z" : sample
        do {
            let decision = try scorer.score(fields)
            for candidate in decision.top where !(candidate.probability >= 0 && candidate.probability <= 1.0001) {
                FuzzInput.fail("model file: probability \(candidate.probability) for \(candidate.owner)")
            }
            if !model.classes.contains(decision.owner) && !decision.top.isEmpty {
                FuzzInput.fail("model file: routed to '\(decision.owner)', not a class of the model")
            }
        } catch {
            if error.description.isEmpty { FuzzInput.fail("model file: a scoring error without a reason") }
        }
    }
    return 0
}
