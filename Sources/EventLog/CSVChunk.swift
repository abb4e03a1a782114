/// The events parsed from one byte range of a CSV file, in file order, with its own string
/// pools. Chunks parsed on separate threads are appended to one another in file order.
struct CSVChunk: Sendable {
    var caseIDs = StringPool()
    var activities = StringPool()
    var resources = StringPool()
    var groups = StringPool()
    var lifecycles = StringPool()
    var caseOfEvent: [UInt32] = []
    var activity: [UInt32] = []
    var timestamp: [Int64] = []
    /// Empty when the file has no resource column (likewise `group`, `lifecycle`).
    var resource: [UInt32] = []
    var group: [UInt32] = []
    var lifecycle: [UInt32] = []
    /// The attribute columns, in ``CSVColumnLayout/attributeIndices`` order.
    var attributes: CSVAttributeSet
    var rejected: [RejectedRow] = []
    var rowsRead = 0

    /// Offset where the next row would start (parsing stops at the first row starting at
    /// or after the chunk's limit), its line, and whether quotes were unbalanced by then.
    var endOffset = 0
    var endLine = 0
    var endUnbalanced = false
    /// The first bad row of a strict import.
    var failure: ImportError?

    init(attributeCount: Int) {
        attributes = CSVAttributeSet(count: attributeCount)
    }

    var eventCount: Int { activity.count }

    /// Shifts the line numbers of a chunk parsed before its first line was known.
    mutating func shiftLines(by delta: Int) {
        guard delta != 0 else { return }
        for i in rejected.indices { rejected[i].line += delta }
        endLine += delta
        if let line = failure?.line { failure?.line = line + delta }
    }
}
