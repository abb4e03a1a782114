import Foundation
import Yams

/// Reads lifecycle profiles from JSON or YAML files, or by preset name, and validates them.
///
/// The format follows the extension (`.json`; `.yaml`/`.yml`); anything else is read as
/// JSON when it starts with `{`, else as YAML. Decoding and validation problems become a
/// ``ProfileError`` naming the field, what was expected and what was found.
public enum ProfileLoader {
    /// A preset name (`orders`, `itsm`) or a path to a profile file.
    public static func resolve(_ spec: String) throws(ProfileError) -> LifecycleProfile {
        if let preset = Presets.named(spec) { return preset }
        if FileManager.default.fileExists(atPath: spec) { return try load(path: spec) }
        throw ProfileError(
            source: spec,
            problems: [
                .init(
                    field: "(file)",
                    message: "expected a preset (" + Presets.names.joined(separator: ", ")
                        + ") or an existing .json/.yaml file, found neither")
            ])
    }

    /// Reads and validates the profile at `path`.
    public static func load(path: String) throws(ProfileError) -> LifecycleProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProfileError(source: path, problems: [.init(field: "(file)", message: "cannot read the file")])
        }
        let lower = path.lowercased()
        let yaml: Bool
        if lower.hasSuffix(".json") {
            yaml = false
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            yaml = true
        } else {
            yaml = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) } != UInt8(ascii: "{")
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try decode(data, yaml: yaml, source: path, defaultName: stem)
    }

    /// Decodes and validates a profile from bytes. A profile without `name` takes `defaultName`
    /// (else `custom`).
    public static func decode(
        _ data: Data, yaml: Bool, source: String, defaultName: String? = nil
    ) throws(ProfileError) -> LifecycleProfile {
        var profile: LifecycleProfile
        do {
            if yaml {
                guard let text = String(validating: data, as: UTF8.self) else {
                    // Decoding would turn the bad bytes into U+FFFD and names would silently never match.
                    throw ProfileError(
                        source: source, problems: [.init(field: "(file)", message: "not UTF-8 text (save the profile as UTF-8)")])
                }
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw ProfileError(source: source, problems: [.init(field: "(file)", message: "the file is empty")])
                }
                if let line = YAMLKeyCheck.firstComplexKey(text) {
                    throw ProfileError(
                        source: source,
                        problems: [.init(
                            field: "(file)",
                            message: "line \(line): a mapping key that is not plain text (`? key`, a list, a mapping or an alias "
                                + "used as a key); profiles use names as keys")])
                }
                profile = try YAMLDecoder().decode(LifecycleProfile.self, from: text)
            } else {
                profile = try JSONDecoder().decode(LifecycleProfile.self, from: data)
            }
        } catch let error as ProfileError {
            throw error
        } catch let error as DecodingError {
            throw ProfileError(source: source, problems: [problem(for: error, format: yaml ? "YAML" : "JSON")])
        } catch {
            let kind = yaml ? "YAML" : "JSON"
            throw ProfileError(
                source: source, problems: [.init(field: "(file)", message: "not valid \(kind): \(error)")])
        }
        if profile.name.isEmpty { profile.name = defaultName ?? "custom" }
        try profile.validate(source: source)
        return profile
    }

    /// Turns a decoding error into a field-named problem.
    static func problem(for error: DecodingError, format: String) -> ProfileError.Problem {
        switch error {
        case .typeMismatch(let type, let ctx):
            return .init(field: fieldPath(ctx.codingPath), message: "expected " + expectation(type, ctx.codingPath))
        case .valueNotFound(let type, let ctx):
            return .init(
                field: fieldPath(ctx.codingPath), message: "expected " + expectation(type, ctx.codingPath) + ", found null")
        case .keyNotFound(let key, let ctx):
            return .init(field: fieldPath(ctx.codingPath + [key]), message: "required field is missing")
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                var detail = ctx.debugDescription
                if let underlying = ctx.underlyingError {
                    detail = underlying is YamlError ? "\(underlying)" : (underlying as NSError).localizedDescription
                }
                // libyaml quotes the offending line, which a hostile file can make megabytes long.
                if detail.count > 300 { detail = String(detail.prefix(300)) + "…" }
                return .init(field: "(file)", message: "not valid \(format): \(detail)")
            }
            return .init(field: fieldPath(ctx.codingPath), message: ctx.debugDescription)
        @unknown default:
            return .init(field: "(file)", message: "\(error)")
        }
    }

    private static func expectation(_ type: Any.Type, _ path: [CodingKey]) -> String {
        if path.count >= 2, path[0].stringValue == "roles" {
            return "an activity name or a mapping {activity, transition}"
        }
        switch type {
        case is String.Type: return "text"
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is [Any].Type, is [String].Type, is [RoleMatcher].Type: return "a list"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping of names to values" }
            return "a mapping"
        }
    }
}
