import Routing

extension RoutingEndpoints {
    /// `POST /v1/route:batch`: `{"exceptions":[{…},…]}` (1 to `maxBatch`) → one decision per
    /// exception, in order, each with its own request id (`<batch id>.<index>`) and audit row.
    /// All or nothing: one invalid exception makes the whole batch a 400 naming it by index.
    func routeBatch(body: UnsafeRawBufferPointer, identity: TokenIdentity, requestID: String) -> Reply {
        let model = models.current
        guard let base = body.baseAddress?.assumingMemoryBound(to: UInt8.self), body.count > 0 else {
            return .error(.badRequest("the body is empty; send {\"exceptions\": [ … ]}"), requestID: requestID)
        }
        // Strings with escapes are unescaped up to three times (document, array, element).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: body.count * 3) { scratch -> Reply in
            guard let scratchBase = scratch.baseAddress else {
                return .error(.badRequest("the body could not be read"), requestID: requestID)
            }
            var reader = JSONObjectReader(base, count: body.count, scratch: scratchBase)
            var top: [JSONMember] = []
            do throws(JSONSyntaxError) {
                try reader.readDocumentObject(into: &top)
            } catch {
                return .error(.invalidJSON(error), requestID: requestID)
            }
            let key = Array("exceptions".utf8)
            guard let list = top.first(where: { $0.key.bytes.elementsEqual(key) }) else {
                let field = FieldError(field: "exceptions", message: "required: an array of exception objects")
                return .error(.badRequest("1 field is invalid: \(field)", fields: [field]), requestID: requestID)
            }
            guard list.kind == .array else {
                let field = FieldError(field: "exceptions", message: "expected an array, found \(list.kind.name)")
                return .error(.badRequest("1 field is invalid: \(field)", fields: [field]), requestID: requestID)
            }
            reader.i = list.offset
            let elements: [(offset: Int, kind: JSONMember.Kind)]
            do throws(JSONSyntaxError) {
                elements = try reader.readArray()
            } catch {
                return .error(.invalidJSON(error), requestID: requestID)
            }
            guard !elements.isEmpty, elements.count <= configuration.maxBatch else {
                let field = FieldError(
                    field: "exceptions",
                    message: "expected 1 to \(configuration.maxBatch) exceptions, found \(elements.count)")
                return .error(.badRequest("1 field is invalid: \(field)", fields: [field]), requestID: requestID)
            }
            var rows: [(ScoredRow, FieldSlice, Range<Int>)] = []
            rows.reserveCapacity(elements.count)
            var problems: [FieldError] = []
            var members: [JSONMember] = []
            for (index, element) in elements.enumerated() {
                let path = "exceptions[\(index)]"
                guard element.kind == .object else {
                    problems.append(FieldError(field: path, message: "expected an exception object, found \(element.kind.name)"))
                    continue
                }
                reader.i = element.offset
                members.removeAll(keepingCapacity: true)
                do throws(JSONSyntaxError) {
                    try reader.readObject(into: &members)
                } catch {
                    return .error(.invalidJSON(error), requestID: requestID)
                }
                switch score(members, model: model, path: path) {
                case .failure(let error): problems += error.fields
                case .success(let (row, id)): rows.append((row, id, element.offset..<reader.i))
                }
            }
            guard problems.isEmpty else {
                let what = problems.count == 1 ? "1 field is" : "\(problems.count) fields are"
                return .error(
                    .badRequest("\(what) invalid: \(problems.prefix(5).map(\.description).joined(separator: "; "))", fields: problems),
                    requestID: requestID)
            }
            var json = JSONBytes(capacity: 64 + rows.count * 384)
            json.raw("{")
            json.key("request_id")
            json.string(requestID)
            json.raw(",")
            json.key("model_id")
            json.string(model.id)
            json.raw(",")
            json.key("model_version")
            json.string(model.version)
            json.raw(",\"results\":[")
            var entries: [AuditEntry] = []
            entries.reserveCapacity(rows.count)
            let now = ServiceClock.micros()
            var auto = 0
            for (index, (row, id, range)) in rows.enumerated() {
                if index > 0 { json.raw(",") }
                let itemID = requestID + "." + String(index)
                var item = JSONBytes(capacity: 384)
                writeDecision(row, requestID: itemID, exceptionID: id, model: model, into: &item)
                json.raw(item.bytes)
                let input = [UInt8](UnsafeRawBufferPointer(rebasing: body[range]))
                entries.append(auditEntry(row, requestID: itemID, token: identity.id, model: model, input: input, output: item.bytes, at: now))
                if row.decision == .auto { auto += 1 }
            }
            json.raw("]}")
            audit.append(contentsOf: entries)
            metrics.decisions(auto: auto, review: rows.count - auto)
            return .json(200, json.bytes, model: model)
        }
    }
}
