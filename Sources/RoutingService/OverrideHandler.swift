import EventLog
import Routing

/// An override as a person (or the ERP) sends it.
struct OverrideRequest: Sendable {
    var owner: String
    var reason: String?
    var by: String?

    /// Reads `{"owner": …, "reason": …, "by": …}`; unknown keys are refused (a typo must not
    /// silently drop the correction).
    static func parse(_ body: UnsafeRawBufferPointer) -> Result<OverrideRequest, ServiceError> {
        guard let base = body.baseAddress?.assumingMemoryBound(to: UInt8.self), body.count > 0 else {
            return .failure(.badRequest("the body is empty; send {\"owner\": \"…\", \"reason\": \"…\"}"))
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: body.count) { scratch in
            guard let scratchBase = scratch.baseAddress else { return .failure(.badRequest("the body could not be read")) }
            var reader = JSONObjectReader(base, count: body.count, scratch: scratchBase)
            var members: [JSONMember] = []
            do throws(JSONSyntaxError) {
                try reader.readDocumentObject(into: &members)
            } catch {
                return .failure(.invalidJSON(error))
            }
            var values: [String: String] = [:]
            var errors: [FieldError] = []
            let limits = ["owner": 200, "reason": 2000, "by": 200]
            for m in members {
                let key = RequestValidation.text(m.key)
                guard let limit = limits[key] else {
                    errors.append(FieldError(field: key, message: "unknown field; expected owner, reason, by"))
                    continue
                }
                guard values[key] == nil else {
                    errors.append(FieldError(field: key, message: "appears more than once"))
                    continue
                }
                switch m.kind {
                case .null: continue
                case .string: break
                default:
                    errors.append(FieldError(field: key, message: "expected a string, found \(m.kind.name)"))
                    continue
                }
                let text = RequestValidation.text(m.value)
                guard text.utf8.count <= limit else {
                    errors.append(FieldError(field: key, message: "longer than \(limit) bytes"))
                    continue
                }
                values[key] = text
            }
            if (values["owner"] ?? "").allSatisfy({ $0 == " " }) && !errors.contains(where: { $0.field == "owner" }) {
                errors.append(FieldError(field: "owner", message: "required: the owner that actually took the exception"))
            }
            guard errors.isEmpty, let owner = values["owner"] else {
                let what = errors.count == 1 ? "1 field is" : "\(errors.count) fields are"
                return .failure(.badRequest("\(what) invalid: \(errors.map(\.description).joined(separator: "; "))", fields: errors))
            }
            return .success(OverrideRequest(owner: owner, reason: values["reason"], by: values["by"]))
        }
    }
}

extension RoutingEndpoints {
    /// `POST /v1/decisions/{request_id}/override` (steward): records the owner that actually took
    /// a routed exception, with the original decision, as an override row in the audit table.
    /// Answers once the row is committed.
    func override(decision requestID: String, parsed: Result<OverrideRequest, ServiceError>, input: [UInt8], identity: TokenIdentity, id: String) async -> Reply {
        let request: OverrideRequest
        switch parsed {
        case .failure(let error): return .error(error, requestID: id)
        case .success(let r): request = r
        }
        guard !requestID.isEmpty, requestID.utf8.count <= 100 else {
            return .error(.notFound("no decision with request id '\(RequestValidation.clip(requestID))'"), requestID: id)
        }
        let knownOwner = models.current.model.classes.contains(request.owner)
        let token = identity
        do {
            let output: [UInt8]? = try await audit.withDatabase { database in
                var filter = AuditTable.Filter()
                filter.requestID = requestID
                filter.kind = .decision
                filter.limit = 1
                guard let original = try AuditTable.query(database, filter: filter).first else { return nil }
                let now = ServiceClock.micros()
                var json = JSONBytes(capacity: 512)
                json.raw("{")
                json.key("request_id")
                json.string(requestID)
                json.raw(",")
                json.key("owner")
                json.string(request.owner)
                json.raw(",")
                json.key("known_owner")
                json.raw(knownOwner ? "true" : "false")
                json.raw(",")
                json.key("reason")
                json.optionalString(request.reason)
                json.raw(",")
                json.key("by")
                json.optionalString(request.by ?? token.name)
                json.raw(",")
                json.key("token_id")
                json.integer(token.id)
                json.raw(",")
                json.key("recorded_at")
                json.string(Timestamp.iso8601(now))
                json.raw(",\"original\":{")
                json.key("owner")
                json.optionalString(original.owner)
                json.raw(",")
                json.key("decision")
                json.string(original.decision)
                json.raw(",")
                json.key("model_id")
                json.optionalString(original.modelID)
                json.raw(",")
                json.key("model_version")
                json.optionalString(original.modelVersion)
                json.raw(",")
                json.key("at")
                json.string(original.at)
                json.raw("}}")
                let entry = AuditEntry(
                    requestID: requestID, kind: .override, tokenID: token.id, modelID: original.modelID ?? "",
                    modelVersion: original.modelVersion ?? "", input: input, output: json.bytes, owner: request.owner,
                    decision: "override", at: now)
                try AuditTable.append([entry], to: database)
                return json.bytes
            }
            guard let output else {
                return .error(
                    .notFound("no decision with request id '\(RequestValidation.clip(requestID))' in the audit log"), requestID: id)
            }
            metrics.override()
            return .json(201, output)
        } catch {
            return .error(.unavailable("the override could not be written to the audit log: \(error)"), requestID: id)
        }
    }
}
