/// HTTP/1.1 requests as bytes, built once before a load run so that sending one is a
/// single `send` of a ready buffer.
enum HTTPRequestBytes {
    /// `METHOD path HTTP/1.1` with Host, an optional bearer token, and for a body
    /// `Content-Type: application/json` and its length; keep-alive (the HTTP/1.1 default).
    static func make(method: String, path: String, host: String, port: Int, token: String?, json: [UInt8]?) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        if let json { head += "Content-Type: application/json\r\nContent-Length: \(json.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + (json ?? [])
    }
}

/// Reading an HTTP/1.1 response head in place (no copies, no `String`s): where it ends, its
/// status, `Content-Length` and whether the server closes the connection. Header names are
/// matched without regard to case.
enum HTTPResponseHead {
    /// The offset just past the blank line ending the head, or -1 while it is incomplete.
    static func end(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count >= 4 else { return -1 }
        for i in 3..<bytes.count where bytes[i] == 0x0A && bytes[i - 1] == 0x0D && bytes[i - 2] == 0x0A && bytes[i - 3] == 0x0D {
            return i + 1
        }
        return -1
    }

    /// The status code of `HTTP/1.x NNN …`, or `nil` when the line is not a status line.
    static func status(_ head: UnsafeRawBufferPointer) -> Int? {
        guard head.count >= 12, head[0] == 0x48, head[1] == 0x54, head[2] == 0x54, head[3] == 0x50, head[4] == 0x2F,
            head[8] == 0x20
        else { return nil }
        var code = 0
        for i in 9..<12 {
            let digit = Int(head[i]) - 0x30
            guard (0...9).contains(digit) else { return nil }
            code = code * 10 + digit
        }
        return code
    }

    /// The `Content-Length` value, or `nil` when absent or not a number.
    static func contentLength(_ head: UnsafeRawBufferPointer) -> Int? {
        guard let value = header(contentLengthName, in: head), !value.isEmpty, value.count <= 12 else { return nil }
        var n = 0
        for b in value {
            guard (0x30...0x39).contains(b) else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    /// Whether the response carries `Connection: close`.
    static func closes(_ head: UnsafeRawBufferPointer) -> Bool {
        guard let value = header(connectionName, in: head) else { return false }
        return equalIgnoringCase(value, closeValue)
    }

    /// The head's first line, for an error message.
    static func preview(_ head: UnsafeRawBufferPointer) -> String {
        String(decoding: head.prefix { $0 != 0x0D && $0 != 0x0A }.prefix(80), as: UTF8.self)
    }

    private static let contentLengthName = Array("content-length".utf8)
    private static let connectionName = Array("connection".utf8)
    private static let closeValue = Array("close".utf8)

    /// The trimmed value of the first header named `wanted` (lowercase ASCII).
    private static func header(_ wanted: [UInt8], in head: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence? {
        var lineStart = 0
        while lineStart < head.count {
            var lineEnd = lineStart
            while lineEnd < head.count && head[lineEnd] != 0x0A { lineEnd += 1 }
            let line = head[lineStart..<lineEnd]
            if line.count > wanted.count, head[lineStart + wanted.count] == 0x3A,
                equalIgnoringCase(head[lineStart..<lineStart + wanted.count], wanted)
            {
                var from = lineStart + wanted.count + 1, to = lineEnd
                while from < to && (head[from] == 0x20 || head[from] == 0x09) { from += 1 }
                while to > from && (head[to - 1] == 0x0D || head[to - 1] == 0x20 || head[to - 1] == 0x09) { to -= 1 }
                return head[from..<to]
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Whether `bytes` spell `lower` (lowercase ASCII) in any case.
    private static func equalIgnoringCase(_ bytes: UnsafeRawBufferPointer.SubSequence, _ lower: [UInt8]) -> Bool {
        guard bytes.count == lower.count else { return false }
        var i = bytes.startIndex
        for b in lower {
            let c = bytes[i]
            guard ((0x41...0x5A).contains(c) ? c | 0x20 : c) == b else { return false }
            i += 1
        }
        return true
    }
}
