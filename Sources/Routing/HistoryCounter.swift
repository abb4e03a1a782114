import EventLog

/// Counts, for each exception, the earlier exceptions with the same key inside a time window,
/// looking only at strictly earlier detection times (no look-ahead, ties do not count).
///
/// Batch form for training data (``counts(keys:times:windowMicros:)``), and an incremental
/// form for streams (``record(key:time:)`` after ``count(key:time:)``) whose memory is the
/// number of exceptions inside the window.
public struct HistoryCounter: Sendable {
    private var times: [UInt32: [Int64]] = [:]
    private var heads: [UInt32: Int] = [:]
    public let windowMicros: Int64

    public init(windowMicros: Int64) { self.windowMicros = windowMicros }

    /// Earlier exceptions with `key` in `[time − window, time)`. Call in non-decreasing time order.
    public mutating func count(key: UInt32, time: Int64) -> Int {
        guard let list = times[key] else { return 0 }
        var head = heads[key] ?? 0
        while head < list.count && list[head] < time - windowMicros { head += 1 }
        heads[key] = head
        var end = list.count
        while end > head && list[end - 1] >= time { end -= 1 }
        if head > 4096 && head * 2 > list.count {
            times[key] = Array(list[head...])
            heads[key] = 0
        }
        return end - head
    }

    /// Adds an exception with `key` at `time`.
    public mutating func record(key: UInt32, time: Int64) {
        times[key, default: []].append(time)
    }

    /// For every row, the number of rows with the same key detected strictly earlier within the
    /// window. Rows may come in any order; missing keys (``StringPool/missing``) count 0.
    /// Cost: O(n log n) for the sort plus O(n).
    public static func counts(keys: [UInt32], times: [Int64], windowMicros: Int64) -> [Int] {
        let n = keys.count
        let order = (0..<n).sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        var perKey: [UInt32: [Int64]] = [:]
        var heads: [UInt32: Int] = [:]
        var result = [Int](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            let t = times[order[i]]
            while j < n && times[order[j]] == t { j += 1 }
            for k in i..<j {
                let row = order[k], key = keys[row]
                guard key != StringPool.missing, let list = perKey[key] else { continue }
                var head = heads[key] ?? 0
                while head < list.count && list[head] < t - windowMicros { head += 1 }
                heads[key] = head
                result[row] = list.count - head
            }
            for k in i..<j where keys[order[k]] != StringPool.missing {
                perKey[keys[order[k]], default: []].append(t)
            }
            i = j
        }
        return result
    }
}
