import Foundation
import Testing

@testable import RoutingService

/// Per-token token buckets: 429 with Retry-After, one token's excess never costs another's.
@Suite(.serialized) struct RateLimitTests {
    @Test func bucketArithmetic() {
        let limiter = RateLimiter(rate: 2, burst: 3)
        let t0: UInt64 = 1_000_000_000
        #expect((0..<3).map { _ in limiter.take(1, now: t0) } == [nil, nil, nil])
        #expect(limiter.take(1, now: t0) == 1, "empty bucket, one token back in 0.5 s → Retry-After 1")
        #expect(limiter.take(2, now: t0) == nil, "another token has its own bucket")
        #expect(limiter.take(1, now: t0 + 499_000_000) == 1)
        #expect(limiter.take(1, now: t0 + 1_000_000_000) == nil, "refilled by 1 s × 2/s, less what was taken")
        let slow = RateLimiter(rate: 0.2, burst: 1)
        #expect(slow.take(7, now: t0) == nil)
        #expect(slow.take(7, now: t0) == 5, "0.2 requests/s: the next one in 5 s")
        #expect(RateLimiter(rate: 0, burst: 1).take(1, now: t0) == nil, "rate 0 disables the limit")
    }

    @Test func aTokenOverItsLimitGets429WithRetryAfter() async throws {
        try await TestServer.with({ $0.rateLimit = 1; $0.burst = 3 }) { s in
            let body = ServiceFixtures.body(row: 5)
            var answered = 0
            for _ in 0..<3 {
                let reply = try await s.route(body)
                #expect(reply.status == 200, "the burst passes")
                answered += reply.status == 200 ? 1 : 0
            }
            var limited: HTTPReply?
            for _ in 0..<5 where limited == nil {
                let reply = try await s.route(body)
                if reply.status == 429 { limited = reply } else { answered += 1 }
            }
            let reply = try #require(limited, "a token past its burst is refused")
            #expect(reply.headers["retry-after"] == "1")
            #expect(reply.json["error"] as? String == "rate_limited")
            #expect(reply.json["message"] as? String == "this token is limited to 1 requests per second; retry after 1 s")
            // The steward token has its own bucket.
            #expect(try await s.request("POST", "/v1/route", token: s.stewardToken, json: body).status == 200)
            answered += 1
            try await Task.sleep(nanoseconds: 1_100_000_000)
            #expect(try await s.route(body).status == 200, "after Retry-After the token may send again")
            answered += 1
            // Refused requests are neither decided nor audited.
            await s.server.flushAudit()
            #expect(try AuditTable.counts(try s.workspace().database).decisions == answered)
        }
    }
}
