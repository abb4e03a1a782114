/// Streaming calls of ``OCELJSONParser``: walk an object's members or an array's elements
/// one at a time, skip a value without building it, and jump back to a remembered place.
/// OCEL readers use them to hold one event at a time instead of the whole document.
extension OCELJSONParser {
    /// A place in the text to come back to.
    struct Position: Sendable {
        var offset: Int
        var line: Int
    }

    var position: Position { Position(offset: i, line: line) }

    mutating func seek(to p: Position) {
        i = p.offset
        line = p.line
    }

    /// The next significant byte, without consuming it (`nil` at the end).
    mutating func peek() -> UInt8? {
        skipSpace()
        return i < b.count ? b[i] : nil
    }

    /// Consumes `{`; follow with ``nextMember(first:)`` until it returns `nil`.
    mutating func enterObject() throws(OCELJSONSyntaxError) {
        guard peek() == 0x7B else { throw error("expected '{'") }
        try enter()
        i += 1
    }

    /// The next member name (its value comes next), or `nil` after the closing `}`.
    /// Pass the same `first` flag, set to `true`, for all members of one object.
    mutating func nextMember(first: inout Bool) throws(OCELJSONSyntaxError) -> String? {
        guard let c = peek() else { throw error("expected a member or '}'") }
        if c == 0x7D {
            i += 1
            depth -= 1
            return nil
        }
        if !first {
            guard c == 0x2C else { throw error("expected ',' or '}' after an object member") }
            i += 1
        }
        first = false
        guard peek() == 0x22 else { throw error("expected a member name in double quotes") }
        let key = try string()
        guard peek() == 0x3A else { throw error("expected ':' after a member name") }
        i += 1
        return key
    }

    /// Consumes `[`; follow with ``nextElement(first:)`` until it returns `false`.
    mutating func enterArray() throws(OCELJSONSyntaxError) {
        guard peek() == 0x5B else { throw error("expected '['") }
        try enter()
        i += 1
    }

    /// Whether another element follows (read it next), or `false` after the closing `]`.
    mutating func nextElement(first: inout Bool) throws(OCELJSONSyntaxError) -> Bool {
        guard let c = peek() else { throw error("expected an element or ']'") }
        if c == 0x5D {
            i += 1
            depth -= 1
            return false
        }
        if !first {
            guard c == 0x2C else { throw error("expected ',' or ']' after an array element") }
            i += 1
        }
        first = false
        return true
    }

    /// Passes over one value without building it. Strings are checked for termination and
    /// control characters and brackets for balance; numbers and literals are only delimited
    /// (members that are read are parsed in full).
    mutating func skipValue() throws(OCELJSONSyntaxError) {
        guard let first = peek(), ![0x2C, 0x3A, 0x7D, 0x5D].contains(first) else { throw error("expected a value") }
        var stack: [UInt8] = []
        repeat {
            skipSpace()
            guard i < b.count else { throw error("expected a value") }
            let c = b[i]
            switch c {
            case 0x22:
                i += 1
                while i < b.count, b[i] != 0x22 {
                    if b[i] < 0x20 { throw error("control character inside a string") }
                    i += b[i] == 0x5C ? 2 : 1
                }
                guard i < b.count else { throw error("unterminated string") }
                i += 1
            case 0x7B, 0x5B:
                stack.append(c == 0x7B ? 0x7D : 0x5D)
                if depth + stack.count > OCELJSONParser.maxDepth {
                    throw error("nesting deeper than \(OCELJSONParser.maxDepth) levels", kind: .tooDeep)
                }
                i += 1
            case 0x7D, 0x5D:
                guard stack.last == c else { throw error("unbalanced '\(Character(Unicode.Scalar(c)))'") }
                stack.removeLast()
                i += 1
            case 0x2C, 0x3A:
                i += 1
            default:
                let start = i
                while i < b.count, !Self.delimiters.contains(b[i]) { i += 1 }
                guard i > start else { throw error("expected a value") }
            }
        } while !stack.isEmpty
    }

    /// Fails unless only white space remains.
    mutating func end() throws(OCELJSONSyntaxError) {
        if peek() != nil { throw error("unexpected text after the JSON document") }
    }

    private static let delimiters: Set<UInt8> = [0x2C, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D, 0x22, 0x20, 0x09, 0x0A, 0x0D]
}
