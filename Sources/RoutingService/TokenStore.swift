import EventLog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a token may do. A steward may also route.
public enum TokenRole: String, Sendable, CaseIterable {
    /// `POST /v1/route`, `POST /v1/route:batch`.
    case route
    /// Also overrides and `GET /v1/models/current`.
    case steward

    /// Whether a token of this role may use an endpoint that needs `required`.
    public func allows(_ required: TokenRole) -> Bool { self == .steward || required == .route }
}

/// A bearer token as the workspace knows it; the secret itself is never stored, only its SHA-256.
public struct ServiceToken: Sendable, Equatable {
    public var id: Int64
    public var name: String?
    public var role: TokenRole
    /// The first characters of the secret, to recognise it in lists (`sy_1a2b3c…`).
    public var prefix: String
    public var createdAt: String
    public var createdBy: String?
    public var revokedAt: String?
    public var revokedBy: String?

    public var isRevoked: Bool { revokedAt != nil }
}

/// Why a token operation failed.
public struct TokenStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Bearer tokens in the workspace (table `service_tokens`, created if absent): create (the
/// secret is shown once and stored as its SHA-256), list, revoke. Secrets are 192 random bits,
/// so a plain SHA-256 is as good as a slow password hash here. Not thread-safe (one connection).
public final class TokenStore {
    public let database: SQLiteDatabase

    /// The store on a SQLite connection (its table is created if absent).
    public init(database: SQLiteDatabase) throws(SQLiteError) {
        self.database = database
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS service_tokens (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              name TEXT,
              role TEXT NOT NULL CHECK (role IN ('route', 'steward')),
              token_sha256 TEXT NOT NULL UNIQUE,
              prefix TEXT NOT NULL,
              created_at TEXT NOT NULL,
              created_by TEXT,
              revoked_at TEXT,
              revoked_by TEXT
            );
            """)
    }

    /// The store of a workspace.
    public convenience init(workspace: Workspace) throws(SQLiteError) {
        try self.init(database: workspace.database)
    }

    /// The SHA-256 (hex) under which a secret is stored.
    public static func hash(_ secret: String) -> String { SHA256.hex(secret) }

    /// Creates a token; returns the secret (shown once, never stored) and its record.
    public func create(role: TokenRole, name: String?, by actor: String?) throws -> (secret: String, token: ServiceToken) {
        let secret = TokenStore.newSecret()
        let now = Timestamp.iso8601(ServiceClock.micros())
        let stmt = try database.prepare(
            "INSERT INTO service_tokens (name, role, token_sha256, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)")
        stmt.bind(1, name)
        stmt.bind(2, role.rawValue)
        stmt.bind(3, TokenStore.hash(secret))
        stmt.bind(4, String(secret.prefix(9)))
        stmt.bind(5, now)
        stmt.bind(6, actor)
        try stmt.step()
        let id = database.lastInsertRowID
        guard let token = try list().first(where: { $0.id == id }) else {
            throw TokenStoreError(description: "token \(id) vanished right after it was created")
        }
        return (secret, token)
    }

    /// Revokes token `id` (takes effect in a running server at its next poll).
    @discardableResult
    public func revoke(id: Int64, by actor: String?) throws -> ServiceToken {
        guard let token = try list().first(where: { $0.id == id }) else {
            throw TokenStoreError(description: "no token \(id) in \(database.path) (see `switchyard tokens list`)")
        }
        guard !token.isRevoked else {
            throw TokenStoreError(description: "token \(id) was already revoked at \(token.revokedAt ?? "?")")
        }
        let stmt = try database.prepare("UPDATE service_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
        stmt.bind(1, Timestamp.iso8601(ServiceClock.micros()))
        stmt.bind(2, actor)
        stmt.bind(3, id)
        try stmt.step()
        return try list().first(where: { $0.id == id }) ?? token
    }

    /// Every token, oldest first.
    public func list() throws(SQLiteError) -> [ServiceToken] {
        let stmt = try database.prepare(
            "SELECT id, name, role, prefix, created_at, created_by, revoked_at, revoked_by FROM service_tokens ORDER BY id")
        var out: [ServiceToken] = []
        while try stmt.step() {
            out.append(ServiceToken(
                id: stmt.int64(0), name: stmt.text(1), role: TokenRole(rawValue: stmt.text(2) ?? "") ?? .route,
                prefix: stmt.text(3) ?? "", createdAt: stmt.text(4) ?? "", createdBy: stmt.text(5),
                revokedAt: stmt.text(6), revokedBy: stmt.text(7)))
        }
        return out
    }

    /// The tokens a server accepts: SHA-256 → identity.
    func activeTable() throws(SQLiteError) -> [String: TokenIdentity] {
        let stmt = try database.prepare("SELECT id, role, token_sha256, name FROM service_tokens WHERE revoked_at IS NULL")
        var out: [String: TokenIdentity] = [:]
        while try stmt.step() {
            guard let role = TokenRole(rawValue: stmt.text(1) ?? "") else { continue }
            out[stmt.text(2) ?? ""] = TokenIdentity(id: stmt.int64(0), role: role, name: stmt.text(3))
        }
        return out
    }

    /// `sy_` and 48 hex digits from the system's secure generator.
    static func newSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        var out = "sy_"
        for _ in 0..<3 {
            let word = rng.next() as UInt64
            let hex = String(word, radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return out
    }
}

/// Who is calling, once the bearer token checked out.
struct TokenIdentity: Sendable, Equatable {
    var id: Int64
    var role: TokenRole
    var name: String?
}

/// Wall-clock time in microseconds since the epoch.
enum ServiceClock {
    static func micros() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }

    /// Monotonic nanoseconds, for latency and rate limiting.
    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
