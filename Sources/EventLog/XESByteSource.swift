/// Where the XES bytes come from: the file itself, its gzip inflation, or that inflation
/// running ahead on a second thread.
enum XESByteSource {
    case plain(XESInputFile)
    case gzip(GzipFileSource)
    case readAhead(XESReadAhead)
    case range(XESFileRange)

    /// Bytes of the file consumed so far (compressed bytes for gzip).
    var bytesConsumed: Int {
        switch self {
        case .plain(let file): file.bytesRead
        case .gzip(let gz): gz.compressedBytesRead
        case .readAhead(let ahead): ahead.compressedBytesRead
        case .range(let range): range.bytesRead
        }
    }

    /// Fills `buffer` as far as the data allows; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImportError) -> Int {
        switch self {
        case .plain(let file): try file.read(into: buffer)
        case .gzip(let gz): try gz.read(into: buffer)
        case .readAhead(let ahead): try ahead.read(into: buffer)
        case .range(let range): try range.read(into: buffer)
        }
    }

    /// Ends a background thread, if any (idempotent).
    func stop() {
        if case .readAhead(let ahead) = self { ahead.stop() }
    }

    /// Notes from the gzip layer (call after ``stop()``).
    var warnings: [String] {
        switch self {
        case .plain, .range: []
        case .gzip(let gz): gz.warnings
        case .readAhead(let ahead): ahead.warnings
        }
    }
}
