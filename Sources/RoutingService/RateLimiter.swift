/// A token bucket per bearer token: `rate` requests per second sustained, `burst` at once.
/// A refused request learns how long until it would pass (`Retry-After`, whole seconds,
/// at least 1). Thread-safe; one short critical section per request.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: UInt64
    }

    let rate: Double
    let burst: Double
    private let buckets = Locked([Int64: Bucket]())

    /// `rate` ≤ 0 disables limiting.
    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = max(1, burst)
    }

    /// Takes one request from `token`'s bucket at monotonic time `now` (ns); returns `nil` when
    /// allowed, else the seconds to wait.
    func take(_ token: Int64, now: UInt64 = ServiceClock.monotonicNanos()) -> Int? {
        guard rate > 0 else { return nil }
        return buckets.withLock { table -> Int? in
            var bucket = table[token] ?? Bucket(tokens: burst, updated: now)
            let elapsed = Double(now &- bucket.updated) / 1e9
            if now > bucket.updated {
                bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
                bucket.updated = now
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                table[token] = bucket
                return nil
            }
            table[token] = bucket
            let wait = (1 - bucket.tokens) / rate
            return max(1, Int(wait.rounded(.up)))
        }
    }
}
