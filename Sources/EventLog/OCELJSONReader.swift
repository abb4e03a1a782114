/// Reads OCEL JSON: OCEL 2.0 (`objectTypes`, `eventTypes`, `objects`, `events`) and
/// OCEL 1.0 (`ocel:events`, `ocel:objects` with `ocel:omap`/`ocel:vmap`/`ocel:ovmap`).
///
/// The whole file is parsed into a tree first (OCEL JSON has no streaming structure worth
/// exploiting), so memory is a few times the file size.
enum OCELJSONReader {
    static func read(_ path: String, bytes: [UInt8], into a: inout OCELLogAssembler) throws(ImportError) {
        let root: OCELJSONValue
        do {
            root = try OCELJSONParser.parse(bytes)
        } catch {
            let kind: ImportError.Kind
            switch error.kind {
            case .truncated: kind = .truncated
            case .encoding: kind = .invalidEncoding
            case .tooDeep: kind = .tooLarge
            case .syntax: kind = .malformedRow
            }
            throw ImportError(kind, file: path, line: error.line, found: error.found, reason: "malformed JSON: \(error.message)")
        }
        guard let top = root.object else {
            throw ImportError(
                .invalidValue, file: path, line: 1, expected: expectedTop, found: root.kindName,
                reason: "not an OCEL JSON document")
        }
        if top["events"] != nil || top["objects"] != nil || top["objectTypes"] != nil {
            try readOCEL2(path, top, into: &a)
        } else if top["ocel:events"] != nil || top["ocel:objects"] != nil {
            try readOCEL1(path, top, into: &a)
        } else {
            throw ImportError(
                .missingColumn, file: path, line: top.line, column: "events", expected: expectedTop,
                found: top.members.prefix(8).map(\.key).joined(separator: ", "), reason: "no OCEL events in this JSON document")
        }
    }

    private static let expectedTop =
        "an object with 'objectTypes', 'eventTypes', 'objects' and 'events' (OCEL 2.0) or 'ocel:events' and 'ocel:objects' (OCEL 1.0)"

    // MARK: OCEL 2.0

    private static func readOCEL2(_ path: String, _ top: OCELJSONObject, into a: inout OCELLogAssembler) throws(ImportError) {
        let events = try requiredArray(path, top, "events")
        let objects = try requiredArray(path, top, "objects")
        a.eventAttributeTypes = declaredTypes(top["eventTypes"])
        a.objectAttributeTypes = declaredTypes(top["objectTypes"])

        for (n, item) in objects.enumerated() {
            guard let o = item.object, let id = scalarText(o["id"]), let type = o["type"]?.string else {
                let line = item.object?.line ?? top.line
                throw ImportError(
                    .missingColumn, file: path, line: line, column: "objects[\(n)]",
                    expected: "an object with string 'id' and 'type'", reason: "object \(n + 1) has no id or type")
            }
            guard let index = a.addObject(id: id, type: type) else { continue }
            for attr in o["attributes"]?.array ?? [] {
                guard let ao = attr.object, let name = ao["name"]?.string else { continue }
                let time = ao["time"]?.string.flatMap { a.parseTime($0) }
                a.setObjectAttribute(index, name, ao["value"]?.attributeValue, time: time)
            }
            for rel in o["relationships"]?.array ?? [] {
                guard let ro = rel.object, let target = scalarText(ro["objectId"]) else { continue }
                a.addObjectToObject(index, objectID: target, qualifier: ro["qualifier"]?.string)
            }
        }
        for (n, item) in events.enumerated() {
            guard let e = item.object else {
                try a.rejectEvent(
                    line: top.line, raw: "events[\(n)]", column: nil,
                    reason: "events[\(n)] is \(item.kindName), expected an object", kind: .malformedRow)
                continue
            }
            let id = scalarText(e["id"])
            let locator = "event '\(id ?? "events[\(n)]")'"
            guard let index = try a.addEvent(id: id, type: e["type"]?.string, time: e["time"]?.string, line: e.line, locator: locator)
            else { continue }
            for attr in e["attributes"]?.array ?? [] {
                guard let ao = attr.object, let name = ao["name"]?.string else { continue }
                a.setEventAttribute(index, name, ao["value"]?.attributeValue)
            }
            for rel in e["relationships"]?.array ?? [] {
                guard let ro = rel.object, let target = scalarText(ro["objectId"]) else { continue }
                a.addEventToObject(index, objectID: target, qualifier: ro["qualifier"]?.string)
            }
        }
    }

    /// Attribute name → declared type from `eventTypes`/`objectTypes`.
    private static func declaredTypes(_ value: OCELJSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        for t in value?.array ?? [] {
            for attr in t.object?["attributes"]?.array ?? [] {
                if let o = attr.object, let name = o["name"]?.string, let type = o["type"]?.string { out[name] = type.lowercased() }
            }
        }
        return out
    }

    // MARK: OCEL 1.0

    private static func readOCEL1(_ path: String, _ top: OCELJSONObject, into a: inout OCELLogAssembler) throws(ImportError) {
        let events = try requiredObject(path, top, "ocel:events")
        let objects = try requiredObject(path, top, "ocel:objects")
        for (id, item) in objects.members.map({ ($0.key, $0.value) }) {
            guard let o = item.object, let type = o["ocel:type"]?.string else {
                throw ImportError(
                    .missingColumn, file: path, line: item.object?.line ?? objects.line, column: "ocel:type",
                    expected: "a string 'ocel:type'", reason: "object '\(id)' has no type")
            }
            guard let index = a.addObject(id: id, type: type) else { continue }
            for m in o["ocel:ovmap"]?.object?.members ?? [] {
                a.setObjectAttribute(index, m.key, m.value.attributeValue, time: nil)
            }
        }
        for (id, item) in events.members.map({ ($0.key, $0.value) }) {
            guard let e = item.object else {
                try a.rejectEvent(
                    line: events.line, raw: "event '\(id)'", column: nil,
                    reason: "event '\(id)' is \(item.kindName), expected an object", kind: .malformedRow)
                continue
            }
            guard let index = try a.addEvent(
                id: id, type: e["ocel:activity"]?.string, time: e["ocel:timestamp"]?.string, line: e.line, locator: "event '\(id)'")
            else { continue }
            for m in e["ocel:vmap"]?.object?.members ?? [] {
                a.setEventAttribute(index, m.key, m.value.attributeValue)
            }
            for target in e["ocel:omap"]?.array ?? [] {
                if let oid = scalarText(target) { a.addEventToObject(index, objectID: oid, qualifier: nil) }
            }
            for rel in e["ocel:typedOmap"]?.array ?? [] {
                guard let ro = rel.object, let oid = scalarText(ro["ocel:oid"]) else { continue }
                a.addEventToObject(index, objectID: oid, qualifier: ro["ocel:qualifier"]?.string)
            }
        }
    }

    // MARK: Helpers

    private static func requiredArray(_ path: String, _ top: OCELJSONObject, _ key: String) throws(ImportError) -> [OCELJSONValue] {
        guard let value = top[key] else {
            throw ImportError(
                .missingColumn, file: path, line: top.line, column: key, expected: expectedTop,
                found: top.members.prefix(8).map(\.key).joined(separator: ", "), reason: "the OCEL 2.0 document has no '\(key)'")
        }
        guard let array = value.array else {
            throw ImportError(
                .invalidValue, file: path, line: top.line, column: key, expected: "an array", found: value.kindName,
                reason: "'\(key)' is not an array")
        }
        return array
    }

    private static func requiredObject(_ path: String, _ top: OCELJSONObject, _ key: String) throws(ImportError) -> OCELJSONObject {
        guard let value = top[key] else {
            throw ImportError(
                .missingColumn, file: path, line: top.line, column: key, expected: expectedTop,
                found: top.members.prefix(8).map(\.key).joined(separator: ", "), reason: "the OCEL 1.0 document has no '\(key)'")
        }
        guard let object = value.object else {
            throw ImportError(
                .invalidValue, file: path, line: top.line, column: key, expected: "an object keyed by id",
                found: value.kindName, reason: "'\(key)' is not an object")
        }
        return object
    }

    /// An id given as a string or a number.
    private static func scalarText(_ value: OCELJSONValue?) -> String? {
        switch value {
        case .string(let s): s
        case .int(let v): String(v)
        default: nil
        }
    }
}
