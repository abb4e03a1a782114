import EventLog
import Foundation

/// Why a model file was refused. Every case names the file and says what to do.
public enum ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case notJSON(file: String, reason: String)
    case notAModel(file: String)
    case unsupportedSchemaVersion(file: String, found: Int, supported: Int)
    case checksumMismatch(file: String, expected: String, actual: String)
    case invalidPayload(file: String, reason: String)
    case unwritable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let f, let r): return "\(f): cannot read the model file: \(r)"
        case .notJSON(let f, let r): return "\(f): not a model file (not valid JSON: \(r))"
        case .notAModel(let f):
            return "\(f): not a Switchyard routing model (no \"format\": \"\(RoutingModelFile.format)\" header)"
        case .unsupportedSchemaVersion(let f, let found, let supported):
            return "\(f): model schema version \(found) is not supported (this switchyard reads version \(supported)); "
                + "retrain the model with this version or use the switchyard that wrote it"
        case .checksumMismatch(let f, let expected, let actual):
            return "\(f): checksum mismatch: the header says sha256 \(expected.prefix(12))…, the payload hashes to "
                + "\(actual.prefix(12))…; the file was changed or damaged after it was written; restore or retrain it"
        case .invalidPayload(let f, let r): return "\(f): the model payload is invalid: \(r)"
        case .unwritable(let f, let r): return "\(f): cannot write the model file: \(r)"
        }
    }
}

/// The model file: a versioned JSON envelope whose payload is covered by a SHA-256.
///
/// Layout, on one line: `{"format":"switchyard-routing-model","schemaVersion":1,"sha256":"…","payload":{…}}`.
/// The checksum is over the payload's bytes exactly as written (sorted keys, no whitespace),
/// so any edit of the payload — a weight, a class name, a threshold — is detected. Loading
/// checks format, schema version, checksum, then the payload's internal consistency.
public enum RoutingModelFile {
    public static let format = "switchyard-routing-model"

    private struct Header: Decodable {
        var format: String?
        var schemaVersion: Int?
        var sha256: String?
    }

    /// The payload bytes of `model` (canonical JSON) and their SHA-256.
    public static func payload(_ model: RoutingModel) throws -> (bytes: [UInt8], sha256: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        let bytes = [UInt8](try encoder.encode(model))
        return (bytes, SHA256.hex(bytes))
    }

    /// The whole file's bytes.
    public static func encode(_ model: RoutingModel) throws -> [UInt8] {
        let (payload, sha) = try self.payload(model)
        let head = "{\"format\":\"\(format)\",\"schemaVersion\":\(model.schemaVersion),\"sha256\":\"\(sha)\",\"payload\":"
        return Array(head.utf8) + payload + Array("}\n".utf8)
    }

    /// Writes `model` to `path` atomically (temporary file, then rename). Returns the payload SHA-256.
    @discardableResult
    public static func write(_ model: RoutingModel, to path: String) throws(ModelFileError) -> String {
        do {
            let bytes = try encode(model)
            let url = URL(fileURLWithPath: path)
            let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
            try Data(bytes).write(to: temp)
            guard rename(temp.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw ModelFileError.unwritable(file: path, reason: reason)
            }
            return try payload(model).sha256
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw .unwritable(file: path, reason: "\(error)")
        }
    }

    /// Reads and verifies the model at `path`.
    public static func read(_ path: String) throws(ModelFileError) -> RoutingModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try decode([UInt8](data), file: path).model
    }

    /// Verifies and decodes file bytes; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFileError) -> (model: RoutingModel, sha256: String) {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes))
        } catch {
            throw .notJSON(file: file, reason: describe(error))
        }
        guard header.format == format else { throw .notAModel(file: file) }
        guard let version = header.schemaVersion else { throw .invalidPayload(file: file, reason: "no schemaVersion") }
        guard version == RoutingModel.currentSchemaVersion else {
            throw .unsupportedSchemaVersion(file: file, found: version, supported: RoutingModel.currentSchemaVersion)
        }
        guard let expected = header.sha256 else { throw .invalidPayload(file: file, reason: "no sha256 in the header") }
        guard let range = payloadRange(bytes) else {
            throw .invalidPayload(file: file, reason: "no \"payload\" object after the header")
        }
        let actual = SHA256.hex(bytes[range])
        guard actual == expected.lowercased() else {
            throw .checksumMismatch(file: file, expected: expected, actual: actual)
        }
        let model: RoutingModel
        do {
            model = try JSONDecoder().decode(RoutingModel.self, from: Data(bytes[range]))
        } catch {
            throw .invalidPayload(file: file, reason: describe(error))
        }
        do {
            try model.validate()
        } catch {
            throw .invalidPayload(file: file, reason: error.description)
        }
        return (model, actual)
    }

    /// Bytes after the first `"payload":` up to the last `}` of the envelope.
    private static func payloadRange(_ bytes: [UInt8]) -> Range<Int>? {
        let key = Array("\"payload\":".utf8)
        guard bytes.count > key.count else { return nil }
        var start: Int?
        for i in 0...(bytes.count - key.count) where bytes[i] == key[0] && Array(bytes[i..<(i + key.count)]) == key {
            start = i + key.count
            break
        }
        guard let start else { return nil }
        var end = bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20) { end -= 1 }
        guard end > start, bytes[end - 1] == 0x7D else { return nil }
        end -= 1
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20) { end -= 1 }
        return start < end ? start..<end : nil
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing key '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "wrong type at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))': \(ctx.debugDescription)"
        case DecodingError.dataCorrupted(let ctx):
            return ctx.debugDescription
        default:
            return "\(error)"
        }
    }
}
