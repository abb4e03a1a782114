import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end through the real binary: tokens, serve, route, override, audit, hot swap on
/// promote and SIGHUP, graceful shutdown on SIGTERM, and training on the overrides.
@Suite(.serialized) struct ServeCLITests {
    /// A workspace with a trained, promoted model (1) on the routing CLI tests' table, and tokens.
    struct Setup {
        var dir: URL
        var route: String
        var steward: String
    }

    func setUp() throws -> Setup {
        let dir = try CLI.temporaryDirectory()
        try RoutingCLITests.table(rows: 3000, seed: 1).write(to: dir.appendingPathComponent("table.csv"), atomically: true, encoding: .utf8)
        let train = try CLI.run(["train", "table.csv", "--table", "--out", "model.json", "--epochs", "5"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(try CLI.run(["promote", "1"], in: dir).status == 0)
        let route = try CLI.run(["tokens", "create", "--role", "route", "--name", "erp"], in: dir)
        let steward = try CLI.run(["tokens", "create", "--role", "steward"], in: dir)
        return Setup(
            dir: dir, route: route.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
            steward: steward.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func body(_ id: String, type: String = "credit_hold", region: String = "UK") -> String {
        "{\"exception_id\":\"\(id)\",\"exception_type\":\"\(type)\",\"region\":\"\(region)\",\"order_value\":1200,\"detected_at\":\"2025-02-03T10:00:00Z\"}"
    }

    @Test func tokensCreateListAndRevoke() throws {
        let dir = try CLI.temporaryDirectory()
        let created = try CLI.run(["tokens", "create", "--role", "steward", "--name", "ops", "--by", "ann"], in: dir)
        #expect(created.status == 0)
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("sy_") && secret.count == 51, "only the secret on stdout: \(created.stdout)")
        #expect(created.stderr == "token 1 (steward, ops) created in switchyard.sqlite; keep the secret above now, it is not shown again\n")
        #expect(try CLI.run(["tokens", "create", "--role", "route"], in: dir).status == 0)
        let bad = try CLI.run(["tokens", "create", "--role", "admin"], in: dir)
        #expect(bad.status == 2)
        let list = try CLI.run(["tokens", "list"], in: dir)
        #expect(list.stdout.contains("1   steward  ops   \(secret.prefix(9))…"))
        #expect(!list.stdout.contains(secret))
        #expect(list.stdout.components(separatedBy: "active").count == 3)
        let revoke = try CLI.run(["tokens", "revoke", "1"], in: dir)
        #expect(revoke.status == 0)
        #expect(revoke.stdout.hasPrefix("token 1 (steward) revoked at "))
        let again = try CLI.run(["tokens", "revoke", "1"], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: token 1 was already revoked at "))
        let missing = try CLI.run(["tokens", "revoke", "9"], in: dir)
        #expect(missing.stderr == "error: no token 9 in switchyard.sqlite (see `switchyard tokens list`)\n")
        #expect(try CLI.run(["tokens", "list"], in: dir).stdout.contains("revoked 20"))
    }

    @Test func serveRoutesAuditsAndFinishesInFlightRequestsOnSIGTERM() throws {
        let s = try setUp()
        let server = try Server(["serve", "--port", "0"], in: s.dir)
        let first = try server.send("POST", "/v1/route", token: s.route, json: Self.body("EX-1"))
        #expect(first.status == 200, "\(first.text)")
        let id = try #require(first.json["request_id"] as? String)
        #expect(first.json["model_id"] as? String == "1")

        // A request whose body is still arriving when SIGTERM comes must still be answered.
        let slow = try Connection(port: server.port)
        let body = Array(Self.body("EX-2").utf8)
        try slow.write(Connection.head("POST", "/v1/route", token: s.route, contentLength: body.count) + Array(body[..<20]))
        Thread.sleep(forTimeInterval: 0.3)
        kill(server.process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(server.process.isRunning, "the server waits for the request in flight")
        try slow.write(Array(body[20...]))
        let late = try slow.readReply()
        #expect(late.status == 200, "\(late.text)")
        let lateID = try #require(late.json["request_id"] as? String)
        let (status, stderr) = server.wait()
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("switchyard serve: stopped; in-flight requests finished and the audit log committed"))
        #expect(throws: (any Error).self) { try Connection(port: server.port) }

        let audit = try CLI.run(["audit"], in: s.dir)
        #expect(audit.stdout.hasPrefix("2 decisions ("), "\(audit.stdout)")
        #expect(audit.stdout.contains(id) && audit.stdout.contains(lateID), "the late request was audited before exit")
        let json = try CLI.run(["audit", "--request-id", lateID, "--json"], in: s.dir)
        let row = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(row["kind"] as? String == "decision")
        #expect(row["token_id"] as? Int == 1)
        #expect((row["input"] as? [String: Any])?["exception_id"] as? String == "EX-2")
        #expect((row["output"] as? [String: Any])?["request_id"] as? String == lateID)
    }

    @Test func promoteAndSIGHUPSwapTheModelOfARunningServer() throws {
        let s = try setUp()
        let retrain = try CLI.run(["train", "table.csv", "--table", "--out", "model2.json", "--epochs", "5", "--hash-bits", "6", "--crosses", "none"], in: s.dir)
        #expect(retrain.status == 0, "\(retrain.stderr)")
        let server = try Server(["serve", "--port", "0", "--poll-interval", "0.2"], in: s.dir)
        defer { _ = server.stop() }
        #expect(try server.send("POST", "/v1/route", token: s.route, json: Self.body("A")).json["model_id"] as? String == "1")
        let promote = try CLI.run(["promote", "2", "--force", "--reason", "retrained"], in: s.dir)
        #expect(promote.status == 0, "\(promote.stderr)")
        var swapped = false
        for _ in 0..<50 where !swapped {
            Thread.sleep(forTimeInterval: 0.1)
            swapped = try server.send("POST", "/v1/route", token: s.route, json: Self.body("B")).json["model_id"] as? String == "2"
        }
        #expect(swapped, "model 2 answers within the poll interval after `switchyard promote`")

        // A server pinned to a file re-reads it on SIGHUP.
        let pinned = try Server(["serve", "--port", "0", "--model", "served.json", "--pin"], in: s.dir, copy: ("model.json", "served.json"))
        defer { _ = pinned.stop() }
        let before = try pinned.send("POST", "/v1/route", token: s.route, json: Self.body("C")).headers["x-model-version"]
        #expect(before?.hasPrefix("1@") == true)
        try FileManager.default.removeItem(at: s.dir.appendingPathComponent("served.json"))
        try FileManager.default.copyItem(at: s.dir.appendingPathComponent("model2.json"), to: s.dir.appendingPathComponent("served.json"))
        kill(pinned.process.processIdentifier, SIGHUP)
        var after: String?
        for _ in 0..<50 where after == nil || after == before {
            Thread.sleep(forTimeInterval: 0.1)
            after = try pinned.send("POST", "/v1/route", token: s.route, json: Self.body("D")).headers["x-model-version"]
        }
        #expect(after?.hasPrefix("2@") == true, "\(after ?? "nil")")
        #expect(pinned.process.isRunning, "SIGHUP reloads, it does not stop the server")
    }

    @Test func trainWithOverridesLearnsFromCorrections() throws {
        let s = try setUp()
        let server = try Server(["serve", "--port", "0"], in: s.dir)
        var relabel = 0
        for i in 0..<6 {
            let decision = try server.send("POST", "/v1/route", token: s.route, json: Self.body("EX-\(i)"))
            let id = try #require(decision.json["request_id"] as? String)
            let reply = try server.send("POST", "/v1/decisions/\(id)/override", token: s.steward, json: "{\"owner\":\"compliance\",\"reason\":\"new team\"}")
            #expect(reply.status == 201, "\(reply.text)")
            #expect(reply.json["known_owner"] as? Bool == false)
            relabel += 1
        }
        let fresh = try server.send("POST", "/v1/route", token: s.route, json: Self.body("NEW-1"))
        let freshID = try #require(fresh.json["request_id"] as? String)
        #expect(try server.send("POST", "/v1/decisions/\(freshID)/override", token: s.steward, json: "{\"owner\":\"compliance\"}").status == 201)
        _ = server.stop()
        let overrides = try CLI.run(["audit", "--kind", "override"], in: s.dir)
        #expect(overrides.stdout.hasPrefix("7 decisions (") && overrides.stdout.contains("), 7 overrides in switchyard.sqlite"))

        let train = try CLI.run(["train", "table.csv", "--table", "--out", "m2.json", "--epochs", "5", "--with-overrides", "--json"], in: s.dir)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("note: overrides used as labels: \(relabel) relabelled, 0 already agreed, 1 added as new rows"), "\(train.stderr)")
        let models = try CLI.run(["models"], in: s.dir)
        #expect(models.stdout.contains("2   candidate"), "\(models.stdout)")
        let info = try CLI.run(["route", "m2.json", "-", "--format", "jsonl", "--output", "jsonl"], in: s.dir, stdin: Data((Self.body("X") + "\n").utf8))
        #expect(info.status == 0, "\(info.stderr)")
    }
}

/// The real `switchyard serve` in a child process, on the port it printed.
final class Server {
    let process = Process()
    let port: Int
    private let errors = Pipe()

    init(_ args: [String], in dir: URL, copy: (String, String)? = nil) throws {
        if let (from, to) = copy {
            try FileManager.default.copyItem(at: dir.appendingPathComponent(from), to: dir.appendingPathComponent(to))
        }
        process.executableURL = CLI.productsDirectory.appendingPathComponent("switchyard")
        process.arguments = args
        process.currentDirectoryURL = dir
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "listening on http://127.0.0.1:"),
            let port = Int(text[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw HTTPError(description: "no 'listening on' line: \(text)")
        }
        self.port = port
    }

    func send(_ method: String, _ path: String, token: String? = nil, json: String? = nil) throws -> Reply {
        let c = try Connection(port: port)
        let body = Array((json ?? "").utf8)
        try c.write(Connection.head(method, path, token: token, contentLength: json == nil ? nil : body.count) + body)
        return try c.readReply()
    }

    /// Waits for the process; its exit status and stderr.
    func wait() -> (Int32, String) {
        process.waitUntilExit()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, err)
    }

    /// SIGTERM and wait.
    func stop() -> (Int32, String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        return wait()
    }
}

struct HTTPError: Error, CustomStringConvertible {
    var description: String
}

struct Reply {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
}

/// A minimal blocking HTTP/1.1 client on one loopback connection.
final class Connection {
    let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, rc == 0 else {
            close(fd)
            throw HTTPError(description: "cannot connect to port \(port)")
        }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    static func head(_ method: String, _ path: String, token: String?, contentLength: Int?) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        if let token { text += "Authorization: Bearer \(token)\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    func write(_ bytes: [UInt8]) throws {
        let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { send(fd, $0, raw.count, Int32(MSG_NOSIGNAL)) } ?? 0 }
        guard n == bytes.count else { throw HTTPError(description: "short write") }
    }

    func readReply() throws -> Reply {
        let separator: [UInt8] = [13, 10, 13, 10]
        func headEnd() -> Int? {
            guard pending.count >= 4 else { return nil }
            return (0...(pending.count - 4)).first { Array(pending[$0..<($0 + 4)]) == separator }
        }
        while headEnd() == nil { try fill() }
        guard let end = headEnd() else { throw HTTPError(description: "no head") }
        let lines = String(decoding: pending[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.first?.dropFirst(9).prefix(3) ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while pending.count < end + 4 + length { try fill() }
        let body = Array(pending[(end + 4)..<(end + 4 + length)])
        pending.removeFirst(end + 4 + length)
        return Reply(status: status, headers: headers, body: body)
    }

    private func fill() throws {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { throw HTTPError(description: "connection closed") }
        pending += buffer[0..<n]
    }
}
