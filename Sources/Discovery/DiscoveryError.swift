/// Why an analysis could not run, said so that a user can act on it.
public struct DiscoveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure.
    public enum Kind: String, Sendable {
        case unknownAttribute, invalidArgument, graphvizMissing, graphvizFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// An attribute name that is not in the log, listing the names that are.
    static func unknownAttribute(_ name: String, available: [String]) -> DiscoveryError {
        DiscoveryError(
            .unknownAttribute,
            "no attribute '\(name)' in the log; available: " + available.joined(separator: ", "))
    }
}
