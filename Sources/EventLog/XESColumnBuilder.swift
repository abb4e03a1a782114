/// One extra attribute column while a XES file is read.
///
/// A column whose values are strings keeps its own codes and pool, with an
/// ``XESValueCache`` in front of the pool: attribute values repeat (a priority, a region, a
/// product), and a repeat then costs one short compare instead of a hash and a probe. Any other column, or a string column that meets a value of
/// another type, is an ``AttributeColumn`` with its usual type promotion. ``column`` hands
/// the result over without copying values.
struct XESColumnBuilder {
    let name: String
    private var generic: AttributeColumn?
    private var codes: [UInt32] = []
    private var pool = StringPool()
    private let cache = XESValueCache()

    /// The column's current type.
    var type: AttributeType { generic?.type ?? .string }

    init(name: String, type: AttributeType) {
        self.name = name
        generic = type == .string ? nil : AttributeColumn(name: name, type: type)
    }

    /// Sets `row` to the field's value, padding the rows before it with missing values;
    /// a second value for a row (a key repeated in one event) replaces the first.
    @inline(__always)
    mutating func put(_ field: XESLogAssembler.Field, row: Int, arena: XESByteBuffer) {
        guard generic == nil else { return putGeneric(field, row: row, arena: arena) }
        guard field.type == .string else {
            generic = AttributeColumn(name: name, pool: pool, codes: codes)
            return putGeneric(field, row: row, arena: arena)
        }
        let code = cache.intern(arena.bytes(field.span.start, field.span.end), into: &pool)
        if codes.count == row {
            codes.append(code)
            return
        }
        while codes.count < row { codes.append(StringPool.missing) }
        if codes.count == row { codes.append(code) } else { codes[row] = code }
    }

    private mutating func putGeneric(_ field: XESLogAssembler.Field, row: Int, arena: XESByteBuffer) {
        generic?.put(field, row: row, arena: arena)  // optional chaining mutates in place
    }

    /// Adds the values of `other` (a column of the same name from a later segment): its row
    /// `r` goes to row `target(r)` here. Strings are re-interned once per distinct value.
    mutating func absorb(_ other: XESColumnBuilder, target: (Int) -> Int) {
        if generic == nil && other.generic == nil {
            let map = pool.absorb(other.pool, threads: 1)
            for r in 0..<other.codes.count where other.codes[r] != StringPool.missing {
                let row = target(r)
                while codes.count < row { codes.append(StringPool.missing) }
                let code = map[Int(other.codes[r])]
                if codes.count == row { codes.append(code) } else { codes[row] = code }
            }
            return
        }
        var column = generic ?? AttributeColumn(name: name, pool: pool, codes: codes)
        generic = nil
        let source = other.column(rows: 0)
        for r in 0..<source.count {
            if let value = source.value(at: r) { column.set(value, at: target(r)) }
        }
        generic = column
    }

    /// The finished column, padded with missing values to `rows`.
    func column(rows: Int) -> AttributeColumn {
        var result = generic ?? AttributeColumn(name: name, pool: pool, codes: codes)
        while result.count < rows { result.appendMissing() }
        return result
    }
}

extension AttributeColumn {
    /// Pads with missing values up to `row`, then appends the field's value; a second value
    /// for the same row (a key repeated in one event) replaces the first.
    @inline(__always)
    mutating func put(_ field: XESLogAssembler.Field, row: Int, arena: XESByteBuffer) {
        while count < row { appendMissing() }
        guard count == row else {
            let value: AttributeValue
            switch field.type {
            case .string: value = .string(String(decoding: arena.bytes(field.span.start, field.span.end), as: UTF8.self))
            case .int: value = .int(field.number)
            case .date: value = .date(field.number)
            case .bool: value = .bool(field.number != 0)
            case .float: value = .float(Double(bitPattern: UInt64(bitPattern: field.number)))
            }
            set(value, at: row)
            return
        }
        switch field.type {
        case .string: appendString(arena.bytes(field.span.start, field.span.end))
        case .int: append(.int(field.number))
        case .date: append(.date(field.number))
        case .bool: append(.bool(field.number != 0))
        case .float: append(.float(Double(bitPattern: UInt64(bitPattern: field.number))))
        }
    }
}

/// Whether `count` bytes at `a` and `b` are equal (8 bytes a step; short strings stay inline).
@inline(__always)
func xesSameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
    guard let b else { return count == 0 }
    var i = 0
    while i &+ 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i &+= 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i &+= 1
    }
    return true
}
