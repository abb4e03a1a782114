/// Reads OCEL XML: OCEL 2.0 (`<object-types>`, `<event-types>`, `<objects>`, `<events>` with
/// `id`/`type`/`time` attributes) and OCEL 1.0 (`<event>` with `<string key="id">`,
/// `<date key="timestamp">`, `<list key="omap">`, `<list key="vmap">`).
enum OCELXMLReader {
    static func read(_ path: String, bytes: [UInt8], into a: inout OCELLogAssembler) throws(ImportError) {
        let root: OCELXMLElement
        do {
            root = try OCELXMLScanner.parse(bytes)
        } catch {
            let kind: ImportError.Kind
            switch error.kind {
            case .syntax: kind = .malformedXML
            case .truncated: kind = .truncated
            case .refused: kind = .refusedDeclaration
            case .encoding: kind = .invalidEncoding
            case .tooDeep: kind = .tooLarge
            }
            throw ImportError(kind, file: path, line: error.line, reason: error.message)
        }
        guard root.name == "log" else {
            throw ImportError(
                .malformedXML, file: path, line: root.line, expected: "an OCEL root element <log>", found: "<\(root.name)>",
                reason: "not an OCEL XML document")
        }
        guard let events = root.child("events") else {
            throw ImportError(
                .missingColumn, file: path, line: root.line, column: "events",
                expected: "<events> inside <log>", found: root.children.map { "<\($0.name)>" }.joined(separator: " "),
                reason: "no OCEL events in this XML document")
        }
        let isOCEL2 = root.child("object-types") != nil || root.child("event-types") != nil
            || events.children.first?["id"] != nil
        if isOCEL2 {
            try readOCEL2(root, events, into: &a)
        } else {
            try readOCEL1(root, events, into: &a)
        }
    }

    // MARK: OCEL 2.0

    private static func readOCEL2(_ root: OCELXMLElement, _ events: OCELXMLElement, into a: inout OCELLogAssembler) throws(ImportError) {
        a.eventAttributeTypes = declaredTypes(root.child("event-types"))
        a.objectAttributeTypes = declaredTypes(root.child("object-types"))
        for o in root.child("objects")?.children("object") ?? [] {
            guard let id = o["id"], let type = o["type"] else {
                throw ImportError(
                    .missingColumn, file: a.path, line: o.line, column: o["id"] == nil ? "id" : "type",
                    expected: "<object id=\"…\" type=\"…\">", reason: "an object has no id or type")
            }
            guard let index = a.addObject(id: id, type: type) else { continue }
            for attr in o.child("attributes")?.children("attribute") ?? [] {
                guard let name = attr["name"] else { continue }
                let time = a.attributeTime(attr["time"])
                a.setObjectAttribute(index, name, .string(attr.text), time: time)
            }
            for rel in o.child("objects")?.children("relationship") ?? [] {
                if let target = rel["object-id"] { a.addObjectToObject(index, objectID: target, qualifier: rel["qualifier"]) }
            }
        }
        for e in events.children("event") {
            let locator = "event '\(e["id"] ?? "?")' at line \(e.line)"
            guard let index = try a.addEvent(id: e["id"], type: e["type"], time: e["time"], line: e.line, locator: locator)
            else { continue }
            for attr in e.child("attributes")?.children("attribute") ?? [] {
                if let name = attr["name"] { a.setEventAttribute(index, name, .string(attr.text)) }
            }
            for rel in e.child("objects")?.children("relationship") ?? [] {
                if let target = rel["object-id"] { a.addEventToObject(index, objectID: target, qualifier: rel["qualifier"]) }
            }
        }
    }

    /// Attribute name → declared type from `<event-types>`/`<object-types>`.
    private static func declaredTypes(_ types: OCELXMLElement?) -> [String: String] {
        var out: [String: String] = [:]
        for t in types?.children ?? [] {
            for attr in t.child("attributes")?.children("attribute") ?? [] {
                if let name = attr["name"], let type = attr["type"] { out[name] = type.lowercased() }
            }
        }
        return out
    }

    // MARK: OCEL 1.0

    private static func readOCEL1(_ root: OCELXMLElement, _ events: OCELXMLElement, into a: inout OCELLogAssembler) throws(ImportError) {
        for o in root.child("objects")?.children("object") ?? [] {
            let fields = keyed(o)
            guard let id = fields["id"]?["value"], let type = fields["type"]?["value"] else {
                throw ImportError(
                    .missingColumn, file: a.path, line: o.line, column: fields["id"] == nil ? "id" : "type",
                    expected: "<string key=\"id\" value=\"…\"/> and <string key=\"type\" value=\"…\"/>",
                    reason: "an object has no id or type")
            }
            guard let index = a.addObject(id: id, type: type) else { continue }
            for v in fields["ovmap"]?.children ?? [] {
                if let name = v["key"] { a.setObjectAttribute(index, name, typedValue(v, &a), time: nil) }
            }
        }
        for e in events.children("event") {
            let fields = keyed(e)
            let id = fields["id"]?["value"]
            let locator = "event '\(id ?? "?")' at line \(e.line)"
            guard let index = try a.addEvent(
                id: id, type: fields["activity"]?["value"], time: fields["timestamp"]?["value"], line: e.line, locator: locator)
            else { continue }
            for v in fields["vmap"]?.children ?? [] {
                if let name = v["key"] { a.setEventAttribute(index, name, typedValue(v, &a)) }
            }
            for target in fields["omap"]?.children ?? [] {
                if let oid = target["value"] { a.addEventToObject(index, objectID: oid, qualifier: nil) }
            }
        }
    }

    /// Children by their `key` attribute (`id`, `type`, `activity`, `timestamp`, `omap`, …).
    private static func keyed(_ element: OCELXMLElement) -> [String: OCELXMLElement] {
        var out: [String: OCELXMLElement] = [:]
        for c in element.children {
            if let key = c["key"], out[key] == nil { out[key] = c }
        }
        return out
    }

    /// An OCEL 1.0 typed value: `<string|int|float|boolean|date key value>`.
    private static func typedValue(_ v: OCELXMLElement, _ a: inout OCELLogAssembler) -> AttributeValue? {
        guard let text = v["value"] else { return nil }
        switch v.name {
        case "int": return Int64(text).map { .int($0) } ?? .string(text)
        case "float": return Double(text).map { .float($0) } ?? .string(text)
        case "boolean": return text.lowercased() == "true" ? .bool(true) : text.lowercased() == "false" ? .bool(false) : .string(text)
        case "date": return a.parseTime(text).map { .date($0) } ?? .string(text)
        default: return .string(text)
        }
    }
}
