import EventLog
import Testing

@testable import Lifecycle

typealias E = LogFixtures.Event

/// Hand-made logs through the `orders` preset: one test per rule of the state machine.
@Suite struct ReconstructionTests {
    private func rebuild(_ log: EventLog, _ profile: LifecycleProfile = Presets.orders) throws -> ExceptionTable {
        try Reconstruction.reconstruct(log, profile: profile)
    }

    private func record(_ table: ExceptionTable, _ id: String) throws -> ExceptionRecord {
        let r = try #require(table.row(ofCase: id))
        return table.record(r)
    }

    @Test func everyRoleOnTheHappyPath() throws {
        let log = LogFixtures.log([
            E("X1", "Exception Detected", 0),
            E("X1", "Exception Classified", 5, "dispatch"),
            E("X1", "Assigned", 10, "credit"),
            E("X1", "Work Started", 30, "credit"),
            E("X1", "Info Requested", 40, "credit"),
            E("X1", "Info Received", 100, "credit"),
            E("X1", "Escalated", 110, "credit"),
            E("X1", "Resolved", 200, "credit"),
            E("X1", "Closed", 260),
        ])
        let t = try rebuild(log)
        #expect(t.count == 1 && t.unusable.isEmpty)
        let x = try record(t, "X1")
        #expect(x.status == .closed)
        #expect(x.ownerSequence == ["credit"])
        #expect(x.firstOwner == "credit" && x.resolvingOwner == "credit")
        #expect(x.handoffs == 0 && x.pingPongs == 0 && x.reopenCount == 0)
        #expect(x.detectedByEvent)
        #expect(x.detectedAt == LogFixtures.at(0))
        #expect(x.firstAssignedAt == LogFixtures.at(10))
        #expect(x.finalOwnerAssignedAt == LogFixtures.at(10))
        #expect(x.firstTouchAt == LogFixtures.at(30))
        #expect(x.infoRequests == 1 && x.infoWaitMicros == 60 * 60_000_000)
        #expect(x.escalations == 1)
        #expect(x.firstResolvedAt == LogFixtures.at(200) && x.resolvedAt == LogFixtures.at(200))
        #expect(x.closedAt == LogFixtures.at(260) && x.cancelledAt == nil)
        #expect(x.events == 9 && x.lastEventAt == LogFixtures.at(260))
        #expect(!x.clockSkew)
    }

    @Test func reopenedTwice() throws {
        let log = LogFixtures.log([
            E("R", "Exception Detected", 0), E("R", "Assigned", 1, "tax"), E("R", "Resolved", 10, "tax"),
            E("R", "Reopened", 20, "tax"), E("R", "Resolved", 30, "tax"), E("R", "Reopened", 40, "tax"),
            E("R", "Resolved", 50, "tax"), E("R", "Closed", 60),
        ])
        let x = try record(try rebuild(log), "R")
        #expect(x.reopenCount == 2)
        #expect(x.status == .closed)
        #expect(x.firstResolvedAt == LogFixtures.at(10))
        #expect(x.resolvedAt == LogFixtures.at(50))
        #expect(x.closedAt == LogFixtures.at(60))
    }

    @Test func reopenedAndNeverResolvedAgainIsOpen() throws {
        let log = LogFixtures.log([
            E("R", "Assigned", 1, "tax"), E("R", "Resolved", 10, "tax"), E("R", "Reopened", 20, "tax"),
        ])
        let x = try record(try rebuild(log), "R")
        #expect(x.status == .open && x.reopenCount == 1)
        #expect(x.firstResolvedAt == LogFixtures.at(10) && x.resolvedAt == nil)
    }

    @Test func pingPongBetweenTwoTeams() throws {
        let log = LogFixtures.log([
            E("P", "Exception Detected", 0), E("P", "Assigned", 5, "credit"), E("P", "Reassigned", 20, "pricing_ops"),
            E("P", "Work Started", 25, "pricing_ops"), E("P", "Reassigned", 40, "credit"), E("P", "Resolved", 90, "credit"),
        ])
        let x = try record(try rebuild(log), "P")
        #expect(x.ownerSequence == ["credit", "pricing_ops", "credit"])
        #expect(x.handoffs == 2 && x.pingPongs == 1 && x.immediatePingPongs == 1)
        #expect(x.firstOwner == "credit" && x.resolvingOwner == "credit")
        #expect(x.firstAssignedAt == LogFixtures.at(5))
        #expect(x.finalOwnerAssignedAt == LogFixtures.at(40))
        #expect(x.firstTouchAt == LogFixtures.at(25))
        #expect(x.status == .resolved)
    }

    @Test func returnAfterAThirdTeamIsAPingPongButNotAnImmediateOne() throws {
        let log = LogFixtures.log([
            E("Q", "Assigned", 0, "a"), E("Q", "Reassigned", 1, "b"), E("Q", "Reassigned", 2, "c"),
            E("Q", "Reassigned", 3, "a"), E("Q", "Reassigned", 4, "b"), E("Q", "Resolved", 5, "b"),
        ])
        let x = try record(try rebuild(log), "Q")
        #expect(x.ownerSequence == ["a", "b", "c", "a", "b"])
        #expect(x.handoffs == 4 && x.pingPongs == 2 && x.immediatePingPongs == 0)
        #expect(x.firstOwner == "a" && x.resolvingOwner == "b")
        #expect(x.finalOwnerAssignedAt == LogFixtures.at(4))
    }

    @Test func neverAssignedIsUnusableWithItsReason() throws {
        let log = LogFixtures.log([
            E("N", "Exception Detected", 0), E("N", "Exception Classified", 3, "dispatch"), E("N", "Cancelled", 9),
            E("M", "Exception Detected", 0),
            E("OK", "Assigned", 0, "credit"),
        ])
        let t = try rebuild(log)
        #expect(t.count == 1)
        #expect(t.unusable.map(\.caseID) == ["N", "M"])
        #expect(t.unusable.map(\.reason) == [.noOwner, .noOwner])
        #expect(t.unusable[0].detail == "no event has an owner in 'org:group' (only non-owner values: dispatch)")
        #expect(t.unusable[1].detail == "no event has a value in 'org:group'")
    }

    @Test func caseWithoutEventsIsUnusable() throws {
        let log = LogFixtures.log([E("A", "Assigned", 0, "credit")], emptyCases: ["EMPTY"])
        let t = try rebuild(log)
        #expect(t.count == 1)
        #expect(t.unusable == [UnusableCase(caseIndex: 1, caseID: "EMPTY", reason: .noEvents, detail: "the case has no events")])
    }

    @Test func neverResolvedStaysOpenAndTheLastOwnerStandsIn() throws {
        let log = LogFixtures.log([
            E("O", "Exception Detected", 0), E("O", "Assigned", 10, "planning"), E("O", "Reassigned", 20, "warehouse_ops"),
            E("O", "Work Started", 30, "warehouse_ops"),
            E("LATE", "Assigned", 6000, "credit"),
        ])
        let t = try rebuild(log)
        let x = try record(t, "O")
        #expect(x.status == .open)
        #expect(x.resolvedAt == nil && x.firstResolvedAt == nil && x.closedAt == nil)
        #expect(x.resolvingOwner == "warehouse_ops")
        #expect(x.finalOwnerAssignedAt == LogFixtures.at(20))
        // Open at the end of the log (minute 6000): 100 h > the default 96 h target.
        #expect(x.slaTargetHours == 96)
        #expect(x.slaBreached)
    }

    @Test func cancelledCase() throws {
        let log = LogFixtures.log([
            E("C", "Exception Detected", 0), E("C", "Assigned", 10, "compliance"), E("C", "Cancelled", 70, "compliance"),
        ])
        let x = try record(try rebuild(log), "C")
        #expect(x.status == .cancelled)
        #expect(x.cancelledAt == LogFixtures.at(70))
        #expect(x.resolvedAt == nil)
        #expect(!x.slaBreached)
    }

    @Test func clockSkewIsFlaggedNotANegativeDuration() throws {
        // The resolution was stamped by a system whose clock runs behind: it sorts before detection.
        let log = LogFixtures.log([
            E("S", "Exception Detected", 60), E("S", "Assigned", 10, "credit"), E("S", "Resolved", 30, "credit"),
        ])
        let t = try rebuild(log)
        let x = try record(t, "S")
        #expect(x.clockSkew)
        #expect(x.detectedAt == LogFixtures.at(60))
        #expect(x.resolvedAt == LogFixtures.at(30))
        #expect(t.duration(0, from: t.detectedAt, to: t.resolvedAt) == nil)
        #expect(!x.slaBreached)
    }

    @Test func durationOfAnOrdinaryRow() throws {
        let log = LogFixtures.log([E("D", "Exception Detected", 0), E("D", "Assigned", 5, "tax"), E("D", "Resolved", 65, "tax")])
        let t = try rebuild(log)
        let d: Int64? = t.duration(0, from: t.detectedAt, to: t.resolvedAt)
        #expect(d == Int64(65 * 60_000_000))
        #expect(!t.clockSkew[0])
    }

    @Test func missingOwnerAttributeIsAClearError() throws {
        let log = LogFixtures.log([E("A", "Assigned", 0, "credit")])
        var profile = Presets.orders
        profile.owner = "owning_team"
        #expect(throws: LifecycleError.self) { try Reconstruction.reconstruct(log, profile: profile) }
        do {
            _ = try Reconstruction.reconstruct(log, profile: profile)
        } catch {
            #expect(
                error.description
                    == "owner attribute 'owning_team' of profile 'orders' is not in the log (or has no values); "
                    + "attributes found: org:group, concept:name. Choose one with a profile's 'owner' field or --owner.")
        }
    }

    @Test func multipleResolvedFirstOrLastRule() throws {
        let log = LogFixtures.log([
            E("M", "Assigned", 0, "credit"), E("M", "Resolved", 10, "credit"), E("M", "Reassigned", 20, "tax"),
            E("M", "Resolved", 30, "tax"), E("M", "Reassigned", 40, "pricing_ops"),
        ])
        let last = try record(try rebuild(log), "M")
        #expect(last.resolvingOwner == "tax")
        #expect(last.finalOwnerAssignedAt == LogFixtures.at(20))
        #expect(last.firstResolvedAt == LogFixtures.at(10) && last.resolvedAt == LogFixtures.at(30))
        #expect(last.status == .resolved && last.reopenCount == 0)
        var first = Presets.orders
        first.resolvingOwner = .firstResolution
        let f = try record(try rebuild(log, first), "M")
        #expect(f.resolvingOwner == "credit")
        #expect(f.finalOwnerAssignedAt == LogFixtures.at(0))
    }

    @Test func withoutDetectionEventTheCaseStartsAtItsFirstEvent() throws {
        let log = LogFixtures.log([E("W", "Exception Classified", 7, "dispatch"), E("W", "Assigned", 9, "tax")])
        let x = try record(try rebuild(log), "W")
        #expect(!x.detectedByEvent)
        #expect(x.detectedAt == LogFixtures.at(7))
    }

    @Test func ownerFromAnEventAttributeNamedTeam() throws {
        let log = LogFixtures.log(
            [E("T", "Assigned", 0, "credit"), E("T", "Reassigned", 5, "tax"), E("T", "Resolved", 9, "tax")],
            teamAsEventAttribute: true)
        let t = try rebuild(log)
        #expect(t.ownerAttribute == "team")
        #expect(t.record(0).ownerSequence == ["credit", "tax"])
    }
}
