/// Whole-column moves shared by the readers: gathering a column into a new row order, and
/// appending a later part's codes translated into the codes of the part before it.
extension Array {
    /// `self[order[i]]` for every `i`. Cost: one pass, one load and one store per row.
    func gathered(by order: [UInt32]) -> [Element] {
        withUnsafeBufferPointer { source in
            order.withUnsafeBufferPointer { order in
                [Element](unsafeUninitializedCapacity: order.count) { out, count in
                    for i in 0..<order.count { out.initializeElement(at: i, to: source[Int(order[i])]) }
                    count = order.count
                }
            }
        }
    }
}

extension Array where Element == UInt32 {
    /// Appends `map[code]` for each code of `codes`; ``StringPool/missing`` stays missing.
    mutating func appendRemapped(_ codes: [UInt32], through map: [UInt32]) {
        guard !codes.isEmpty else { return }
        let mapped = codes.withUnsafeBufferPointer { codes in
            map.withUnsafeBufferPointer { map in
                [UInt32](unsafeUninitializedCapacity: codes.count) { out, count in
                    for i in 0..<codes.count {
                        let code = codes[i]
                        out.initializeElement(at: i, to: code == StringPool.missing ? code : map[Int(code)])
                    }
                    count = codes.count
                }
            }
        }
        append(contentsOf: mapped)
    }
}
