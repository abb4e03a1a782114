/// One XML element as read by ``OCELXMLScanner``: name, attributes in order, children,
/// the text directly inside it, and the 1-based line of its start tag.
struct OCELXMLElement: Sendable {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [OCELXMLElement] = []
    var text = ""
    var line: Int

    /// The value of attribute `key`, or `nil`.
    subscript(key: String) -> String? {
        for a in attributes where a.name == key { return a.value }
        return nil
    }

    /// The first child named `name`.
    func child(_ name: String) -> OCELXMLElement? { children.first { $0.name == name } }

    /// The children named `name`.
    func children(_ name: String) -> [OCELXMLElement] { children.filter { $0.name == name } }
}

/// Why an XML text could not be read.
struct OCELXMLSyntaxError: Error, Sendable {
    enum Kind: Sendable { case syntax, truncated, refused, encoding, tooDeep }
    var kind: Kind
    var line: Int
    var message: String
}

/// A small, strict XML scanner that builds an element tree, for OCEL XML files.
///
/// Handles the XML declaration, processing instructions, comments, CDATA, the five
/// predefined entities and character references. A `<!DOCTYPE` or `<!ENTITY` is refused,
/// never expanded; nesting deeper than ``maxDepth`` is refused; invalid UTF-8 in names,
/// values or text is an error. Cost: one pass; the tree costs a few times the file size,
/// fine for OCEL XML files (which are small), not meant for multi-GB XES.
struct OCELXMLScanner {
    static let maxDepth = 256

    private let b: UnsafeRawBufferPointer
    private var i = 0
    private var line = 1

    private init(_ bytes: UnsafeRawBufferPointer) { b = bytes }

    /// Parses a document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(OCELXMLSyntaxError) -> OCELXMLElement {
        let result: Result<OCELXMLElement, OCELXMLSyntaxError> = bytes.withUnsafeBytes { raw in
            var s = OCELXMLScanner(raw)
            if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { s.i = 3 }
            do throws(OCELXMLSyntaxError) {
                return .success(try s.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func fail(_ message: String, _ kind: OCELXMLSyntaxError.Kind = .syntax) -> OCELXMLSyntaxError {
        OCELXMLSyntaxError(kind: i >= b.count && kind == .syntax ? .truncated : kind, line: line, message: message)
    }

    private func starts(with literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    /// Advances past `terminator`, counting lines; fails at the end of input.
    private mutating func skip(past terminator: StaticString, what: String) throws(OCELXMLSyntaxError) {
        while i < b.count {
            if starts(with: terminator) {
                i += terminator.utf8CodeUnitCount
                return
            }
            if b[i] == 0x0A { line += 1 }
            i += 1
        }
        throw fail("unterminated \(what)")
    }

    private mutating func document() throws(OCELXMLSyntaxError) -> OCELXMLElement {
        var stack: [OCELXMLElement] = []
        var root: OCELXMLElement?
        var text: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c != 0x3C {
                if c == 0x0A { line += 1 }
                if c == 0x26 {
                    try entity(into: &text)
                    continue
                }
                text.append(c)
                i += 1
                continue
            }
            if starts(with: "<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if starts(with: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if starts(with: "<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>", what: "CDATA section")
                text.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[start..<(i - 3)]))
            } else if starts(with: "<!") {
                throw fail("a DOCTYPE or ENTITY declaration is not allowed (it is refused, never expanded)", .refused)
            } else if starts(with: "</") {
                i += 2
                let name = try self.name()
                skipSpace()
                guard i < b.count, b[i] == 0x3E else { throw fail("expected '>' to close </\(name)") }
                i += 1
                guard var done = stack.popLast() else { throw fail("closing tag </\(name)> without an opening tag") }
                guard done.name == name else { throw fail("closing tag </\(name)> does not match <\(done.name)>") }
                done.text += try decode(text)
                text.removeAll(keepingCapacity: true)
                if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
            } else {
                i += 1
                let startLine = line
                let name = try self.name()
                var attributes: [(name: String, value: String)] = []
                while true {
                    skipSpace()
                    guard i < b.count else { throw fail("unterminated start tag <\(name)") }
                    if b[i] == 0x3E || (b[i] == 0x2F && i + 1 < b.count && b[i + 1] == 0x3E) { break }
                    let key = try self.name()
                    skipSpace()
                    guard i < b.count, b[i] == 0x3D else { throw fail("expected '=' after attribute \(key)") }
                    i += 1
                    skipSpace()
                    attributes.append((key, try quoted()))
                }
                guard root == nil else { throw fail("content after the root element") }
                if !stack.isEmpty { stack[stack.count - 1].text += try decode(text) }
                text.removeAll(keepingCapacity: true)
                let element = OCELXMLElement(name: name, attributes: attributes, line: startLine)
                if b[i] == 0x2F {
                    i += 2
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                } else {
                    i += 1
                    stack.append(element)
                    if stack.count > OCELXMLScanner.maxDepth { throw fail("elements nested deeper than \(OCELXMLScanner.maxDepth) levels", .tooDeep) }
                }
            }
        }
        if let open = stack.last { throw OCELXMLSyntaxError(kind: .truncated, line: line, message: "the document ends inside <\(open.name)>") }
        guard let root else { throw OCELXMLSyntaxError(kind: .truncated, line: line, message: "no root element") }
        return root
    }

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func name() throws(OCELXMLSyntaxError) -> String {
        let start = i
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x3E || c == 0x2F || c == 0x3D || c == 0x3C
                || c == 0x22 || c == 0x27
            { break }
            i += 1
        }
        guard i > start else { throw fail("expected a name") }
        guard let s = String(validating: UnsafeRawBufferPointer(rebasing: b[start..<i]), as: UTF8.self) else {
            throw fail("invalid UTF-8 in a name", .encoding)
        }
        return s
    }

    private mutating func quoted() throws(OCELXMLSyntaxError) -> String {
        guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else { throw fail("expected a quoted attribute value") }
        let quote = b[i]
        i += 1
        var out: [UInt8] = []
        while i < b.count, b[i] != quote {
            if b[i] == 0x3C { throw fail("'<' inside an attribute value") }
            if b[i] == 0x26 {
                try entity(into: &out)
                continue
            }
            if b[i] == 0x0A { line += 1 }
            out.append(b[i])
            i += 1
        }
        guard i < b.count else { throw fail("unterminated attribute value") }
        i += 1
        return try decode(out)
    }

    /// Decodes `&name;` or `&#...;` at `i` into `out`.
    private mutating func entity(into out: inout [UInt8]) throws(OCELXMLSyntaxError) {
        let start = i + 1
        var end = start
        while end < b.count, end - start < 12, b[end] != 0x3B { end += 1 }
        guard end < b.count, b[end] == 0x3B else { throw fail("unterminated entity reference") }
        let ref = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        switch ref {
        case "lt": out.append(0x3C)
        case "gt": out.append(0x3E)
        case "amp": out.append(0x26)
        case "quot": out.append(0x22)
        case "apos": out.append(0x27)
        default:
            var value: UInt32?
            if ref.hasPrefix("#x") || ref.hasPrefix("#X") { value = UInt32(ref.dropFirst(2), radix: 16) }
            else if ref.hasPrefix("#") { value = UInt32(ref.dropFirst(), radix: 10) }
            else { throw fail("unknown entity &\(ref); (only the five predefined ones are allowed)", .refused) }
            let digits = ref.dropFirst(ref.hasPrefix("#x") || ref.hasPrefix("#X") ? 2 : 1)
            if !digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) { value = nil }  // no sign (`&#+65;`)
            guard let v = value, v != 0, let scalar = Unicode.Scalar(v) else { throw fail("invalid character reference &\(ref);") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        i = end + 1
    }

    private func decode(_ bytes: [UInt8]) throws(OCELXMLSyntaxError) -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else { throw fail("invalid UTF-8 in text", .encoding) }
        return s
    }
}
