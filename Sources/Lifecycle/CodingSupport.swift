import Foundation

/// A coding key for any string or integer, used to list and report keys.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) {
        stringValue = string
        intValue = nil
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws when the object being decoded has a key outside `allowed`, so a typo such as
    /// `resolvd` is reported instead of silently ignored. Does nothing for non-objects.
    func rejectUnknownKeys(allowed: [String]) throws {
        guard let c = try? container(keyedBy: AnyCodingKey.self) else { return }
        for key in c.allKeys where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath + [key],
                    debugDescription: "unknown field; expected one of " + allowed.joined(separator: ", ")))
        }
    }
}

/// Renders a coding path as `roles.resolved[2]`.
func fieldPath(_ path: [CodingKey]) -> String {
    var out = ""
    for key in path {
        if let i = key.intValue {
            out += "[\(i)]"
        } else {
            out += out.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return out.isEmpty ? "(top level)" : out
}
