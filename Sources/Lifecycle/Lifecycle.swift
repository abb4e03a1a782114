/// Lifecycle profiles and exception reconstruction.
///
/// A ``LifecycleProfile`` (JSON/YAML via ``ProfileLoader``, or one of the ``Presets``) says
/// how to read an `EventLog` as exceptions; ``Reconstruction/reconstruct(_:profile:)`` turns
/// the log into an ``ExceptionTable`` (one row per exception, columnar) plus the counted
/// ``UnusableCase``s; ``ExceptionTableCSV`` writes the table. This module knows nothing of
/// KPIs, models or terminals.
///
/// ```swift
/// let profile = try ProfileLoader.resolve("itsm")
/// let table = try Reconstruction.reconstruct(log, profile: profile)
/// print(table.count, table.unusable.count)
/// ```
public enum Lifecycle {
    /// Loads a profile (`orders`, `itsm` or a file) and reconstructs `log` with it.
    public static func reconstruct(_ log: EventLog, profile spec: String) throws -> ExceptionTable {
        try Reconstruction.reconstruct(log, profile: try ProfileLoader.resolve(spec))
    }
}

import EventLog
