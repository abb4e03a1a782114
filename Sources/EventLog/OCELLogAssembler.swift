/// Collects what an OCEL reader finds (events, objects, attributes, relations) into an
/// ``OCELLog``, doing the checks every format shares: timestamps parsed and shifted from
/// `--timezone` when naive, duplicate ids, declared attribute types applied, relations
/// resolved by id once all objects are known and reduced to one per (event, object).
///
/// A bad event is rejected with its locator (or thrown with `strict`). Not public.
struct OCELLogAssembler {
    let path: String
    let strict: Bool
    let zone: NaiveTimeZone
    let zoneName: String

    private(set) var log = OCELLog()
    private(set) var rejected: [RejectedRow] = []
    private(set) var eventsSeen = 0
    private var warnings: [String] = []
    private var warnedAttributes: Set<String> = []
    private var naiveTimes = 0
    private var badAttributeTimes = 0

    /// Declared OCEL attribute types, lowercased (`string`, `integer`, `float`, `boolean`,
    /// `time`), by attribute name.
    var eventAttributeTypes: [String: String] = [:]
    var objectAttributeTypes: [String: String] = [:]

    private var eventColumnIndex: [String: Int] = [:]
    private var objectColumnIndex: [String: Int] = [:]
    /// Per object column, the time of the value held (for "earliest wins").
    private var objectValueTime: [[Int64]] = []

    private var referencedIDs = StringPool()
    private var pendingE2O: [(event: Int32, ref: UInt32, qualifier: UInt32)] = []
    private var pendingO2O: [(source: Int32, ref: UInt32, qualifier: UInt32)] = []
    private var duplicateObjects = 0

    init(path: String, options: ImportOptions) throws(ImportError) {
        guard let zone = NaiveTimeZone(options.timezone) else {
            throw ImportError(
                .invalidValue, file: path, column: "timezone",
                expected: "UTC, an offset like +02:00 or an IANA name like Europe/Rome", found: options.timezone,
                reason: "unknown time zone")
        }
        self.path = path
        self.strict = options.strict
        self.zone = zone
        self.zoneName = options.timezone
    }

    // MARK: Time

    /// Microseconds UTC for an ISO 8601 text; naive times are read in `--timezone`.
    mutating func parseTime(_ text: String) -> Int64? {
        var copy = text
        guard let parsed = copy.withUTF8({ ISO8601Parser.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        if parsed.hasOffset { return parsed.micros }
        naiveTimes += 1
        let shifted = zone.toUTC(parsed.micros)
        return shifted >= Timestamp.minimum && shifted <= Timestamp.maximum ? shifted : nil
    }

    /// The time of an object attribute value: `nil` when absent; an unparsable one is
    /// counted (and reported) and also read as `nil`, i.e. as the initial value.
    mutating func attributeTime(_ text: String?) -> Int64? {
        guard let text else { return nil }
        if let t = parseTime(text) { return t }
        badAttributeTimes += 1
        return nil
    }

    // MARK: Events

    /// Records one event, or rejects it (returning `nil`) when its id, type or time is
    /// missing or bad. `line` and `locator` say where it was (`locator` is shown as the raw row).
    mutating func addEvent(id: String?, type: String?, time: String?, line: Int, locator: String) throws(ImportError) -> Int? {
        guard let time else {
            try rejectEvent(line: line, raw: locator, column: "time", reason: "event '\(id ?? "?")' has no time", kind: .invalidTimestamp)
            return nil
        }
        guard let micros = parseTime(time) else {
            try rejectEvent(
                line: line, raw: locator, column: "time",
                reason: "event '\(id ?? "?")' has an unparsable time '\(time)' (expected ISO 8601 like 2022-01-09T14:00:00+00:00)",
                kind: .invalidTimestamp)
            return nil
        }
        return try addEvent(id: id, type: type, micros: micros, line: line, locator: locator)
    }

    /// Records one event whose time is already parsed; rejects a missing id or type or a
    /// repeated id.
    mutating func addEvent(id: String?, type: String?, micros: Int64, line: Int, locator: String) throws(ImportError) -> Int? {
        guard let id, !id.isEmpty else {
            try rejectEvent(line: line, raw: locator, column: "id", reason: "the event has no id", kind: .malformedRow)
            return nil
        }
        guard let type, !type.isEmpty else {
            try rejectEvent(line: line, raw: locator, column: "type", reason: "event '\(id)' has no type (activity)", kind: .malformedRow)
            return nil
        }
        let known = log.eventIDs.count
        guard log.eventIDs.intern(id) == known else {
            try rejectEvent(line: line, raw: locator, column: "id", reason: "duplicate event id '\(id)'", kind: .malformedRow)
            return nil
        }
        eventsSeen += 1
        log.eventType.append(log.eventTypes.intern(type))
        log.eventTime.append(micros)
        return log.eventCount - 1
    }

    /// Rejects one input event (counted as seen), or throws at once under `strict`.
    mutating func rejectEvent(line: Int, raw: String, column: String?, reason: String, kind: ImportError.Kind) throws(ImportError) {
        eventsSeen += 1
        try reject(line: line, raw: raw, column: column, reason: reason, kind: kind)
    }

    /// Sets attribute `name` of event `event` from a JSON value, applying its declared type.
    mutating func setEventAttribute(_ event: Int, _ name: String, _ value: AttributeValue?) {
        let column: Int
        if let c = eventColumnIndex[name] {
            column = c
        } else {
            column = log.eventAttributes.count
            eventColumnIndex[name] = column
            log.eventAttributes.append(AttributeColumn(name: name, type: value?.type ?? .string))
        }
        log.eventAttributes[column].set(typed(value, declared: eventAttributeTypes[name], name: name), at: event)
    }

    // MARK: Objects

    /// Records one object; a repeated id is ignored (with a warning) and returns `nil`.
    mutating func addObject(id: String, type: String) -> Int? {
        let known = log.objectIDs.count
        guard log.objectIDs.intern(id) == known else {
            duplicateObjects += 1
            return nil
        }
        log.objectType.append(log.objectTypes.intern(type))
        return log.objectCount - 1
    }

    /// Adds the object unless an object with this id exists (formats that name objects only
    /// where they are used).
    mutating func ensureObject(id: String, type: String) {
        if log.objectIDs.code(of: id) == nil { _ = addObject(id: id, type: type) }
    }

    /// Sets attribute `name` of object `object`. The value with the earliest `time` is the
    /// object's attribute (`nil` time counts as the beginning); the others become changes.
    mutating func setObjectAttribute(_ object: Int, _ name: String, _ value: AttributeValue?, time: Int64?) {
        guard let value = typed(value, declared: objectAttributeTypes[name], name: name) else { return }
        let column: Int
        if let c = objectColumnIndex[name] {
            column = c
        } else {
            column = log.objectAttributes.count
            objectColumnIndex[name] = column
            log.objectAttributes.append(AttributeColumn(name: name, type: value.type))
            objectValueTime.append([])
        }
        let t = time ?? Timestamp.minimum
        while objectValueTime[column].count <= object { objectValueTime[column].append(Int64.max) }
        let held = objectValueTime[column][object]
        if held == Int64.max {
            log.objectAttributes[column].set(value, at: object)
            objectValueTime[column][object] = t
        } else if t < held, let old = log.objectAttributes[column].value(at: object) {
            log.objectChanges.append(OCELObjectChange(object: object, attribute: name, time: held, value: old))
            log.objectAttributes[column].set(value, at: object)
            objectValueTime[column][object] = t
        } else {
            log.objectChanges.append(OCELObjectChange(object: object, attribute: name, time: t, value: value))
        }
    }

    // MARK: Relations

    /// Relates event `event` to the object with id `objectID` (resolved in ``finish()``).
    mutating func addEventToObject(_ event: Int, objectID: String, qualifier: String?) {
        pendingE2O.append((Int32(event), referencedIDs.intern(objectID), qualifier.map { log.qualifiers.intern($0) } ?? StringPool.missing))
    }

    /// Relates object `source` to the object with id `objectID` (resolved in ``finish()``).
    mutating func addObjectToObject(_ source: Int, objectID: String, qualifier: String?) {
        pendingO2O.append((Int32(source), referencedIDs.intern(objectID), qualifier.map { log.qualifiers.intern($0) } ?? StringPool.missing))
    }

    mutating func warn(_ message: String) { warnings.append(message) }

    /// Rejects an input record, or throws at once under `strict`.
    mutating func reject(line: Int, raw: String, column: String?, reason: String, kind: ImportError.Kind) throws(ImportError) {
        if strict {
            throw ImportError(kind, file: path, line: line > 0 ? line : nil, column: column, reason: reason + " (in \(raw))")
        }
        rejected.append(RejectedRow(line: line, raw: raw, column: column, reason: reason))
    }

    /// Resolves relations, pads columns, and hands back the log with the account of the input.
    mutating func finish() -> (log: OCELLog, rejected: [RejectedRow], eventsSeen: Int, warnings: [String]) {
        var unknown = 0
        let objectOf: [Int32] = (0..<referencedIDs.count).map { ref in
            log.objectIDs.code(of: referencedIDs.string(UInt32(ref))).map { Int32($0) } ?? -1
        }
        // E2O: group by event (stable), one relation per (event, object), last qualifier wins (as pm4py).
        var byEvent = pendingE2O
        if zip(byEvent, byEvent.dropFirst()).contains(where: { $0.event > $1.event }) {
            byEvent = byEvent.enumerated().sorted { a, b in
                a.element.event != b.element.event ? a.element.event < b.element.event : a.offset < b.offset
            }.map(\.element)
        }
        var start = 0
        while start < byEvent.count {
            var end = start
            while end < byEvent.count, byEvent[end].event == byEvent[start].event { end += 1 }
            let first = log.eventToObject.count
            // Events relate to a handful of objects: a linear scan, or a table for big fan-outs.
            var slotOf: [Int32: Int]? = end - start > 32 ? [:] : nil
            for p in byEvent[start..<end] {
                let target = objectOf[Int(p.ref)]
                guard target >= 0 else {
                    unknown += 1
                    continue
                }
                let existing: Int?
                if let table = slotOf {
                    existing = table[target]
                } else {
                    existing = log.eventToObject[first...].firstIndex { $0.target == target }
                }
                if let k = existing {
                    if p.qualifier != StringPool.missing { log.eventToObject[k].qualifier = p.qualifier }
                } else {
                    slotOf?[target] = log.eventToObject.count
                    log.eventToObject.append(OCELRelation(source: p.event, target: target, qualifier: p.qualifier))
                }
            }
            start = end
        }
        var unknownO2O = 0
        for p in pendingO2O {
            let target = objectOf[Int(p.ref)]
            if target < 0 { unknownO2O += 1 } else { log.objectToObject.append(OCELRelation(source: p.source, target: target, qualifier: p.qualifier)) }
        }
        for c in log.eventAttributes.indices where log.eventAttributes[c].count < log.eventCount {
            log.eventAttributes[c].set(nil, at: log.eventCount - 1)
        }
        for c in log.objectAttributes.indices where log.objectAttributes[c].count < log.objectCount {
            log.objectAttributes[c].set(nil, at: log.objectCount - 1)
        }
        if unknown > 0 { warnings.append("\(unknown) event-to-object relationships name objects that are not declared; ignored") }
        if unknownO2O > 0 { warnings.append("\(unknownO2O) object-to-object relationships name objects that are not declared; ignored") }
        if duplicateObjects > 0 { warnings.append("\(duplicateObjects) objects repeat an earlier object id; the first one was kept") }
        if badAttributeTimes > 0 {
            warnings.append("\(badAttributeTimes) object attribute values have an unparsable time; they were read as initial values")
        }
        if badAttributeTimes > 0 {
            warnings.append("\(badAttributeTimes) object attribute values have an unparsable time; they were read as initial values")
        }
        if naiveTimes > 0 { warnings.append("\(naiveTimes) timestamps had no UTC offset and were read in time zone \(zoneName)") }
        return (log, rejected, eventsSeen, warnings)
    }

    // MARK: Typing

    /// Applies a declared OCEL type to a value; a value that does not fit stays as it is
    /// (the column becomes text) and is reported once per attribute.
    private mutating func typed(_ value: AttributeValue?, declared: String?, name: String) -> AttributeValue? {
        guard let value, let declared else { return value }
        let converted: AttributeValue?
        switch (declared, value) {
        case ("integer", .string(let s)), ("int", .string(let s)): converted = Int64(s).map { .int($0) }
        case ("integer", .float(let d)), ("int", .float(let d)): converted = d.rounded() == d ? Int64(exactly: d).map { .int($0) } : nil
        case ("float", .string(let s)), ("double", .string(let s)): converted = Double(s).map { .float($0) }
        case ("float", .int(let v)), ("double", .int(let v)): converted = .float(Double(v))
        case ("boolean", .string(let s)), ("bool", .string(let s)):
            switch s.lowercased() {
            case "true", "1": converted = .bool(true)
            case "false", "0": converted = .bool(false)
            default: converted = nil
            }
        case ("time", .string(let s)), ("date", .string(let s)): converted = parseTime(s).map { .date($0) }
        case ("string", let v): converted = .string(v.text)
        default: converted = value
        }
        if let converted { return converted }
        if !warnedAttributes.contains(name) {
            warnedAttributes.insert(name)
            warnings.append("attribute '\(name)' is declared \(declared) but holds '\(value.text)'; kept as text")
        }
        return value
    }
}
