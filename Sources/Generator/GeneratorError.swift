/// Why the generator could not run, said so that a user can act on it.
public struct GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure.
    public enum Kind: String, Sendable {
        /// A dial is out of range or malformed.
        case invalidDial
        /// An output file could not be created or written.
        case cannotWrite
        /// The requested output format is not available.
        case unsupportedFormat
    }

    public var kind: Kind
    /// A complete sentence naming the dial or file and what was expected.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func dial(_ name: String, _ expected: String, found: String) -> GeneratorError {
        GeneratorError(.invalidDial, "\(name) must be \(expected), found '\(found)'")
    }
}
