#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The POSIX calls under names the client's own methods do not shadow.
#if canImport(Glibc)
private let streamSocket = Int32(SOCK_STREAM.rawValue)
private let sendFlags = Int32(MSG_NOSIGNAL)
#else
private let streamSocket = SOCK_STREAM
private let sendFlags: Int32 = 0
#endif
private func posixSocket() -> Int32 { socket(AF_INET, streamSocket, 0) }
private func posixConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
private func posixSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { send(fd, bytes, count, sendFlags) }
private func posixClose(_ fd: Int32) { _ = close(fd) }

/// Why an exchange with the server failed (the socket is closed; the next exchange reconnects).
struct HTTPLoadError: Error, CustomStringConvertible {
    let description: String
}

/// One blocking keep-alive HTTP/1.1 connection to a server, for load generation: the caller
/// hands it a complete request (head and body, built once by ``HTTPRequestBytes``), it sends
/// it and reads the whole response (head, then a `Content-Length` body) into a buffer it
/// reuses, so an exchange allocates nothing.
///
/// Not thread-safe: one client per thread. Socket timeouts (10 s) turn a stuck server into an
/// error instead of a hang. A response with `Connection: close`, or any failure, closes the
/// socket; the next ``exchange(_:)`` opens a new one.
final class HTTPLoadClient {
    let host: String
    let port: Int
    /// Seconds a send or receive may block.
    static let timeoutSeconds = 10

    private var socket: Int32 = -1
    private var buffer: UnsafeMutableRawBufferPointer
    /// Where the last response's body lies in the buffer.
    private var bodyRange = 0..<0

    init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
        buffer = .allocate(byteCount: 64 * 1024, alignment: 8)
    }

    deinit {
        close()
        buffer.deallocate()
    }

    /// The body of the last response (valid until the next exchange).
    var body: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[bodyRange]) }

    /// Opens the connection if it is not open (TCP_NODELAY, send/receive timeouts).
    func connect() throws(HTTPLoadError) {
        guard socket < 0 else { return }
        let fd = posixSocket()
        guard fd >= 0 else { throw HTTPLoadError(description: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: HTTPLoadClient.timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            posixClose(fd)
            throw HTTPLoadError(description: "'\(host)' is not an IPv4 address")
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                posixConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            posixClose(fd)
            throw HTTPLoadError(description: "connect to \(host):\(port): \(reason)")
        }
        socket = fd
    }

    /// Closes the connection (if open).
    func close() {
        if socket >= 0 { posixClose(socket) }
        socket = -1
    }

    /// Sends `request` and reads the whole response; returns its status code. Reconnects first
    /// if the connection is closed. On failure the connection is closed and the error says why.
    func exchange(_ request: UnsafeRawBufferPointer) throws(HTTPLoadError) -> Int {
        try connect()
        do {
            try send(request)
            return try receive()
        } catch {
            close()
            throw error
        }
    }

    private func send(_ request: UnsafeRawBufferPointer) throws(HTTPLoadError) {
        guard let base = request.baseAddress else { return }
        var sent = 0
        while sent < request.count {
            let n = posixSend(socket, base + sent, request.count - sent)
            if n > 0 {
                sent += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw failure("send")
            }
        }
    }

    /// Reads one response; keeps the connection unless the server asked to close it.
    private func receive() throws(HTTPLoadError) -> Int {
        var filled = 0
        var headEnd = -1
        while headEnd < 0 {
            try read(into: &filled)
            headEnd = HTTPResponseHead.end(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
        }
        let head = UnsafeRawBufferPointer(rebasing: buffer[0..<headEnd])
        guard let status = HTTPResponseHead.status(head) else {
            throw HTTPLoadError(description: "malformed status line: '\(HTTPResponseHead.preview(head))'")
        }
        guard let length = HTTPResponseHead.contentLength(head) else {
            throw HTTPLoadError(description: "response \(status) without Content-Length (chunked bodies are not supported)")
        }
        let total = headEnd + length
        if total > buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: total, alignment: 8)
            larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
            buffer.deallocate()
            buffer = larger
        }
        while filled < total { try read(into: &filled) }
        guard filled == total else { throw HTTPLoadError(description: "\(filled - total) bytes after the response body") }
        bodyRange = headEnd..<total
        if HTTPResponseHead.closes(head) { close() }
        return status
    }

    private func read(into filled: inout Int) throws(HTTPLoadError) {
        if filled == buffer.count { throw HTTPLoadError(description: "response head larger than \(buffer.count) bytes") }
        while true {
            let n = recv(socket, buffer.baseAddress.map { $0 + filled }, buffer.count - filled, 0)
            if n > 0 {
                filled += n
                return
            }
            if n == 0 { throw HTTPLoadError(description: "the server closed the connection") }
            if errno == EINTR { continue }
            throw failure("receive")
        }
    }

    private func failure(_ action: String) -> HTTPLoadError {
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK {
            return HTTPLoadError(description: "\(action): no answer within \(HTTPLoadClient.timeoutSeconds) s")
        }
        return HTTPLoadError(description: "\(action): \(String(cString: strerror(code)))")
    }
}
