import CFuzzZlib

/// Gzip-compresses bytes in memory with zlib (the fuzz package's own small helper).
enum Gzip {
    static func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let produced: Int? = out.withUnsafeMutableBytes { dst in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(bytes.count)
            stream.next_out = dst.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(dst.count)
            guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
            return dst.count - Int(stream.avail_out)
        }
        guard let produced else { return nil }
        return Array(out[0..<produced])
    }
}
