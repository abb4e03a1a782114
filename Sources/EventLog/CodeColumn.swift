/// One ``StringPool`` code per event for an optional standard column (resource, group,
/// lifecycle transition) that costs nothing when no event has a value.
///
/// Most CSV exports have no lifecycle column and many have no group: storing
/// ``StringPool/missing`` for every event of such a column would cost 4 bytes per event
/// for nothing. A column whose events all lack a value is *absent*: it keeps only its
/// length, reads ``StringPool/missing`` everywhere, and equals a stored column of missing
/// codes of the same length.
///
/// ```swift
/// var lifecycle = CodeColumn(absent: log.eventCount)   // no memory per event
/// lifecycle[3]                                          // StringPool.missing
/// lifecycle.append(0)                                   // now stored, 4 bytes per event
/// ```
///
/// Cost: reads are one branch and one load; the first present value appended to an absent
/// column stores the column (O(n) once).
public struct CodeColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The codes, or empty while the column is absent.
    private var stored: [UInt32]
    private var length: Int

    /// A column holding `codes`; absent (no storage) when every code is ``StringPool/missing``.
    public init(_ codes: [UInt32]) {
        length = codes.count
        stored = codes.contains { $0 != StringPool.missing } ? codes : []
    }

    /// An absent column of `count` events.
    public init(absent count: Int) {
        length = count
        stored = []
    }

    public init(arrayLiteral elements: UInt32...) { self.init(elements) }

    /// An empty column.
    public init() { self.init(absent: 0) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { length }

    /// The code of event `i` (``StringPool/missing`` when the column is absent; a stored
    /// column checks `i` as an array does).
    @inlinable
    public subscript(i: Int) -> UInt32 {
        codeAt(i)
    }

    @usableFromInline
    func codeAt(_ i: Int) -> UInt32 {
        stored.isEmpty ? StringPool.missing : stored[i]
    }

    /// True when no event has a value and nothing is stored per event.
    public var isAbsent: Bool { stored.isEmpty }

    /// The codes as an array (allocated for an absent column).
    public var codes: [UInt32] {
        stored.isEmpty ? [UInt32](repeating: StringPool.missing, count: length) : stored
    }

    /// Calls `body` with the codes in contiguous memory (materialised for an absent column).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt32>) throws -> R) rethrows -> R {
        if stored.isEmpty && length > 0 { return try codes.withUnsafeBufferPointer(body) }
        return try stored.withUnsafeBufferPointer(body)
    }

    /// Appends one code; the first present code stores the column.
    public mutating func append(_ code: UInt32) {
        if stored.isEmpty {
            guard code != StringPool.missing else {
                length += 1
                return
            }
            stored = [UInt32](repeating: StringPool.missing, count: length)
        }
        stored.append(code)
        length += 1
    }

    /// Makes room for `count` codes in all once the column is stored.
    public mutating func reserveCapacity(_ count: Int) {
        if !stored.isEmpty { stored.reserveCapacity(count) }
    }

    /// Bytes held per event: 4 when stored, 0 when absent.
    public var bytesPerEvent: Int { stored.isEmpty ? 0 : 4 }

    public static func == (lhs: CodeColumn, rhs: CodeColumn) -> Bool {
        guard lhs.length == rhs.length else { return false }
        switch (lhs.stored.isEmpty, rhs.stored.isEmpty) {
        case (true, true): return true
        case (false, false): return lhs.stored == rhs.stored
        case (true, false): return rhs.stored.allSatisfy { $0 == StringPool.missing }
        case (false, true): return lhs.stored.allSatisfy { $0 == StringPool.missing }
        }
    }
}
