/// An error that stops a KPI computation, said so a user can act on it (e.g. an unknown
/// slicing dimension, with the dimensions the table offers).
public struct KPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
