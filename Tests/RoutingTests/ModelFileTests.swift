import Foundation
import Testing
@testable import Routing

@Suite struct ModelFileTests {
    @Test func saveThenLoadGivesTheSameModelAndPredictions() throws {
        let model = try RoutingFixtures.model()
        let dir = try RoutingFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("model.json").path
        let sha = try RoutingModelFile.write(model, to: path)
        let loaded = try RoutingModelFile.read(path)
        #expect(loaded == model)
        #expect(sha.count == 64)
        let before = try RoutingFixtures.batchPredictions(model, RoutingFixtures.data.input)
        let after = try RoutingFixtures.batchPredictions(loaded, RoutingFixtures.data.input)
        #expect(before == after)
        // Writing again replaces the file and gives the same bytes.
        try RoutingModelFile.write(loaded, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(try RoutingModelFile.encode(model)))
    }

    @Test func aChangedWeightIsRefusedByTheChecksum() throws {
        var text = String(decoding: try RoutingModelFile.encode(try RoutingFixtures.model()), as: UTF8.self)
        let range = try #require(text.range(of: "\"weights\":["))
        let digit = try #require(text[range.upperBound...].firstIndex { $0.isNumber && $0 != "0" })
        text.replaceSubrange(digit...digit, with: text[digit] == "9" ? "8" : "9")
        #expect {
            try RoutingModelFile.decode(Array(text.utf8), file: "m.json")
        } throws: { error in
            guard case ModelFileError.checksumMismatch(let file, _, _) = error else { return false }
            return file == "m.json"
                && "\(error)".contains("the file was changed or damaged after it was written; restore or retrain it")
        }
    }

    @Test func anotherSchemaVersionIsRefusedWithAClearMessage() throws {
        let text = String(decoding: try RoutingModelFile.encode(try RoutingFixtures.model()), as: UTF8.self)
            .replacingOccurrences(of: "\"schemaVersion\":1,\"sha256\"", with: "\"schemaVersion\":2,\"sha256\"")
        #expect(throws: ModelFileError.unsupportedSchemaVersion(file: "m.json", found: 2, supported: 1)) {
            try RoutingModelFile.decode(Array(text.utf8), file: "m.json")
        }
        #expect(
            ModelFileError.unsupportedSchemaVersion(file: "m.json", found: 2, supported: 1).description
                == "m.json: model schema version 2 is not supported (this switchyard reads version 1); "
                + "retrain the model with this version or use the switchyard that wrote it")
    }

    @Test func truncatedOrForeignFilesAreRefused() throws {
        let bytes = try RoutingModelFile.encode(try RoutingFixtures.model())
        #expect {
            try RoutingModelFile.decode(Array(bytes[..<(bytes.count / 2)]), file: "m.json")
        } throws: { error in
            if case ModelFileError.notJSON = error { return true }
            return false
        }
        #expect(throws: ModelFileError.notAModel(file: "x.json")) {
            try RoutingModelFile.decode(Array("{\"hello\": 1}".utf8), file: "x.json")
        }
        #expect(throws: ModelFileError.self) { try RoutingModelFile.read("/nonexistent/model.json") }
    }

    /// A payload that hashes correctly but does not hold together is refused too.
    @Test func anInconsistentPayloadIsRefusedEvenWithAValidChecksum() throws {
        var model = try RoutingFixtures.model()
        model.regression.weights.removeLast()
        let bytes = try RoutingModelFile.encode(model)
        #expect {
            try RoutingModelFile.decode(bytes, file: "m.json")
        } throws: { error in
            guard case ModelFileError.invalidPayload(_, let reason) = error else { return false }
            return reason.contains("weights are") && reason.contains("features need")
        }
        var shuffled = try RoutingModelFile.model()
        shuffled.features.dimension += 1
        #expect(throws: ModelFileError.self) { try RoutingModelFile.decode(try RoutingModelFile.encode(shuffled), file: "m.json") }
    }

    /// Found by FuzzModelFile: a cross naming one column passed the checks and crashed the
    /// scorer (index out of range) on the first exception routed.
    @Test func aCrossFeatureThatDoesNotPairTwoColumnsIsRefused() throws {
        let model = try RoutingFixtures.model()
        try #require(!model.features.crosses.isEmpty)
        var oneColumn = model
        oneColumn.features.crosses[0].columns.removeLast()
        oneColumn.features.crosses[0].edges.removeLast()
        var unsorted = model
        unsorted.features.crosses[0].edges[1] = [5, 1]
        for broken in [oneColumn, unsorted] {
            #expect {
                try RoutingModelFile.decode(try RoutingModelFile.encode(broken), file: "m.json")
            } throws: { error in
                guard case ModelFileError.invalidPayload(_, let reason) = error else { return false }
                return reason.contains("must pair two columns, each with ascending finite bin edges or none")
            }
        }
    }
}

extension RoutingModelFile {
    fileprivate static func model() throws -> RoutingModel { try RoutingFixtures.model() }
}
