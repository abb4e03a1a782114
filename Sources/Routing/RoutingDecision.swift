/// The answer for one exception: who should own it, how sure the model is, and whether to
/// route it automatically or send it to a person.
public struct RoutingDecision: Sendable, Equatable {
    public enum Decision: String, Codable, Sendable { case auto, review }

    /// One candidate owner and its probability.
    public struct Candidate: Sendable, Equatable {
        public var owner: String
        public var probability: Float
    }

    /// The most probable owner.
    public var owner: String { top.first?.owner ?? "" }
    /// Its probability.
    public var confidence: Float { top.first?.probability ?? 0 }
    /// The three most probable owners, best first.
    public var top: [Candidate]
    public var decision: Decision
    /// Model inputs that were absent or empty for this exception (scored as unknown).
    public var missingFeatures: [String]
}
