/// A JSON value with ordered object keys, written with ``Escape/json(_:)``; used for the
/// notebook, whose readers expect keys in Jupyter's order and one-space indentation.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text(indent: nil) == b.text(indent: nil) }

    /// A string split into lines that keep their `\n`, as Jupyter stores multi-line text.
    public static func lines(_ text: String) -> JSONValue {
        var out: [JSONValue] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == "\n" {
                out.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { out.append(.string(current)) }
        return .array(out)
    }

    /// The JSON text; `indent` spaces per level (`nil` = compact).
    public func text(indent: Int? = 1) -> String {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return out
    }

    private func write(into out: inout String, level: Int, indent: Int?) {
        func newline(_ l: Int) {
            guard let indent else { return }
            out += "\n" + String(repeating: " ", count: l * indent)
        }
        switch self {
        case .string(let s): out += "\"" + Escape.json(s) + "\""
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                item.write(into: &out, level: level + 1, indent: indent)
            }
            newline(level)
            out += "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { return out += "{}" }
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                out += "\"" + Escape.json(pair.0) + "\":" + (indent == nil ? "" : " ")
                pair.1.write(into: &out, level: level + 1, indent: indent)
            }
            newline(level)
            out += "}"
        }
    }
}
