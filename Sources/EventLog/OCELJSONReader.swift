/// Reads OCEL JSON: OCEL 2.0 (`objectTypes`, `eventTypes`, `objects`, `events`) and
/// OCEL 1.0 (`ocel:events`, `ocel:objects` with `ocel:omap`/`ocel:vmap`/`ocel:ovmap`).
///
/// The document is walked twice without building it whole: once to find the top-level
/// members, then to read the type declarations and stream objects and events one at a time.
enum OCELJSONReader {
    static func read(_ path: String, bytes: [UInt8], into a: inout OCELLogAssembler) throws(ImportError) {
        do {
            try bytes.withUnsafeBytes { raw in
                var p = OCELJSONParser(raw)
                try readDocument(path, &p, &a)
            }
        } catch let error as ImportError {
            throw error
        } catch let error as OCELJSONSyntaxError {
            let kind: ImportError.Kind
            switch error.kind {
            case .truncated: kind = .truncated
            case .encoding: kind = .invalidEncoding
            case .tooDeep: kind = .tooLarge
            case .syntax: kind = .malformedRow
            }
            throw ImportError(kind, file: path, line: error.line, found: error.found, reason: "malformed JSON: \(error.message)")
        } catch {
            throw ImportError(.unreadable, file: path, reason: "\(error)")
        }
    }

    /// The top-level members: where each value starts, and the names in file order.
    private struct TopLevel {
        var path: String
        var line: Int
        var start: [String: OCELJSONParser.Position] = [:]
        var keys: [String] = []
    }

    /// Pass 1 notes where each top-level member starts (skipping values); pass 2 reads the
    /// declarations first, then streams objects and events one at a time.
    private static func readDocument(_ path: String, _ p: inout OCELJSONParser, _ a: inout OCELLogAssembler) throws {
        guard p.peek() == 0x7B else {
            let root = try p.value()
            throw ImportError(.invalidValue, file: path, line: 1, expected: expectedTop, found: root.kindName, reason: "not an OCEL JSON document")
        }
        var top = TopLevel(path: path, line: p.line)
        try p.enterObject()
        var first = true
        while let key = try p.nextMember(first: &first) {
            if top.start[key] == nil {
                top.start[key] = p.position
                top.keys.append(key)
            }
            try p.skipValue()
        }
        try p.end()
        if top.start["events"] != nil || top.start["objects"] != nil || top.start["objectTypes"] != nil {
            try readOCEL2(top, &p, &a)
        } else if top.start["ocel:events"] != nil || top.start["ocel:objects"] != nil {
            try readOCEL1(top, &p, &a)
        } else {
            throw ImportError(
                .missingColumn, file: path, line: top.line, column: "events", expected: expectedTop,
                found: top.keys.prefix(8).joined(separator: ", "), reason: "no OCEL events in this JSON document")
        }
    }

    private static let expectedTop =
        "an object with 'objectTypes', 'eventTypes', 'objects' and 'events' (OCEL 2.0) or 'ocel:events' and 'ocel:objects' (OCEL 1.0)"

    // MARK: OCEL 2.0

    private static func readOCEL2(_ top: TopLevel, _ p: inout OCELJSONParser, _ a: inout OCELLogAssembler) throws {
        let path = top.path
        if let at = top.start["eventTypes"] {
            p.seek(to: at)
            a.eventAttributeTypes = declaredTypes(try p.value())
        }
        if let at = top.start["objectTypes"] {
            p.seek(to: at)
            a.objectAttributeTypes = declaredTypes(try p.value())
        }
        try elements(of: "objects", top, &p) { item, n in
            guard let o = item.object, let id = scalarText(o["id"]), let type = o["type"]?.string else {
                throw ImportError(
                    .missingColumn, file: path, line: item.object?.line ?? top.line, column: "objects[\(n)]",
                    expected: "an object with string 'id' and 'type'", reason: "object \(n + 1) has no id or type")
            }
            guard let index = a.addObject(id: id, type: type) else { return }
            for attr in o["attributes"]?.array ?? [] {
                guard let ao = attr.object, let name = ao["name"]?.string else { continue }
                let time = a.attributeTime(ao["time"]?.string)
                a.setObjectAttribute(index, name, ao["value"]?.attributeValue, time: time)
            }
            for rel in o["relationships"]?.array ?? [] {
                guard let ro = rel.object, let target = scalarText(ro["objectId"]) else { continue }
                a.addObjectToObject(index, objectID: target, qualifier: ro["qualifier"]?.string)
            }
        }
        try elements(of: "events", top, &p) { item, n in
            guard let e = item.object else {
                try a.rejectEvent(
                    line: top.line, raw: "events[\(n)]", column: nil,
                    reason: "events[\(n)] is \(item.kindName), expected an object", kind: .malformedRow)
                return
            }
            let id = scalarText(e["id"])
            let locator = "event '\(id ?? "events[\(n)]")'"
            guard let index = try a.addEvent(id: id, type: e["type"]?.string, time: e["time"]?.string, line: e.line, locator: locator)
            else { return }
            for attr in e["attributes"]?.array ?? [] {
                guard let ao = attr.object, let name = ao["name"]?.string else { continue }
                a.setEventAttribute(index, name, ao["value"]?.attributeValue)
            }
            for rel in e["relationships"]?.array ?? [] {
                guard let ro = rel.object, let target = scalarText(ro["objectId"]) else { continue }
                a.addEventToObject(index, objectID: target, qualifier: ro["qualifier"]?.string)
            }
        }
        // Checked last, so that a syntax error in what is there is reported first.
        for key in ["events", "objects"] where top.start[key] == nil { throw missing(top, key, "OCEL 2.0") }
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

    private static func readOCEL1(_ top: TopLevel, _ p: inout OCELJSONParser, _ a: inout OCELLogAssembler) throws {
        let path = top.path
        try members(of: "ocel:objects", top, &p) { id, item in
            guard let o = item.object, let type = o["ocel:type"]?.string else {
                throw ImportError(
                    .missingColumn, file: path, line: item.object?.line ?? top.line, column: "ocel:type",
                    expected: "a string 'ocel:type'", reason: "object '\(id)' has no type")
            }
            guard let index = a.addObject(id: id, type: type) else { return }
            for m in o["ocel:ovmap"]?.object?.members ?? [] {
                a.setObjectAttribute(index, m.key, m.value.attributeValue, time: nil)
            }
        }
        try members(of: "ocel:events", top, &p) { id, item in
            guard let e = item.object else {
                try a.rejectEvent(
                    line: top.line, raw: "event '\(id)'", column: nil,
                    reason: "event '\(id)' is \(item.kindName), expected an object", kind: .malformedRow)
                return
            }
            guard let index = try a.addEvent(
                id: id, type: e["ocel:activity"]?.string, time: e["ocel:timestamp"]?.string, line: e.line, locator: "event '\(id)'")
            else { return }
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
        for key in ["ocel:events", "ocel:objects"] where top.start[key] == nil { throw missing(top, key, "OCEL 1.0") }
    }

    // MARK: Helpers

    private static func missing(_ top: TopLevel, _ key: String, _ version: String) -> ImportError {
        ImportError(
            .missingColumn, file: top.path, line: top.line, column: key, expected: expectedTop,
            found: top.keys.prefix(8).joined(separator: ", "), reason: "the \(version) document has no '\(key)'")
    }

    /// Calls `body` with each element (and its index) of the top-level array `key`.
    private static func elements(
        of key: String, _ top: TopLevel, _ p: inout OCELJSONParser, _ body: (OCELJSONValue, Int) throws -> Void
    ) throws {
        guard let at = top.start[key] else { return }
        p.seek(to: at)
        guard p.peek() == 0x5B else {
            throw ImportError(
                .invalidValue, file: top.path, line: p.line, column: key, expected: "an array", found: try p.value().kindName,
                reason: "'\(key)' is not an array")
        }
        try p.enterArray()
        var first = true
        var n = 0
        while try p.nextElement(first: &first) {
            try body(try p.value(), n)
            n += 1
        }
    }

    /// Calls `body` with each member (name and value) of the top-level object `key`.
    private static func members(
        of key: String, _ top: TopLevel, _ p: inout OCELJSONParser, _ body: (String, OCELJSONValue) throws -> Void
    ) throws {
        guard let at = top.start[key] else { return }
        p.seek(to: at)
        guard p.peek() == 0x7B else {
            throw ImportError(
                .invalidValue, file: top.path, line: p.line, column: key, expected: "an object keyed by id",
                found: try p.value().kindName, reason: "'\(key)' is not an object")
        }
        try p.enterObject()
        var first = true
        while let id = try p.nextMember(first: &first) { try body(id, try p.value()) }
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
