import Foundation
import Hummingbird

/// The HTTP face of ``RoutingEndpoints`` on Hummingbird: matches method and path, reads the
/// body within the size limit, and turns every outcome — including a thrown error — into a JSON
/// answer with an `X-Request-Id` (and `X-Model-Version` when a model answered). One `switch`
/// instead of a router: seven fixed paths, and nothing between the socket and the handler.
struct ServiceResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let endpoints: RoutingEndpoints

    private static let requestIDHeader = HTTPFields.Element.Name("X-Request-Id")
    private static let modelHeader = HTTPFields.Element.Name("X-Model-Version")

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ServiceClock.monotonicNanos()
        let id = endpoints.requestIDs.next()
        let (endpoint, reply) = await answer(request, id: id)
        endpoints.metrics.record(endpoint, status: reply.status, seconds: Double(ServiceClock.monotonicNanos() - start) / 1e9)
        return Self.response(reply, id: id)
    }

    /// The endpoint a path names (`other` for none).
    static func endpoint(path: String) -> (Endpoint, decisionID: String?) {
        switch path {
        case Endpoint.route.rawValue: return (.route, nil)
        case Endpoint.routeBatch.rawValue: return (.routeBatch, nil)
        case Endpoint.modelsCurrent.rawValue: return (.modelsCurrent, nil)
        case Endpoint.healthz.rawValue: return (.healthz, nil)
        case Endpoint.metrics.rawValue: return (.metrics, nil)
        case Endpoint.openapi.rawValue: return (.openapi, nil)
        default:
            let prefix = "/v1/decisions/", suffix = "/override"
            if path.hasPrefix(prefix), path.hasSuffix(suffix), path.count > prefix.count + suffix.count {
                let id = String(path.dropFirst(prefix.count).dropLast(suffix.count))
                if !id.contains("/") { return (.override, id) }
            }
            return (.other, nil)
        }
    }

    private func answer(_ request: Request, id: String) async -> (Endpoint, Reply) {
        var path = request.uri.path
        if path.utf8.contains(0x25), let decoded = path.removingPercentEncoding { path = decoded }
        let (endpoint, decisionID) = Self.endpoint(path: path)
        let method = request.method
        let allowed = endpoint.method == "POST" ? method == .post : method == .get
        do {
            switch endpoint {
            case .route, .routeBatch:
                guard allowed else { throw ServiceError.methodNotAllowed(endpoint.method) }
                try endpoints.checkAuditBacklog()
                let identity = try endpoints.admit(authorization: request.headers[.authorization], requires: .route)
                let body = try await readBody(request)
                let reply = body.withUnsafeReadableBytes { bytes in
                    endpoint == .route
                        ? endpoints.route(body: bytes, identity: identity, requestID: id)
                        : endpoints.routeBatch(body: bytes, identity: identity, requestID: id)
                }
                return (endpoint, reply)
            case .override:
                guard allowed else { throw ServiceError.methodNotAllowed(endpoint.method) }
                let identity = try endpoints.admit(authorization: request.headers[.authorization], requires: .steward)
                let body = try await readBody(request)
                let parsed = body.withUnsafeReadableBytes { OverrideRequest.parse($0) }
                let input = body.withUnsafeReadableBytes { [UInt8]($0) }
                return (endpoint, await endpoints.override(decision: decisionID ?? "", parsed: parsed, input: input, identity: identity, id: id))
            case .modelsCurrent:
                guard allowed else { throw ServiceError.methodNotAllowed(endpoint.method) }
                _ = try endpoints.admit(authorization: request.headers[.authorization], requires: .steward)
                return (endpoint, endpoints.currentModel(requestID: id))
            case .healthz:
                guard allowed else { throw ServiceError.methodNotAllowed(endpoint.method) }
                return (endpoint, endpoints.health())
            case .metrics:
                guard allowed else { throw ServiceError.methodNotAllowed(endpoint.method) }
                return (endpoint, endpoints.metricsText())
            case .openapi:
                guard allowed else { throw ServiceError.methodNotAllowed(endpoint.method) }
                return (endpoint, endpoints.openAPI())
            case .other:
                throw ServiceError.notFound("no endpoint \(method.rawValue) \(RequestValidation.clip(path)); see /openapi.json")
            }
        } catch let error as ServiceError {
            return (endpoint, .error(error, requestID: id))
        } catch {
            return (endpoint, .error(ServiceError(status: 500, code: "internal", message: "\(error)"), requestID: id))
        }
    }

    /// The body, refused with 415 when it is declared as something other than JSON and with 413
    /// as soon as it is known to exceed the limit (from `Content-Length`, or while reading).
    private func readBody(_ request: Request) async throws -> ByteBuffer {
        let limit = endpoints.configuration.maxBodyBytes
        if let type = request.headers[.contentType], !type.lowercased().contains("json") {
            throw ServiceError.unsupportedMediaType(type)
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw ServiceError.tooLarge(limit: limit)
        }
        var buffer = ByteBuffer()
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            guard total <= limit else { throw ServiceError.tooLarge(limit: limit) }
            if buffer.readableBytes == 0 && total == chunk.readableBytes {
                buffer = chunk
            } else {
                var chunk = chunk
                buffer.writeBuffer(&chunk)
            }
        }
        return buffer
    }

    private static func response(_ reply: Reply, id: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        if let name = requestIDHeader { headers[name] = id }
        if let model = reply.model, let name = modelHeader { headers[name] = model.id + "@" + model.version }
        for (key, value) in reply.headers {
            if let name = HTTPFields.Element.Name(key) { headers[name] = value }
        }
        return Response(status: status(reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    private static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: return .ok
        case 201: return .created
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 413: return .contentTooLarge
        case 415: return .unsupportedMediaType
        case 429: return .tooManyRequests
        case 503: return .serviceUnavailable
        default: return .internalServerError
        }
    }
}
