/// Checks bearer tokens against the workspace's active tokens. The table of hashes is replaced
/// whenever the workspace is polled (so a revocation takes effect within one poll interval);
/// secrets already verified are remembered until then, so a request costs one dictionary
/// lookup instead of a SHA-256.
final class Authenticator: Sendable {
    private struct State {
        var byHash: [String: TokenIdentity] = [:]
        var verified: [String: TokenIdentity] = [:]
    }

    private let state = Locked(State())

    /// Replaces the active tokens (SHA-256 → identity) and forgets verified secrets.
    func replace(_ table: [String: TokenIdentity]) {
        state.withLock {
            if $0.byHash != table { $0.verified.removeAll(keepingCapacity: true) }
            $0.byHash = table
        }
    }

    /// Number of active tokens.
    var activeCount: Int { state.withLock { $0.byHash.count } }

    /// The caller behind an `Authorization` header value, or the 401/403 to answer.
    func authenticate(_ header: String?, requires role: TokenRole) throws(ServiceError) -> TokenIdentity {
        guard let header, !header.isEmpty else {
            throw .unauthorized("missing bearer token: send Authorization: Bearer <token> (create one with `switchyard tokens create`)")
        }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw .unauthorized("the Authorization header must be 'Bearer <token>'")
        }
        let secret = String(header.dropFirst(7).drop(while: { $0 == " " }))
        guard !secret.isEmpty, secret.utf8.count <= 256 else { throw .unauthorized("the bearer token is empty or too long") }
        let cached = state.withLock { $0.verified[secret] }
        let identity: TokenIdentity
        if let cached {
            identity = cached
        } else {
            let hash = TokenStore.hash(secret)
            let found: TokenIdentity? = state.withLock { s in
                guard let id = s.byHash[hash] else { return nil }
                if s.verified.count > 10_000 { s.verified.removeAll(keepingCapacity: true) }
                s.verified[secret] = id
                return id
            }
            guard let found else { throw .unauthorized("unknown or revoked token") }
            identity = found
        }
        guard identity.role.allows(role) else {
            throw .forbidden("this endpoint needs a \(role.rawValue) token; token \(identity.id) has the \(identity.role.rawValue) role")
        }
        return identity
    }
}
