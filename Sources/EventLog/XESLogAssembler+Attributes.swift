/// Attribute elements: event attributes into the held event, trace attributes into the case.
extension XESLogAssembler {
    /// `<string|date|int|float|boolean|id key=… value=…>` inside an `<event>`.
    mutating func eventAttribute(_ b: UnsafePointer<UInt8>, _ element: XESElement) throws(ImportError) {
        guard problem == nil else { return }
        guard tag.hasKey else {
            return reject(b, .malformedRow, column: nil, found: nil, "attribute element without a key")
        }
        let key = try predictedKey(b)
        guard tag.hasValue else {
            return reject(b, .malformedRow, column: keys.string(key), found: nil, "attribute '\(keys.string(key))' has no value")
        }
        let value = try valueBytes(b)
        switch key {
        case Self.activityKey: current.activity = store(value)
        case Self.resourceKey: current.resource = store(value)
        case Self.groupKey: current.group = store(value)
        case Self.lifecycleKey: current.lifecycle = store(value)
        case Self.timestampKey:
            guard let micros = date(value) else {
                return reject(
                    b, .invalidTimestamp, column: XESKeys.timeTimestamp, found: string(value),
                    "time:timestamp is not an ISO 8601 date-time")
            }
            current.timestamp = micros
            current.hasTimestamp = true
        default:
            var field = Field(key: key, type: .string, span: Span(), number: 0)
            switch element {
            case .date:
                guard let micros = date(value) else {
                    return reject(b, .invalidValue, column: keys.string(key), found: string(value), "date attribute '\(keys.string(key))' is not an ISO 8601 date-time")
                }
                field.type = .date
                field.number = micros
            case .int:
                guard let v = XESValueParsers.int(value) else {
                    return reject(b, .invalidValue, column: keys.string(key), found: string(value), "int attribute '\(keys.string(key))' is not a 64-bit integer")
                }
                field.type = .int
                field.number = v
            case .float:
                guard let v = XESValueParsers.double(value) else {
                    return reject(b, .invalidValue, column: keys.string(key), found: string(value), "float attribute '\(keys.string(key))' is not a number")
                }
                field.type = .float
                field.number = Int64(bitPattern: v.bitPattern)
            case .boolean:
                guard let v = XESValueParsers.bool(value) else {
                    return reject(b, .invalidValue, column: keys.string(key), found: string(value), "boolean attribute '\(keys.string(key))' is not true or false")
                }
                field.type = .bool
                field.number = v ? 1 : 0
            default:
                field.span = store(value)
            }
            fields.append(field)
        }
    }

    /// An element inside an `<event>` that is not a XES attribute type: the event is rejected.
    mutating func noteUnknownEventElement(_ b: UnsafePointer<UInt8>) {
        guard problem == nil else { return }
        let name = text(b, tag.nameStart, tag.nameEnd)
        let key = tag.hasKey ? text(b, tag.keyStart, tag.keyEnd) : nil
        reject(
            b, .unsupported, column: key, found: "<\(name)>",
            "unknown attribute type <\(name)>\(key.map { " for key '\($0)'" } ?? ""); "
                + "XES has string, date, int, float, boolean, id, list and container")
    }

    /// `<string|date|int|float|boolean|id key=… value=…>` directly inside a `<trace>`.
    mutating func traceAttribute(_ b: UnsafePointer<UInt8>, _ element: XESElement) throws(ImportError) {
        guard tag.hasKey, tag.hasValue else {
            try traceAttributeProblem(b, "trace attribute without a key or a value was skipped")
            return
        }
        let key = try predictedKey(b)
        let value = try valueBytes(b)
        if key == Self.activityKey {
            guard !hasTraceID else { return }
            traceID.count = 0
            traceID.append(value)
            hasTraceID = true
            if !held.isEmpty { releaseHeldEvents() }
            return
        }
        var field = Field(key: key, type: .string, span: Span(), number: 0)
        var valid = true
        switch element {
        case .date:
            field.type = .date
            if let v = date(value) { field.number = v } else { valid = false }
        case .int:
            field.type = .int
            if let v = XESValueParsers.int(value) { field.number = v } else { valid = false }
        case .float:
            field.type = .float
            if let v = XESValueParsers.double(value) { field.number = Int64(bitPattern: v.bitPattern) } else { valid = false }
        case .boolean:
            field.type = .bool
            if let v = XESValueParsers.bool(value) { field.number = v ? 1 : 0 } else { valid = false }
        default:
            let start = caseArena.append(value)
            field.span = Span(start: start, end: caseArena.count)
        }
        guard valid else {
            try traceAttributeProblem(
                b,
                "trace attribute '\(keys.string(key))' is not a valid \(text(b, tag.nameStart, tag.nameEnd)) ('\(string(value))'); left empty")
            return
        }
        if caseCode != StringPool.missing {
            setCaseAttribute(field)
        } else {
            caseFields.append(field)
        }
    }

    private mutating func traceAttributeProblem(_ b: UnsafePointer<UInt8>, _ reason: String) throws(ImportError) {
        if strict { throw ImportError(.invalidValue, file: "", line: tag.line, found: text(b, tag.tagStart, tag.tagEnd), reason: reason) }
        lineWarnings.append((tag.line, reason))
    }

    // MARK: helpers

    /// Marks the open event for rejection (the first reason wins).
    mutating func reject(
        _ b: UnsafePointer<UInt8>, _ kind: ImportError.Kind, column: String?, found: String?, _ reason: String
    ) {
        guard problem == nil else { return }
        problem = Problem(
            kind: kind, line: tag.line, column: column, found: found, reason: reason, raw: text(b, tag.tagStart, tag.tagEnd))
    }

    /// The code of an event attribute's key: the key at the same position in the previous
    /// event when the bytes match (the usual case), else a lookup.
    @inline(__always)
    private mutating func predictedKey(_ b: UnsafePointer<UInt8>) throws(ImportError) -> UInt32 {
        let ordinal = attributeOrdinal
        attributeOrdinal &+= 1
        let keyStart = tag.keyStart, keyLength = tag.keyEnd - tag.keyStart, keyFlags = tag.keyFlags
        if ordinal < predictedKeys.count && keyFlags == 0 {
            let guess = predictedKeys[ordinal]
            if guess != StringPool.missing {
                let start = keyOffsets[Int(guess)], length = keyOffsets[Int(guess) + 1] - start
                if length == keyLength && xesSameBytes(keyText.base + start, b + keyStart, length) {
                    return guess
                }
            }
        }
        let code = try internKey(b)
        if ordinal < predictedKeys.count { predictedKeys[ordinal] = code }
        return code
    }

    /// The code of the tag's key (decoded first when it holds references).
    private mutating func internKey(_ b: UnsafePointer<UInt8>) throws(ImportError) -> UInt32 {
        let raw = UnsafeRawBufferPointer(start: b + tag.keyStart, count: tag.keyEnd - tag.keyStart)
        let code: UInt32
        if tag.keyFlags == 0 {
            code = registerKey(raw)
        } else {
            keyScratch.count = 0
            try XESValueDecoder.decode(raw, flags: tag.keyFlags, latin1: latin1, line: tag.line, into: keyScratch)
            code = registerKey(keyScratch.bytes(0, keyScratch.count))
        }
        guard Int(code) < Self.maxKeys else {
            throw ImportError(
                .tooLarge, file: "", line: tag.line, column: keys.string(code), expected: "at most \(Self.maxKeys) distinct attribute keys",
                reason: "too many distinct attribute keys: each becomes a column with a row for every event or case")
        }
        return code
    }

    /// Interns a key, keeping a copy of its bytes and a column slot for new ones.
    mutating func registerKey(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let code = keys.intern(bytes)
        if Int(code) >= keyColumn.count {
            keyColumn.append(-1)
            keyText.append(bytes)
            keyOffsets.append(keyText.count)
        }
        return code
    }

    /// The tag's value as text (decoded into the scratch buffer when needed).
    private func valueBytes(_ b: UnsafePointer<UInt8>) throws(ImportError) -> UnsafeRawBufferPointer {
        let raw = UnsafeRawBufferPointer(start: b + tag.valueStart, count: tag.valueEnd - tag.valueStart)
        guard tag.valueFlags != 0 else { return raw }
        valueScratch.count = 0
        try XESValueDecoder.decode(raw, flags: tag.valueFlags, latin1: latin1, line: tag.line, into: valueScratch)
        return valueScratch.bytes(0, valueScratch.count)
    }

    /// Copies a value into the arena.
    @inline(__always)
    private func store(_ value: UnsafeRawBufferPointer) -> Span {
        let start = arena.append(value)
        return Span(start: start, end: arena.count)
    }

    /// An ISO 8601 date-time in UTC microseconds; naive times are read in the configured zone.
    private mutating func date(_ value: UnsafeRawBufferPointer) -> Int64? {
        guard let parsed = ISO8601Parser.parse(value) else { return nil }
        if parsed.hasOffset { return parsed.micros }
        naiveTimestamps += 1
        return naive.isUTC ? parsed.micros : naive.toUTC(parsed.micros)
    }

    private func string(_ value: UnsafeRawBufferPointer) -> String {
        String(decoding: value.prefix(200), as: UTF8.self)
    }
}
