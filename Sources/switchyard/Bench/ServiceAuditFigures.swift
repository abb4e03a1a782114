import Foundation

/// The audit side of a server's `GET /metrics` (Prometheus text): how many decisions it
/// answered and how many audit rows it committed, so a benchmark can show that every
/// decision it caused was audited.
struct ServiceAuditFigures: Equatable {
    /// `POST /v1/route` requests answered with 200.
    var routeAnswered = 0
    /// Exceptions routed (auto + review).
    var decisions = 0
    /// Audit rows committed to the workspace.
    var auditWritten = 0
    /// Audit rows queued, not yet committed.
    var backlog = 0
    var commitFailures = 0

    /// The figures in a metrics text; `nil` when one of them is missing.
    static func parse(_ text: String) -> ServiceAuditFigures? {
        var values: [Substring: Int] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[line[..<space]] = Int(value)
        }
        guard let written = values["switchyard_audit_rows_written_total"], let backlog = values["switchyard_audit_backlog"] else {
            return nil
        }
        return ServiceAuditFigures(
            routeAnswered: values["switchyard_requests_total{endpoint=\"/v1/route\",status=\"200\"}"] ?? 0,
            decisions: (values["switchyard_decisions_total{decision=\"auto\"}"] ?? 0) + (values["switchyard_decisions_total{decision=\"review\"}"] ?? 0),
            auditWritten: written, backlog: backlog, commitFailures: values["switchyard_audit_commit_failures_total"] ?? 0)
    }

    /// Reads the server's metrics.
    static func fetch(port: Int) throws -> ServiceAuditFigures {
        let client = HTTPLoadClient(port: port)
        let request = HTTPRequestBytes.make(method: "GET", path: "/metrics", host: "127.0.0.1", port: port, token: nil, json: nil)
        let status: Int
        do {
            status = try request.withUnsafeBytes { bytes throws(HTTPLoadError) in try client.exchange(bytes) }
        } catch {
            throw CLIError("GET /metrics: \(error)")
        }
        let text = String(decoding: client.body, as: UTF8.self)
        guard status == 200, let figures = parse(text) else {
            throw CLIError("GET /metrics answered \(status) without the audit figures: \(text.prefix(300))")
        }
        return figures
    }

    /// Reads the metrics until the audit backlog is empty and the rows written have caught up
    /// with the decisions (or `timeout` seconds pass); returns the last reading.
    static func settled(port: Int, timeout: Double) throws -> ServiceAuditFigures {
        let deadline = Date().addingTimeInterval(timeout)
        var figures = try fetch(port: port)
        while (figures.backlog > 0 || figures.auditWritten < figures.decisions) && Date() < deadline {
            usleep(50_000)
            figures = try fetch(port: port)
        }
        return figures
    }
}
