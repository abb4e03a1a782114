/// One XML tag found by ``XESScanner``. Offsets point into the buffer the scanner was given
/// and are valid until that buffer changes.
///
/// Only the two XML attributes XES uses on its attribute elements are kept: `key` and
/// `value` (absent: `-1`). Every other attribute is checked for well-formedness and dropped.
struct XESTag {
    /// `true` for `</name>`.
    var isEnd = false
    /// `true` for `<name … />`.
    var selfClosing = false
    var tagStart = 0
    var tagEnd = 0
    var nameStart = 0
    var nameEnd = 0
    var keyStart = -1
    var keyEnd = -1
    var keyFlags: UInt8 = 0
    var valueStart = -1
    var valueEnd = -1
    var valueFlags: UInt8 = 0
    /// 1-based line of the `<`.
    var line = 1

    var hasKey: Bool { keyStart >= 0 }
    var hasValue: Bool { valueStart >= 0 }
}

/// What ``XESScanner/next(_:_:isFinal:tag:)`` found.
enum XESScanStep {
    /// A start or end tag, in `tag`.
    case tag
    /// The buffer ends inside a tag: call again with more bytes from `position` on.
    case needMore
    /// The input is finished and nothing but white space, comments or declarations remained.
    case endOfInput
}

/// A hand-written XML tokenizer for XES, on raw bytes.
///
/// It returns start and end tags one at a time and skips the XML declaration, processing
/// instructions and comments. Character data between tags must be white space (XES has
/// none). A `DOCTYPE` or `ENTITY` declaration is refused, never expanded. It keeps no stack
/// and never recurses, so any nesting depth is safe; it counts lines for messages.
///
/// Feed it a buffer and a position; when the buffer ends inside a tag it answers
/// ``XESScanStep/needMore`` with the position left at that tag's `<`, so a streaming reader
/// can carry the tail over to the next chunk. Cost: a table lookup per byte.
struct XESScanner {
    /// Line of the next byte to scan.
    var line = 1
    /// Set by an `<?xml … encoding="ISO-8859-1"?>` declaration: values are Latin-1 bytes.
    var latin1 = false
    // The byte-class tables, read once (a global's lazy-init check per byte would cost).
    let textClass = XESByteClass.text
    let valueClass = XESByteClass.value
    let nameStop = XESByteClass.nameStop

    /// Scans from `position` to the next tag.
    mutating func next(
        _ buffer: UnsafeRawBufferPointer, _ position: inout Int, isFinal: Bool, tag: inout XESTag
    ) throws(ImportError) -> XESScanStep {
        guard let raw = buffer.baseAddress else { return isFinal ? .endOfInput : .needMore }
        let b = raw.assumingMemoryBound(to: UInt8.self)
        let n = buffer.count
        let text = textClass
        var p = position
        while true {
            // Character data up to the next '<': white space only. Eight bytes a step while
            // they are all white space (counting line feeds); the byte loop below handles the
            // rest and reports anything else.
            p = skipSpace(b, p, n)
            while p < n {
                let c = text[Int(b[p])]
                if c == 0 {
                    p &+= 1
                } else if c == 1 {
                    line &+= 1
                    p &+= 1
                } else if c == 2 {
                    break
                } else {
                    position = p
                    throw unexpectedText(b, p, n)
                }
            }
            position = p
            guard p < n else { return isFinal ? .endOfInput : .needMore }
            let startLine = line
            let step: XESScanStep
            if p + 1 < n && b[p + 1] == UInt8(ascii: "?") {
                step = try skipProcessingInstruction(b, &p, n)
            } else if p + 1 < n && b[p + 1] == UInt8(ascii: "!") {
                step = try skipMarkup(b, &p, n, isFinal: isFinal)
            } else {
                tag.line = startLine
                step = try scanTag(b, &p, n, &tag)
                if step == .tag {
                    position = p
                    return .tag
                }
            }
            if step == .needMore {
                line = startLine
                guard !isFinal else {
                    throw ImportError(
                        .truncated, file: "", line: startLine,
                        reason: "the file ends inside a tag that starts on this line (truncated or malformed XML)")
                }
                return .needMore
            }
            position = p
        }
    }

    // MARK: tags

    private mutating func scanTag(
        _ b: UnsafePointer<UInt8>, _ p: inout Int, _ n: Int, _ tag: inout XESTag
    ) throws(ImportError) -> XESScanStep {
        let stop = nameStop
        tag.tagStart = p
        var i = p + 1
        guard i < n else { return .needMore }
        tag.isEnd = b[i] == UInt8(ascii: "/")
        if tag.isEnd { i += 1 }
        tag.nameStart = i
        i = skipName(b, i, n, stop)
        guard i < n else { return .needMore }
        tag.nameEnd = i
        guard tag.nameEnd > tag.nameStart else {
            throw ImportError(
                .malformedXML, file: "", line: line, expected: "an element name after '<'",
                found: describe(b[i]), reason: "malformed tag")
        }
        tag.selfClosing = false
        tag.keyStart = -1
        tag.keyEnd = -1
        tag.valueStart = -1
        tag.valueEnd = -1
        tag.keyFlags = 0
        tag.valueFlags = 0
        let raw = UnsafeRawPointer(b)
        while true {
            // The usual spellings ` key="` and ` value="` (with double quotes) go straight on.
            if i &+ 8 <= n && !tag.isEnd {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word == Self.spaceValueQuote {
                    i &+= 8
                    let start = i
                    var flags: UInt8 = 0
                    guard try scanValue(b, &i, n, quote: UInt8(ascii: "\""), flags: &flags) else { return .needMore }
                    tag.valueStart = start
                    tag.valueEnd = i
                    tag.valueFlags = flags
                    i &+= 1
                    continue
                }
                if word & 0xFFFF_FFFF_FFFF == Self.spaceKeyQuote {
                    i &+= 6
                    let start = i
                    var flags: UInt8 = 0
                    guard try scanValue(b, &i, n, quote: UInt8(ascii: "\""), flags: &flags) else { return .needMore }
                    tag.keyStart = start
                    tag.keyEnd = i
                    tag.keyFlags = flags
                    i &+= 1
                    continue
                }
            }
            // White space before the next attribute or the end of the tag.
            while i < n && b[i] <= 0x20 {
                let c = b[i]
                guard c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D else {
                    throw ImportError(.malformedXML, file: "", line: line, found: describe(c), reason: "control character inside a tag")
                }
                if c == 0x0A { line &+= 1 }
                i &+= 1
            }
            guard i < n else { return .needMore }
            let c = b[i]
            if c == UInt8(ascii: ">") {
                p = i + 1
                tag.tagEnd = p
                return .tag
            }
            if c == UInt8(ascii: "/") && !tag.isEnd {
                guard i + 1 < n else { return .needMore }
                guard b[i + 1] == UInt8(ascii: ">") else {
                    throw ImportError(.malformedXML, file: "", line: line, expected: "'/>'", found: describe(b[i + 1]), reason: "malformed tag")
                }
                tag.selfClosing = true
                p = i + 2
                tag.tagEnd = p
                return .tag
            }
            guard !tag.isEnd else {
                throw ImportError(
                    .malformedXML, file: "", line: line, expected: "'>' to close the end tag", found: describe(c),
                    reason: "malformed end tag")
            }
            // name = "value"
            let attrStart = i
            i = skipName(b, i, n, stop)
            guard i < n else { return .needMore }
            let attrEnd = i
            guard attrEnd > attrStart else {
                throw ImportError(.malformedXML, file: "", line: line, expected: "an attribute name, '>' or '/>'", found: describe(b[i]), reason: "malformed tag")
            }
            while i < n && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) {
                if b[i] == 0x0A { line &+= 1 }
                i &+= 1
            }
            guard i < n else { return .needMore }
            guard b[i] == UInt8(ascii: "=") else {
                throw ImportError(.malformedXML, file: "", line: line, expected: "'=' after an attribute name", found: describe(b[i]), reason: "malformed attribute")
            }
            i &+= 1
            while i < n && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) {
                if b[i] == 0x0A { line &+= 1 }
                i &+= 1
            }
            guard i < n else { return .needMore }
            let quote = b[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw ImportError(.malformedXML, file: "", line: line, expected: "a quoted attribute value", found: describe(quote), reason: "malformed attribute")
            }
            i &+= 1
            let valueStart = i
            var flags: UInt8 = 0
            guard try scanValue(b, &i, n, quote: quote, flags: &flags) else { return .needMore }
            let valueEnd = i
            i &+= 1
            let len = attrEnd - attrStart
            if len == 3 && b[attrStart] == UInt8(ascii: "k") && b[attrStart + 1] == UInt8(ascii: "e")
                && b[attrStart + 2] == UInt8(ascii: "y")
            {
                tag.keyStart = valueStart
                tag.keyEnd = valueEnd
                tag.keyFlags = flags
            } else if len == 5 && b[attrStart] == UInt8(ascii: "v") && b[attrStart + 1] == UInt8(ascii: "a")
                && b[attrStart + 2] == UInt8(ascii: "l") && b[attrStart + 3] == UInt8(ascii: "u")
                && b[attrStart + 4] == UInt8(ascii: "e")
            {
                tag.valueStart = valueStart
                tag.valueEnd = valueEnd
                tag.valueFlags = flags
            }
        }
    }

    // MARK: declarations, comments

    /// `<?target … ?>`; reads the encoding of `<?xml … ?>`.
    private mutating func skipProcessingInstruction(_ b: UnsafePointer<UInt8>, _ p: inout Int, _ n: Int) throws(ImportError) -> XESScanStep {
        let start = p
        var i = p + 2
        while i + 1 < n && !(b[i] == UInt8(ascii: "?") && b[i + 1] == UInt8(ascii: ">")) {
            if b[i] == 0x0A { line &+= 1 }
            i &+= 1
        }
        guard i + 1 < n else { return .needMore }
        let body = UnsafeBufferPointer(start: b + start + 2, count: i - start - 2)
        if body.count >= 4, body[0] == UInt8(ascii: "x"), body[1] == UInt8(ascii: "m"), body[2] == UInt8(ascii: "l"), body[3] <= 0x20 {
            try readEncoding(Array(body))
        }
        p = i + 2
        return .tag
    }

    private mutating func readEncoding(_ declaration: [UInt8]) throws(ImportError) {
        let text = String(decoding: declaration, as: UTF8.self).lowercased()
        guard let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii": latin1 = false
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "windows-1252", "cp1252": latin1 = true
        default:
            throw ImportError(
                .invalidEncoding, file: "", line: line, expected: "UTF-8 or ISO-8859-1", found: String(name),
                reason: "unsupported XML encoding; convert the file to UTF-8")
        }
    }

    /// `<!-- … -->`, `<![CDATA[ … ]]>`, and the refused `<!DOCTYPE` / `<!ENTITY`.
    private mutating func skipMarkup(_ b: UnsafePointer<UInt8>, _ p: inout Int, _ n: Int, isFinal: Bool) throws(ImportError) -> XESScanStep {
        let i = p + 2
        if i + 2 > n { return .needMore }
        if b[i] == UInt8(ascii: "-") && b[i + 1] == UInt8(ascii: "-") {
            var j = i + 2
            while j + 2 < n && !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-") && b[j + 2] == UInt8(ascii: ">")) {
                if b[j] == 0x0A { line &+= 1 }
                j &+= 1
            }
            guard j + 2 < n else { return .needMore }
            p = j + 3
            return .tag
        }
        if n - i < 7 && !isFinal { return .needMore }
        let word = Array(UnsafeBufferPointer(start: b + i, count: min(7, n - i)))
        let upper = String(decoding: word, as: UTF8.self).uppercased()
        if upper.hasPrefix("DOCTYPE") || upper.hasPrefix("ENTITY") {
            throw ImportError(
                .refusedDeclaration, file: "", line: line, found: "<!" + upper.prefix(upper.hasPrefix("ENTITY") ? 6 : 7),
                reason: "DOCTYPE and ENTITY declarations are refused, never expanded (they can define entity bombs "
                    + "or read other files); XES does not need them: remove the declaration")
        }
        if upper.hasPrefix("[CDATA[") {
            throw ImportError(.malformedXML, file: "", line: line, found: "<![CDATA[", reason: "character data inside a XES element (XES has none)")
        }
        throw ImportError(.malformedXML, file: "", line: line, found: "<!" + upper, reason: "unknown markup declaration")
    }

    // MARK: messages

    private func unexpectedText(_ b: UnsafePointer<UInt8>, _ p: Int, _ n: Int) -> ImportError {
        var end = p
        while end < n && end - p < 40 && b[end] != UInt8(ascii: "<") && b[end] != 0x0A { end += 1 }
        let sample = String(decoding: UnsafeBufferPointer(start: b + p, count: end - p), as: UTF8.self)
        let printable = sample.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0xFFFD }
        return ImportError(
            .malformedXML, file: "", line: line, expected: "'<' (XES has only elements, no text)",
            found: printable ? sample : describe(b[p]), reason: "unexpected text between elements (not a XES file, or corrupt)")
    }

    func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
