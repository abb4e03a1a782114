import CZlib
import Foundation

/// A minimal PNG reader for the screenshot test: 8-bit RGB or RGBA, non-interlaced (what
/// Chromium writes). Inflates the IDAT stream with zlib and undoes the row filters.
struct PNGImage {
    var width: Int
    var height: Int
    /// RGB bytes, row by row.
    var rgb: [UInt8]

    enum Failure: Error, CustomStringConvertible {
        case notPNG, unsupported(String), corrupt(String)
        var description: String {
            switch self {
            case .notPNG: "not a PNG file"
            case .unsupported(let m): "unsupported PNG: \(m)"
            case .corrupt(let m): "corrupt PNG: \(m)"
            }
        }
    }

    init(_ data: Data) throws {
        let b = [UInt8](data)
        guard b.count > 8, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Failure.notPNG }
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        var i = 8
        var idat: [UInt8] = []
        var w = 0, h = 0, channels = 0
        while i + 8 <= b.count {
            let length = be32(i)
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            guard i + 12 + length <= b.count else { throw Failure.corrupt("chunk \(type) runs past the end") }
            let body = b[(i + 8)..<(i + 8 + length)]
            if type == "IHDR" {
                w = be32(i + 8)
                h = be32(i + 12)
                let depth = body[body.startIndex + 8], color = body[body.startIndex + 9], interlace = body[body.startIndex + 12]
                guard depth == 8, color == 2 || color == 6, interlace == 0 else {
                    throw Failure.unsupported("bit depth \(depth), colour type \(color), interlace \(interlace)")
                }
                channels = color == 2 ? 3 : 4
            } else if type == "IDAT" {
                idat += body
            } else if type == "IEND" {
                break
            }
            i += 12 + length
        }
        guard w > 0, h > 0, channels > 0 else { throw Failure.corrupt("no IHDR") }
        let stride = w * channels
        var raw = [UInt8](repeating: 0, count: h * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { inp in
                uncompress(out.baseAddress, &rawLength, inp.baseAddress, uLong(inp.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw Failure.corrupt("inflate status \(status)") }
        var pixels = [UInt8](repeating: 0, count: h * stride)
        for y in 0..<h {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = raw[y * (stride + 1) + 1 + x]
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let up = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = up
                case 3: predictor = (a + up) / 2
                case 4:
                    let p = a + up - c
                    let pa = abs(p - a), pb = abs(p - up), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? up : c)
                default: throw Failure.corrupt("row filter \(filter)")
                }
                pixels[y * stride + x] = UInt8(truncatingIfNeeded: Int(v) + predictor)
            }
        }
        width = w
        height = h
        rgb = []
        rgb.reserveCapacity(w * h * 3)
        for p in 0..<(w * h) { rgb += pixels[(p * channels)..<(p * channels + 3)] }
    }

    /// Pixels that are not (near) white.
    var inkedPixels: Int {
        var n = 0
        for p in 0..<(width * height) where rgb[3 * p] < 235 || rgb[3 * p + 1] < 235 || rgb[3 * p + 2] < 235 { n += 1 }
        return n
    }

    /// Distinct colours, quantised to 4 bits per channel.
    var distinctColours: Int {
        var seen = Set<Int>()
        for p in 0..<(width * height) { seen.insert(Int(rgb[3 * p] >> 4) << 8 | Int(rgb[3 * p + 1] >> 4) << 4 | Int(rgb[3 * p + 2] >> 4)) }
        return seen.count
    }

    /// Inked pixels in rows `from ..< to`.
    func inkedPixels(rows: Range<Int>) -> Int {
        var n = 0
        for y in rows.clamped(to: 0..<height) {
            for x in 0..<width {
                let p = y * width + x
                if rgb[3 * p] < 235 || rgb[3 * p + 1] < 235 || rgb[3 * p + 2] < 235 { n += 1 }
            }
        }
        return n
    }
}
