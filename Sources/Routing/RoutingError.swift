/// Why a routing operation could not be done, said so that a user can act on it.
public enum RoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The training or scoring input is inconsistent (column lengths, duplicate names, …).
    case invalidInput(String)
    /// Not enough usable rows to train or evaluate.
    case notEnoughData(String)
    /// An option has a value that cannot work.
    case invalidOption(String)
    /// A column the model needs is absent from the input.
    case missingColumn(name: String, available: [String])

    public var description: String {
        switch self {
        case .invalidInput(let m): return "invalid input: \(m)"
        case .notEnoughData(let m): return "not enough data: \(m)"
        case .invalidOption(let m): return "invalid option: \(m)"
        case .missingColumn(let name, let available):
            return "column '\(name)' not found; columns found: \(available.joined(separator: ", "))"
        }
    }
}
