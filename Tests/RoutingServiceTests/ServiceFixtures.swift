import EventLog
import Foundation
import Routing
import Testing

@testable import RoutingService

/// Models trained once per test process on synthetic exceptions with a known answer, and a
/// helper that starts a real server on a free loopback port over a fresh workspace.
enum ServiceFixtures {
    static let data = SyntheticRoutingData(rows: 4000, seed: 21)

    /// Two different models of the same inputs (different hashing), so a swap is visible.
    private static let models: Result<[RoutingModel], RoutingError> = Result { () throws(RoutingError) -> [RoutingModel] in
        var out: [RoutingModel] = []
        for bits in [6, 7] {
            var c = RoutingTrainingConfiguration()
            c.features = FeatureConfig(hashed: ["customer_id"], hashBits: bits)
            c.training.maxEpochs = 8
            c.createdAt = 1_750_000_000_000_000
            out.append(try RoutingTraining.train(data.input, configuration: c))
        }
        return out
    }

    static func model(_ index: Int = 0) throws -> RoutingModel { try models.get()[index] }

    /// Row `r` of the synthetic data as the JSON body of `/v1/route`.
    static func body(row r: Int, id: String? = nil) -> String {
        let input = data.input
        var fields: [String] = ["\"exception_id\":\"\(id ?? input.ids[r])\""]
        for c in input.categorical {
            if let v = c.value(at: r) { fields.append("\"\(c.name)\":\"\(v)\"") } else { fields.append("\"\(c.name)\":null") }
        }
        for c in input.numeric { fields.append("\"\(c.name)\":\(c.values[r])") }
        fields.append("\"detected_at\":\"\(Timestamp.iso8601(input.detectedAt[r]))\"")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Row `r` as field name → text, for scoring in-process.
    static func fields(row r: Int) -> [String: String] {
        let input = data.input
        var out: [String: String] = ["detected_at": Timestamp.iso8601(input.detectedAt[r])]
        for c in input.categorical { if let v = c.value(at: r) { out[c.name] = v } }
        for c in input.numeric { out[c.name] = String(c.values[r]) }
        return out
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// A running server over a fresh workspace with model 1 promoted (model 2 registered as a
/// candidate), a route token and a steward token.
final class TestServer: @unchecked Sendable {
    let directory: URL
    let workspacePath: String
    let server: RoutingServer
    let routeToken: String
    let stewardToken: String
    let routeTokenID: Int64
    let stewardTokenID: Int64
    private(set) var port = 0
    private var task: Task<Void, Error>?

    init(_ configure: (inout ServiceConfiguration) -> Void = { _ in }) async throws {
        directory = try ServiceFixtures.temporaryDirectory()
        workspacePath = directory.appendingPathComponent("switchyard.sqlite").path
        let workspace = try Workspace(path: workspacePath)
        let registry = try ModelRegistry(workspace: workspace)
        let first = try registry.register(try ServiceFixtures.model(0), path: nil, actor: "test")
        try registry.register(try ServiceFixtures.model(1), path: nil, actor: "test")
        try registry.promote(first.id, actor: "test", reason: nil, details: nil)
        let tokens = try TokenStore(workspace: workspace)
        let route = try tokens.create(role: .route, name: "middleware", by: "test")
        let steward = try tokens.create(role: .steward, name: "ops", by: "test")
        (routeToken, routeTokenID) = (route.secret, route.token.id)
        (stewardToken, stewardTokenID) = (steward.secret, steward.token.id)
        var configuration = ServiceConfiguration(workspace: workspacePath)
        configuration.port = 0
        configuration.rateLimit = 100_000
        configuration.pollInterval = 30
        configure(&configuration)
        server = try RoutingServer(configuration: configuration)
        let server = self.server
        port = try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Int, Error>) in
            let once = Once()
            task = Task {
                do {
                    try await server.runUntilCancelled { port in if once.first() { ready.resume(returning: port) } }
                } catch {
                    if once.first() { ready.resume(throwing: error) }
                    throw error
                }
            }
        }
    }

    /// Runs `body` against a fresh server and always stops it afterwards.
    static func with(
        _ configure: (inout ServiceConfiguration) -> Void = { _ in }, _ body: (TestServer) async throws -> Void
    ) async throws {
        let server = try await TestServer(configure)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A second connection to the same workspace, as another process would have.
    func workspace() throws -> Workspace { try Workspace(path: workspacePath, create: false) }

    func request(_ method: String, _ path: String, token: String? = nil, json: String? = nil, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await Blocking.request(port: port, method, path, token: token, json: json, headers: headers)
    }

    func route(_ body: String) async throws -> HTTPReply {
        try await request("POST", "/v1/route", token: routeToken, json: body)
    }

    /// Stops the server and removes the workspace.
    func stop() async {
        task?.cancel()
        _ = try? await task?.value
        try? FileManager.default.removeItem(at: directory)
    }
}

/// True the first time only (guards a continuation against a second resume).
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    /// Whether ``first()`` was called.
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done
    }

    func first() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
