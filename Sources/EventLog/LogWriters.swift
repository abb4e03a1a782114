/// Options for writing CSV.
public struct CSVWriteOptions: Sendable {
    /// Use pm4py's column names (`case:concept:name`, `concept:name`, `time:timestamp`,
    /// `org:resource`, `org:group`, `lifecycle:transition`) instead of plain ones
    /// (`case_id`, `activity`, `timestamp`, `resource`, `team`, `lifecycle`).
    public var pm4pyNames = false
    /// Neutralise cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`).
    public var spreadsheetSafe = false
    public init() {}
}
