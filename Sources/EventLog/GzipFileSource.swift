import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inflates a gzip file chunk by chunk with zlib, so that a large `.xes.gz` never has to be
/// held decompressed in memory.
///
/// Handles multi-member files (concatenated gzip streams) and checks every member's CRC.
/// Refuses to produce more than `maxRatio` × the compressed size (a gzip bomb), reports a
/// truncated or corrupt stream as an ``ImportError``. Cost: zlib's inflate speed; memory is
/// the 256 KiB input buffer plus zlib's 32 KiB window.
final class GzipFileSource {
    private let file: XESInputFile
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    private let limit: Int
    private let maxRatio: Int
    /// Bytes produced so far.
    private(set) var inflatedBytes = 0
    /// Notes that lose nothing, such as ignored bytes after the last gzip member.
    private(set) var warnings: [String] = []

    /// Compressed bytes consumed so far (for progress).
    var compressedBytesRead: Int { file.bytesRead }
    /// Size of the compressed file.
    var compressedSize: Int { file.size }

    /// Starts inflating `file` from its beginning.
    init(file: XESInputFile, maxRatio: Int, inputChunk: Int = 256 * 1024) throws(ImportError) {
        self.file = file
        self.maxRatio = max(1, maxRatio)
        let (product, overflow) = max(file.size, 1).multipliedReportingOverflow(by: self.maxRatio)
        limit = overflow ? Int.max : product
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: max(inputChunk, 16), alignment: 16)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            // `deinit` still runs and releases the stream and the buffer.
            throw ImportError(.unreadable, file: file.path, reason: "zlib could not start inflating (code \(rc))")
        }
    }

    /// Whether the bytes start with the gzip magic number `1f 8b`.
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills `out` with inflated bytes; returns how many, 0 once the last member has ended.
    func read(into out: UnsafeMutableRawBufferPointer) throws(ImportError) -> Int {
        guard let outBase = out.baseAddress, out.count > 0, !finished else { return 0 }
        stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: out.count)
        let capacity = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 && !finished {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            let before = Int(stream.pointee.avail_out)
            let rc = inflate(stream, Z_NO_FLUSH)
            let produced = before - Int(stream.pointee.avail_out)
            inflatedBytes += produced
            if inflatedBytes > limit {
                throw ImportError(
                    .tooLarge, file: file.path,
                    reason: "refusing to inflate: the data grows past \(maxRatio) times the compressed size "
                        + "(\(file.size) bytes), which looks like a gzip bomb; raise maxInflateRatio if the file is genuine")
            }
            switch rc {
            case Z_OK:
                continue
            case Z_STREAM_END:
                try startNextMember()
            case Z_BUF_ERROR:
                // No progress possible: either the output is full (loop ends) or the input ran out.
                if stream.pointee.avail_out > 0 && stream.pointee.avail_in == 0 && inputEnded {
                    throw ImportError(
                        .truncated, file: file.path,
                        reason: "the gzip stream ends early after \(inflatedBytes) inflated bytes (the file is truncated)")
                }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "code \(rc)"
                throw ImportError(
                    .unreadable, file: file.path,
                    reason: "corrupt gzip data near compressed byte \(compressedOffset): \(message)")
            }
        }
        return capacity - Int(stream.pointee.avail_out)
    }

    private var compressedOffset: Int { file.bytesRead - Int(stream.pointee.avail_in) }

    private func refill() throws(ImportError) {
        let n = try file.read(into: input)
        if n == 0 { inputEnded = true }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(n)
    }

    /// After a member ends: continue with the next member, or finish.
    private func startNextMember() throws(ImportError) {
        if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
        if stream.pointee.avail_in < 2 && !inputEnded {
            // Keep the one pending byte and read more, so the magic check sees two bytes.
            if stream.pointee.avail_in == 1, let next = stream.pointee.next_in, let base = input.baseAddress {
                base.storeBytes(of: next.pointee, as: UInt8.self)
                let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[1...]))
                if n == 0 { inputEnded = true }
                stream.pointee.next_in = base.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(n + 1)
            }
        }
        let available = Int(stream.pointee.avail_in)
        guard available > 0, let next = stream.pointee.next_in else {
            finished = true
            return
        }
        if available >= 2 && next[0] == 0x1F && next[1] == 0x8B {
            inflateReset(stream)
            return
        }
        let allZero = (0..<available).allSatisfy { next[$0] == 0 }
        if !allZero || !inputEnded {
            warnings.append("\(file.path): bytes after the end of the gzip data were ignored (from compressed byte \(compressedOffset))")
        }
        finished = true
    }
}
