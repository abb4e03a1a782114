import Routing

extension RoutingEndpoints {
    /// `POST /v1/route`: one exception object → one decision, audited.
    func route(body: UnsafeRawBufferPointer, identity: TokenIdentity, requestID: String) -> Reply {
        let model = models.current
        guard let base = body.baseAddress?.assumingMemoryBound(to: UInt8.self), body.count > 0 else {
            return .error(.badRequest("the body is empty; send one exception as a JSON object"), requestID: requestID)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: body.count) { scratch -> Reply in
            guard let scratchBase = scratch.baseAddress else {
                return .error(.badRequest("the body could not be read"), requestID: requestID)
            }
            var reader = JSONObjectReader(base, count: body.count, scratch: scratchBase)
            var members: [JSONMember] = []
            members.reserveCapacity(16)
            do throws(JSONSyntaxError) {
                try reader.readDocumentObject(into: &members)
            } catch {
                return .error(.invalidJSON(error), requestID: requestID)
            }
            switch score(members, model: model, path: "") {
            case .failure(let error):
                return .error(error, requestID: requestID)
            case .success(let (row, exceptionID)):
                var json = JSONBytes(capacity: 384)
                writeDecision(row, requestID: requestID, exceptionID: exceptionID, model: model, into: &json)
                audit.append(auditEntry(
                    row, requestID: requestID, token: identity.id, model: model, input: [UInt8](body), output: json.bytes,
                    at: ServiceClock.micros()))
                metrics.decisions(auto: row.decision == .auto ? 1 : 0, review: row.decision == .review ? 1 : 0)
                return .json(200, json.bytes, model: model)
            }
        }
    }

    /// Checks one exception's members and scores them; field paths start with `path`.
    func score(_ members: [JSONMember], model: ServingModel, path: String) -> Result<(ScoredRow, FieldSlice), ServiceError> {
        let checked: CheckedException
        switch RequestValidation.check(
            members, model: model, path: path, allowMissing: configuration.allowMissingFields,
            allowUnknownValues: configuration.allowUnknownValues)
        {
        case .failure(let problems):
            let fields = problems.fields
            let what = fields.count == 1 ? "1 field is" : "\(fields.count) fields are"
            return .failure(.badRequest("\(what) invalid: \(fields.map(\.description).joined(separator: "; "))", fields: fields))
        case .success(let c):
            checked = c
        }
        do {
            let row = try model.withScorer { scorer throws(RowProblem) -> ScoredRow in
                try checked.slots.withUnsafeBufferPointer { (slots) throws(RowProblem) -> ScoredRow in try scorer.score(slots) }
            }
            return .success((row, checked.exceptionID))
        } catch {
            let name = error.column.map { path.isEmpty ? $0 : path + "." + $0 } ?? (path.isEmpty ? "body" : path)
            let field = FieldError(field: name, message: error.reason + (error.found.map { ", found '\(RequestValidation.clip($0))'" } ?? ""))
            return .failure(.badRequest("1 field is invalid: \(field)", fields: [field]))
        }
    }
}
