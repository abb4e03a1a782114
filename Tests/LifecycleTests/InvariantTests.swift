import EventLog
import Testing

@testable import Lifecycle

/// Random logs (seeded) through both presets: whatever the events, every case is accounted
/// for and the row's numbers agree with each other.
@Suite struct InvariantTests {
    static let activities = [
        "Exception Detected", "Exception Classified", "Assigned", "Reassigned", "Work Started", "Info Requested",
        "Info Received", "Escalated", "Resolved", "Reopened", "Closed", "Cancelled", "Accepted", "Queued", "Completed",
        "Something Else",
    ]
    static let transitions = ["In Progress", "Awaiting Assignment", "Resolved", "Closed", "Cancelled", "Wait - User", "complete"]
    static let teams = ["credit", "tax", "planning", "dispatch", "", "G1", "G2"]

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomLogsKeepEveryInvariant(seed: UInt64) throws {
        var rng = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        var events: [E] = []
        for c in 0..<300 {
            for _ in 0..<next(12) {
                let team = Self.teams[next(Self.teams.count)]
                let transition = next(3) == 0 ? nil : Self.transitions[next(Self.transitions.count)]
                events.append(
                    E("C\(c)", Self.activities[next(Self.activities.count)], next(5000), team.isEmpty ? nil : team,
                      transition: transition))
            }
        }
        let log = LogFixtures.log(events, emptyCases: ["EMPTY"])
        for profile in [Presets.orders, Presets.itsm] {
            let t = try Reconstruction.reconstruct(log, profile: profile)
            #expect(t.count + t.unusable.count == log.caseCount)
            #expect(Set(t.caseIndex.map(Int.init)).isDisjoint(with: t.unusable.map(\.caseIndex)))
            for r in 0..<t.count {
                let seq = Array(t.ownerCodes(r))
                #expect(!seq.isEmpty && Int(t.handoffs[r]) == seq.count - 1)
                #expect(zip(seq, seq.dropFirst()).allSatisfy { $0 != $1 })
                #expect(t.firstOwner[r] == seq[0] && seq.contains(t.resolvingOwner[r]))
                #expect(t.immediatePingPongs[r] <= t.pingPongs[r] && t.pingPongs[r] <= t.handoffs[r])
                #expect(seq.allSatisfy { t.owners.string($0) != "dispatch" || profile.name == "itsm" })
                #expect(t.detectedAt[r] <= t.lastEventAt[r])
                let resolvedOrClosed = t.status[r] == .resolved || t.status[r] == .closed
                #expect(resolvedOrClosed == (t.resolvedAt[r] != ExceptionTable.noTime))
                #expect(t.status[r] != .cancelled || t.cancelledAt[r] != ExceptionTable.noTime)
                if t.firstResolvedAt[r] != ExceptionTable.noTime, t.resolvedAt[r] != ExceptionTable.noTime {
                    #expect(t.firstResolvedAt[r] <= t.resolvedAt[r])
                }
                #expect(t.infoWaitMicros[r] >= 0)
                if let d = t.duration(r, from: t.detectedAt, to: t.resolvedAt) { #expect(d >= 0) }
            }
            #expect(ExceptionTableCSV.render(t).split(separator: "\n").count == t.count + 1)
        }
    }
}
