/// A problem with one field of a request body.
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    /// JSON path of the field, e.g. `order_value` or `exceptions[3].region`.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// An error answer of the service: HTTP status, a stable machine-readable code, a message a
/// client developer can act on, and the fields at fault. Rendered as
/// `{"error":code,"message":…,"fields":[{"field":…,"message":…}],"request_id":…}`.
struct ServiceError: Error {
    var status: Int
    var code: String
    var message: String
    var fields: [FieldError] = []
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    var headers: [(String, String)] = []

    static func badRequest(_ message: String, fields: [FieldError] = []) -> ServiceError {
        ServiceError(status: 400, code: "invalid_request", message: message, fields: fields)
    }

    static func invalidJSON(_ error: JSONSyntaxError) -> ServiceError {
        ServiceError(status: 400, code: "invalid_json", message: "the body is not valid JSON: \(error.message) (byte \(error.offset))")
    }

    static func unauthorized(_ message: String) -> ServiceError {
        ServiceError(status: 401, code: "unauthorized", message: message, headers: [("WWW-Authenticate", "Bearer realm=\"switchyard\"")])
    }

    static func forbidden(_ message: String) -> ServiceError {
        ServiceError(status: 403, code: "forbidden", message: message)
    }

    static func notFound(_ message: String) -> ServiceError {
        ServiceError(status: 404, code: "not_found", message: message)
    }

    static func methodNotAllowed(_ allowed: String) -> ServiceError {
        ServiceError(status: 405, code: "method_not_allowed", message: "use \(allowed) on this path", headers: [("Allow", allowed)])
    }

    static func tooLarge(limit: Int) -> ServiceError {
        ServiceError(
            status: 413, code: "body_too_large",
            message: "the body is larger than the limit of \(limit) bytes; send fewer exceptions per request",
            headers: [("Connection", "close")])
    }

    static func unsupportedMediaType(_ found: String) -> ServiceError {
        ServiceError(status: 415, code: "unsupported_media_type", message: "send Content-Type: application/json (found '\(found)')")
    }

    static func rateLimited(retryAfter: Int, limit: Double) -> ServiceError {
        ServiceError(
            status: 429, code: "rate_limited",
            message: "this token is limited to \(JSONBytesFormat.rate(limit)) requests per second; retry after \(retryAfter) s",
            headers: [("Retry-After", String(retryAfter))])
    }

    static func unavailable(_ message: String) -> ServiceError {
        ServiceError(status: 503, code: "unavailable", message: message, headers: [("Retry-After", "1")])
    }

    /// The JSON body.
    func body(requestID: String?) -> [UInt8] {
        var json = JSONBytes(capacity: 256)
        json.raw("{")
        json.key("error")
        json.string(code)
        json.raw(",")
        json.key("message")
        json.string(message)
        json.raw(",")
        json.key("fields")
        json.raw("[")
        for (k, f) in fields.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{")
            json.key("field")
            json.string(f.field)
            json.raw(",")
            json.key("message")
            json.string(f.message)
            json.raw("}")
        }
        json.raw("]")
        json.raw(",")
        json.key("request_id")
        json.optionalString(requestID)
        json.raw("}")
        return json.bytes
    }
}

/// Number formats used in messages.
enum JSONBytesFormat {
    static func rate(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
