import EventLog
import Testing

@testable import Lifecycle

/// The `itsm` preset on incident logs shaped like BPI Challenge 2013 and a helpdesk log.
@Suite struct ITSMPresetTests {
    @Test func bpi2013ShapedIncident() throws {
        let log = LogFixtures.log([
            E("I1", "Accepted", 0, "G97", transition: "In Progress"),
            E("I1", "Queued", 5, "G230", transition: "Awaiting Assignment"),
            E("I1", "Accepted", 30, "G230", transition: "In Progress"),
            E("I1", "Accepted", 40, "G230", transition: "Wait - User"),
            E("I1", "Accepted", 100, "G230", transition: "In Progress"),
            E("I1", "Completed", 200, "G230", transition: "Resolved"),
            E("I1", "Completed", 210, "G230", transition: "Closed"),
            // Work after closure: an implicit reopen, handled by a third group.
            E("I1", "Accepted", 300, "G50", transition: "In Progress"),
            E("I1", "Completed", 400, "G50", transition: "Resolved"),
            E("I2", "Accepted", 0, "G97", transition: "In Progress"),
            E("I2", "Completed", 20, "G97", transition: "Cancelled"),
            E("I3", "Accepted", 0, "G1", transition: "In Progress"),
            E("I3", "Queued", 10, "G2", transition: "Awaiting Assignment"),
        ])
        let t = try Reconstruction.reconstruct(log, profile: Presets.itsm)
        #expect(t.count == 3 && t.unusable.isEmpty)
        let i1 = t.record(try #require(t.row(ofCase: "I1")))
        #expect(i1.ownerSequence == ["G97", "G230", "G50"])
        #expect(i1.firstOwner == "G97")
        // The group on the first Completed/Resolved, not the later one.
        #expect(i1.resolvingOwner == "G230")
        #expect(i1.finalOwnerAssignedAt == LogFixtures.at(5))
        #expect(i1.reopenCount == 1 && i1.status == .resolved)
        #expect(i1.firstTouchAt == LogFixtures.at(0))
        #expect(i1.infoRequests == 1 && i1.infoWaitMicros == 60 * 60_000_000)
        #expect(i1.firstResolvedAt == LogFixtures.at(200) && i1.resolvedAt == LogFixtures.at(400))
        #expect(i1.closedAt == LogFixtures.at(210))
        #expect(!i1.detectedByEvent && i1.detectedAt == LogFixtures.at(0))
        let i2 = t.record(try #require(t.row(ofCase: "I2")))
        #expect(i2.status == .cancelled && i2.resolvingOwner == "G97")
        let i3 = t.record(try #require(t.row(ofCase: "I3")))
        // Never resolved: the last group stands in.
        #expect(i3.status == .open && i3.resolvingOwner == "G2" && i3.handoffs == 1)
    }

    @Test func helpdeskShapedTicket() throws {
        let log = LogFixtures.log([
            E("H", "Insert ticket", 0, "Value 1"), E("H", "Assign seriousness", 5, "Value 1"),
            E("H", "Take in charge ticket", 10, "Value 2"), E("H", "Wait", 20, "Value 2"),
            E("H", "Take in charge ticket", 50, "Value 2"), E("H", "Require upgrade", 60, "Value 3"),
            E("H", "Resolve ticket", 90, "Value 3"), E("H", "Closed", 120, "Value 3"),
        ])
        let x = try Reconstruction.reconstruct(log, profile: Presets.itsm).record(0)
        #expect(x.detectedByEvent)
        #expect(x.status == .closed)
        #expect(x.escalations == 1 && x.infoRequests == 1 && x.infoWaitMicros == 30 * 60_000_000)
        #expect(x.firstOwner == "Value 1" && x.resolvingOwner == "Value 3" && x.handoffs == 2)
        #expect(x.firstTouchAt == LogFixtures.at(10))
        #expect(x.reopenCount == 0)
    }

    @Test func caseInsensitiveMatchingAndStandardPiAbort() throws {
        let log = LogFixtures.log([
            E("K", "ticket OPENED", 0, "ops"), E("K", "work", 5, "ops", transition: "pi_abort"),
        ])
        let x = try Reconstruction.reconstruct(log, profile: Presets.itsm).record(0)
        #expect(x.detectedByEvent && x.status == .cancelled)
    }

    @Test func logThatMatchesNoRoleWarns() throws {
        let log = LogFixtures.log([E("Z", "T02 Check", 0, "g1"), E("Z", "T04 Determine", 5, "g2")])
        let t = try Reconstruction.reconstruct(log, profile: Presets.itsm)
        #expect(t.warnings == [
            "no activity or lifecycle transition of the log matches a role of profile 'itsm': every case starts at its first event and stays open"
        ])
        #expect(t.record(0).status == .open && t.record(0).resolvingOwner == "g2")
    }
}

extension ITSMPresetTests {
    @Test func ownerFallsBackToAnAssignmentGroupColumnWithAWarning() throws {
        let log = LogFixtures.log(
            [
                E("S", "New", 0, extra: ["assignment_group": .string("Network")]),
                E("S", "Active", 10, extra: ["assignment_group": .string("Desktop")]),
                E("S", "Awaiting User Info", 20, extra: ["assignment_group": .string("Desktop")]),
                E("S", "Resolved", 40, extra: ["assignment_group": .string("Desktop")]),
            ])
        let t = try Reconstruction.reconstruct(log, profile: Presets.itsm)
        #expect(t.ownerAttribute == "assignment_group")
        #expect(t.warnings == ["owner attribute 'org:group' is not in the log; using 'assignment_group' instead"])
        let x = t.record(0)
        #expect(x.ownerSequence == ["Network", "Desktop"] && x.resolvingOwner == "Desktop" && x.status == .resolved)
        #expect(x.detectedByEvent && x.infoRequests == 1 && x.infoWaitMicros == 20 * 60_000_000)
    }

    @Test func noOwnerCandidateAtAllNamesThemAll() throws {
        let log = LogFixtures.log([E("S", "New", 0)])
        do {
            _ = try Reconstruction.reconstruct(log, profile: Presets.itsm)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(
                "none of the owner attributes 'org:group', 'assignment_group', 'Assignment Group', 'assigned_group', "
                    + "'support_group', 'resolver_group', 'workgroup', 'team', 'group' of profile 'itsm' is in the log "
                    + "with values; attributes found: concept:name."))
        }
    }
}
