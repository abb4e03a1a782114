import Foundation

/// Checks a decoded JSON value against a JSON Schema (2020-12) subset, the subset the service's
/// OpenAPI document uses: `$ref` to components, `type` (one or several), `properties`,
/// `required`, `additionalProperties` (boolean or schema), `items`, `enum`, `oneOf`, `minItems`,
/// `maxItems`, `minimum`, `maximum`, `minLength`, `maxLength`. Returns every violation with its path.
struct SchemaValidator {
    let document: [String: Any]

    func validate(_ value: Any, against schema: [String: Any], path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            guard let resolved = resolve(ref) else { return ["\(path): unresolvable $ref \(ref)"] }
            return validate(value, against: resolved, path: path)
        }
        var problems: [String] = []
        if let one = schema["oneOf"] as? [[String: Any]] {
            let matching = one.filter { validate(value, against: $0, path: path).isEmpty }.count
            if matching != 1 { problems.append("\(path): matches \(matching) of the oneOf schemas, expected exactly 1") }
        }
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [(types as? String) ?? ""]
            guard allowed.contains(where: { Self.has(value, type: $0) }) else {
                return problems + ["\(path): expected \(allowed.joined(separator: " or ")), found \(Self.describe(value))"]
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(path): '\(value)' is not one of \(options)")
        }
        if let object = value as? [String: Any], !(value is NSNull) {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): required property '\(key)' is missing")
            }
            for (key, item) in object {
                if let sub = properties[key] as? [String: Any] {
                    problems += validate(item, against: sub, path: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool, Self.isBoolean(extra) {
                        if !allowed { problems.append("\(path): property '\(key)' is not in the schema") }
                    } else if let sub = extra as? [String: Any] {
                        problems += validate(item, against: sub, path: "\(path).\(key)")
                    }
                }
            }
        }
        if let array = value as? [Any] {
            if let min = schema["minItems"] as? Int, array.count < min { problems.append("\(path): \(array.count) items, minimum \(min)") }
            if let max = schema["maxItems"] as? Int, array.count > max { problems.append("\(path): \(array.count) items, maximum \(max)") }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { problems += validate(item, against: items, path: "\(path)[\(i)]") }
            }
        }
        if let number = value as? Double, !Self.isBoolean(value), !(value is String) {
            if let min = schema["minimum"] as? Double, number < min { problems.append("\(path): \(number) < minimum \(min)") }
            if let max = schema["maximum"] as? Double, number > max { problems.append("\(path): \(number) > maximum \(max)") }
        }
        if let text = value as? String {
            if let min = schema["minLength"] as? Int, text.count < min { problems.append("\(path): shorter than \(min)") }
            if let max = schema["maxLength"] as? Int, text.count > max { problems.append("\(path): longer than \(max)") }
        }
        return problems
    }

    func resolve(_ ref: String) -> [String: Any]? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    /// Foundation decodes `true`/`false` as a boolean NSNumber; tell it from 0 and 1.
    static func isBoolean(_ value: Any) -> Bool { String(describing: type(of: value)).contains("Boolean") || value is Bool && !(value is NSNumber) }

    static func has(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBoolean(value)
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "integer":
            guard !isBoolean(value), !(value is String), let d = value as? Double else { return false }
            return d == d.rounded()
        case "number": return !isBoolean(value) && !(value is String) && value is Double
        default: return false
        }
    }

    static func describe(_ value: Any) -> String {
        for t in ["null", "boolean", "string", "object", "array", "number"] where has(value, type: t) { return t }
        return "\(type(of: value))"
    }
}
