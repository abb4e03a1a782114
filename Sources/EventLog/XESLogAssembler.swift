/// Turns the tags of a XES document, one at a time, into an ``EventLogBuilder``.
///
/// It keeps an explicit stack of open elements (never recursion), checks that every end
/// tag matches its start tag, and maps XES onto the columnar model:
/// - trace `concept:name` → case id; other trace attributes → case attributes (named as-is);
/// - event `concept:name` → activity, `time:timestamp` → timestamp, `org:resource`,
///   `org:group`, `lifecycle:transition` → the standard columns; other event attributes →
///   typed event columns;
/// - `<extension>`, `<global>`, `<classifier>`, log-level attributes, `<list>`/`<container>`
///   and the children of attributes (meta-attributes) are skipped.
///
/// An event is held in a small arena until it ends, then either appended or rejected with
/// its line and reason (no timestamp, an unparsable value, an unknown attribute type). A
/// trace whose `concept:name` comes after some of its events holds those events until the
/// name arrives; a trace without one is named `trace-<n>` (its 1-based position in the file)
/// when it ends, and a warning says so. pm4py leaves such events without a case id.
struct XESLogAssembler {
    enum FrameKind: UInt8 { case log, trace, event, skip, outside }

    struct Frame {
        var kind: FrameKind
        var nameStart: Int
        var line: Int
    }

    /// A byte range in the arena; `start < 0` when absent.
    struct Span {
        var start = -1
        var end = -1
        var isSet: Bool { start >= 0 }
    }

    /// One extra attribute of a held event.
    struct Field {
        var key: UInt32
        var type: AttributeType
        var span: Span
        var number: Int64
    }

    /// Why a held event will be rejected.
    struct Problem {
        var kind: ImportError.Kind
        var line: Int
        var column: String?
        var found: String?
        var reason: String
        var raw: String
    }

    struct HeldEvent {
        var line: Int
        var activity = Span()
        var resource = Span()
        var group = Span()
        var lifecycle = Span()
        var timestamp: Int64 = 0
        var hasTimestamp = false
        var fieldStart = 0
        var fieldEnd = 0
        var arenaStart = 0
        var orphan = false
    }

    /// Distinct attribute keys a file may use (each is a dense column; a hostile file with
    /// a new key per event would otherwise need keys × events cells).
    static let maxKeys = 1024

    // Key codes fixed by the order they are interned in `init`.
    static let activityKey: UInt32 = 0
    static let timestampKey: UInt32 = 1
    static let resourceKey: UInt32 = 2
    static let groupKey: UInt32 = 3
    static let lifecycleKey: UInt32 = 4

    let strict: Bool
    let naive: NaiveTimeZone
    var latin1 = false

    var builder: EventLogBuilder
    var frames: [Frame] = []
    /// The kind of the innermost open element (`.outside`: none), kept beside `frames`.
    var top = FrameKind.outside
    var names: [UInt8] = []
    /// The tag being handled (the scanner writes it in place: no copies on the hot path).
    var tag = XESTag()
    var rootSeen = false
    var rootClosed = false

    /// Attribute keys seen anywhere, and for event keys the extra column they fill (-1: none yet).
    var keys = StringPool()
    var keyColumn: [Int] = []
    var extras: [XESColumnBuilder] = []

    // The open trace.
    var traceOrdinal = 0
    let traceID = XESByteBuffer(capacity: 64)
    var hasTraceID = false
    var caseCode = StringPool.missing
    /// Trace attributes of the open trace that wait for its case to be created.
    var caseFields: [Field] = []
    let caseArena = XESByteBuffer(capacity: 1024)
    /// Case attribute columns, and for each key code the column it fills (-1: none yet).
    var caseColumns: [XESColumnBuilder] = []
    var caseKeyColumn: [Int] = []

    // Recent values of each standard pool (values repeat from event to event).
    let activityCache = XESValueCache()
    let resourceCache = XESValueCache(entries: 1024)
    let groupCache = XESValueCache()
    let lifecycleCache = XESValueCache(entries: 16)
    /// Key codes by attribute position in the previous event (0..<32) or trace (32..<64):
    /// attribute order repeats from one event (trace) to the next.
    var predictedKeys = [UInt32](repeating: StringPool.missing, count: 64)
    var attributeOrdinal = 0
    /// The bytes of every key, by key code, for the prediction check.
    let keyText = XESByteBuffer(capacity: 1024)
    var keyOffsets: [Int] = [0]

    // Held events and their values.
    let arena = XESByteBuffer(capacity: 1 << 16)
    let keyScratch = XESByteBuffer(capacity: 256)
    let valueScratch = XESByteBuffer(capacity: 256)
    var fields: [Field] = []
    var held: [HeldEvent] = []
    var current = HeldEvent(line: 0)
    /// Why the open event will be rejected (the first reason wins).
    var problem: Problem?

    // The account.
    var rejected: [RejectedRow] = []
    var rowsRead = 0
    /// Problems that lost a value but kept the events (line, message).
    var lineWarnings: [(line: Int, message: String)] = []
    var naiveTimestamps = 0
    var generatedCaseIDs = 0
    /// Cases named `trace-<n>` here, with n: a merge renumbers them.
    var generatedCases: [(code: UInt32, ordinal: Int)] = []
    var traceIDGenerated = false
    var skippedTraceAttributes = 0

    init(name: String, strict: Bool, naive: NaiveTimeZone) {
        builder = EventLogBuilder(name: name)
        self.strict = strict
        self.naive = naive
        for key in [XESKeys.conceptName, XESKeys.timeTimestamp, XESKeys.orgResource, XESKeys.orgGroup, XESKeys.lifecycleTransition] {
            var copy = key
            _ = copy.withUTF8 { registerKey(UnsafeRawBufferPointer($0)) }
        }
    }

    // MARK: tags

    /// Applies the tag the scanner just wrote into ``tag``; `buffer` holds the bytes its offsets
    /// point into.
    mutating func handle(_ buffer: UnsafeRawBufferPointer) throws(ImportError) {
        guard let raw = buffer.baseAddress else { return }
        let b = raw.assumingMemoryBound(to: UInt8.self)
        if tag.isEnd { return try close(b) }
        let element = XESElement.classify(b, tag.nameStart, tag.nameEnd)
        switch top {
        case .outside:
            try openRoot(b, element)
        case .event:
            if element.isScalar {
                try eventAttribute(b, element)
            } else if !element.isAttribute {
                noteUnknownEventElement(b)
            }
            if !tag.selfClosing { push(.skip, b) }
        case .trace:
            if element == .event {
                openEvent(orphan: false)
                if tag.selfClosing { try closeEvent() } else { push(.event, b) }
                return
            }
            if element.isScalar {
                try traceAttribute(b, element)
            } else if !element.isAttribute {
                skippedTraceAttributes += 1
            }
            if !tag.selfClosing { push(.skip, b) }
        case .log:
            switch element {
            case .trace:
                openTrace()
                if tag.selfClosing { try closeTrace() } else { push(.trace, b) }
            case .event:
                openEvent(orphan: true)
                if tag.selfClosing { try closeEvent() } else { push(.event, b) }
            default:
                if !tag.selfClosing { push(.skip, b) }
            }
        case .skip:
            if !tag.selfClosing { push(.skip, b) }
        }
    }

    private mutating func openRoot(_ b: UnsafePointer<UInt8>, _ element: XESElement) throws(ImportError) {
        guard !rootClosed else {
            throw ImportError(
                .malformedXML, file: "", line: tag.line, found: "<" + text(b, tag.nameStart, tag.nameEnd) + ">",
                reason: "content after the end of the <log> element")
        }
        guard element == .log else {
            throw ImportError(
                .malformedXML, file: "", line: tag.line, expected: "<log> as the root element",
                found: "<" + text(b, tag.nameStart, tag.nameEnd) + ">", reason: "not a XES document")
        }
        rootSeen = true
        if tag.selfClosing { rootClosed = true } else { push(.log, b) }
    }

    @inline(__always)
    private mutating func push(_ kind: FrameKind, _ b: UnsafePointer<UInt8>) {
        frames.append(Frame(kind: kind, nameStart: names.count, line: tag.line))
        top = kind
        names.append(contentsOf: UnsafeBufferPointer(start: b + tag.nameStart, count: tag.nameEnd - tag.nameStart))
    }

    private mutating func close(_ b: UnsafePointer<UInt8>) throws(ImportError) {
        let found = tag.nameEnd - tag.nameStart
        let nameStart = tag.nameStart
        guard let frame = frames.last else {
            throw ImportError(
                .malformedXML, file: "", line: tag.line, found: "</" + text(b, tag.nameStart, tag.nameEnd) + ">",
                reason: "end tag without a matching start tag")
        }
        let length = names.count - frame.nameStart
        let same = length == found && names.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return length == 0 }
            return memcmp(base + frame.nameStart, b + nameStart, length) == 0
        }
        guard same else {
            let open = String(decoding: names[frame.nameStart...], as: UTF8.self)
            throw ImportError(
                .malformedXML, file: "", line: tag.line, expected: "</\(open)> for the <\(open)> opened on line \(frame.line)",
                found: "</" + text(b, tag.nameStart, tag.nameEnd) + ">", reason: "mismatched end tag")
        }
        frames.removeLast()
        names.removeLast(length)
        top = frames.last?.kind ?? .outside
        switch frame.kind {
        case .event: try closeEvent()
        case .trace: try closeTrace()
        case .log: rootClosed = true
        case .skip, .outside: break
        }
    }

    // MARK: traces and events

    private mutating func openTrace() {
        traceOrdinal += 1
        attributeOrdinal = 32  // trace keys are predicted in the upper half
        hasTraceID = false
        traceID.count = 0
        traceIDGenerated = false
        caseCode = StringPool.missing
        caseFields.removeAll(keepingCapacity: true)
        caseArena.count = 0
    }

    private mutating func closeTrace() throws(ImportError) {
        if !held.isEmpty {
            traceID.count = 0
            var generated = "trace-\(traceOrdinal)"
            _ = generated.withUTF8 { traceID.append(UnsafeRawBufferPointer($0)) }
            hasTraceID = true
            generatedCaseIDs += 1
            traceIDGenerated = true
            releaseHeldEvents()
        }
        hasTraceID = false
    }

    /// The trace's `concept:name` is known: append the events that waited for it.
    mutating func releaseHeldEvents() {
        for event in held { commit(event) }
        held.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        arena.count = 0
    }

    private mutating func openEvent(orphan: Bool) {
        if held.isEmpty {
            arena.count = 0
            fields.removeAll(keepingCapacity: true)
        }
        current = HeldEvent(line: tag.line, fieldStart: fields.count, arenaStart: arena.count, orphan: orphan)
        attributeOrdinal = 0
        problem = nil
    }

    private mutating func closeEvent() throws(ImportError) {
        rowsRead += 1
        current.fieldEnd = fields.count
        if problem == nil {
            if current.orphan {
                problem = Problem(
                    kind: .malformedRow, line: current.line, column: nil, found: nil,
                    reason: "event outside a <trace> (it has no case)", raw: eventSummary())
            } else if !current.activity.isSet {
                problem = Problem(
                    kind: .invalidValue, line: current.line, column: XESKeys.conceptName, found: nil,
                    reason: "event has no concept:name (activity)", raw: eventSummary())
            } else if !current.hasTimestamp {
                problem = Problem(
                    kind: .invalidTimestamp, line: current.line, column: XESKeys.timeTimestamp, found: nil,
                    reason: "event has no time:timestamp", raw: eventSummary())
            }
        }
        if let problem {
            if strict {
                throw ImportError(
                    problem.kind, file: "", line: problem.line, column: problem.column, found: problem.found,
                    reason: problem.reason)
            }
            rejected.append(RejectedRow(line: current.line, raw: problem.raw, column: problem.column, reason: problem.reason))
            fields.removeSubrange(current.fieldStart...)
            arena.count = current.arenaStart
            return
        }
        if hasTraceID {
            commit(current)
            fields.removeAll(keepingCapacity: true)
            arena.count = 0
        } else {
            held.append(current)
        }
    }

    /// Appends a good event to the builder (and its extra values to their columns).
    private mutating func commit(_ event: HeldEvent) {
        if caseCode == StringPool.missing { openCase() }
        let missing = StringPool.missing
        let activity = activityCache.intern(arena.bytes(event.activity.start, event.activity.end), into: &builder.activities)
        var resource = missing, group = missing, lifecycle = missing
        if event.resource.isSet {
            resource = resourceCache.intern(arena.bytes(event.resource.start, event.resource.end), into: &builder.resources)
        }
        if event.group.isSet {
            group = groupCache.intern(arena.bytes(event.group.start, event.group.end), into: &builder.groups)
        }
        if event.lifecycle.isSet {
            lifecycle = lifecycleCache.intern(arena.bytes(event.lifecycle.start, event.lifecycle.end), into: &builder.lifecycles)
        }
        builder.appendEvent(
            caseCode: caseCode, activity: activity, timestamp: event.timestamp, resource: resource, group: group,
            lifecycle: lifecycle)
        guard event.fieldEnd > event.fieldStart else { return }
        let row = builder.eventCount - 1
        for f in event.fieldStart..<event.fieldEnd {
            let field = fields[f]
            var column = keyColumn[Int(field.key)]
            if column < 0 {
                column = extras.count
                extras.append(XESColumnBuilder(name: keys.string(field.key), type: field.type))
                keyColumn[Int(field.key)] = column
            }
            extras[column].put(field, row: row, arena: arena)
        }
    }

    /// The first good event of a trace creates (or finds) its case.
    private mutating func openCase() {
        caseCode = builder.caseIDs.intern(traceID.bytes(0, traceID.count))
        if traceIDGenerated { generatedCases.append((caseCode, traceOrdinal)) }
        for field in caseFields { setCaseAttribute(field) }
        caseFields.removeAll(keepingCapacity: true)
    }

    /// Stores a trace attribute in its case column (row = case code; a later trace with the
    /// same id overwrites).
    mutating func setCaseAttribute(_ field: Field) {
        while caseKeyColumn.count <= Int(field.key) { caseKeyColumn.append(-1) }
        var column = caseKeyColumn[Int(field.key)]
        if column < 0 {
            column = caseColumns.count
            caseColumns.append(XESColumnBuilder(name: keys.string(field.key), type: field.type))
            caseKeyColumn[Int(field.key)] = column
        }
        caseColumns[column].put(field, row: Int(caseCode), arena: caseArena)
    }

    func value(of field: Field) -> AttributeValue {
        switch field.type {
        case .string: .string(String(decoding: arena.bytes(field.span.start, field.span.end), as: UTF8.self))
        case .int: .int(field.number)
        case .date: .date(field.number)
        case .bool: .bool(field.number != 0)
        case .float: .float(Double(bitPattern: UInt64(bitPattern: field.number)))
        }
    }

    func text(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: b + start, count: min(end - start, 200)), as: UTF8.self)
    }

    func eventSummary() -> String {
        guard current.activity.isSet else { return "<event>" }
        let name = String(decoding: arena.bytes(current.activity.start, current.activity.end), as: UTF8.self)
        return "<event> concept:name=\"\(name)\""
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
