import EventLog
import Foundation
import FuzzSupport
import Lifecycle

/// libFuzzer entry point for lifecycle profiles: the first byte says YAML (odd) or JSON
/// (even), the rest is the profile file. A profile that loads must survive a JSON round
/// trip unchanged and reconstruct a small fixed log with every case accounted for; one that
/// does not load must say why.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Data(bytes: data + 1, count: size - 1)
    let profile: LifecycleProfile
    do {
        profile = try ProfileLoader.decode(bytes, yaml: data[0] & 1 == 1, source: "fuzz", defaultName: "fuzz")
    } catch {
        if error.description.isEmpty || error.problems.isEmpty { FuzzInput.fail("profile: an error without a reason") }
        return 0
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let json = try? encoder.encode(profile) else { FuzzInput.fail("profile: a loaded profile does not encode") }
    do {
        let again = try ProfileLoader.decode(json, yaml: false, source: "fuzz")
        if again != profile { FuzzInput.fail("profile: JSON round trip changed the profile:\n\(String(decoding: json, as: UTF8.self))") }
    } catch {
        FuzzInput.fail("profile: its own JSON does not load: \(error)\n\(String(decoding: json, as: UTF8.self))")
    }
    do {
        let table = try Reconstruction.reconstruct(ProfileFixture.log, profile: profile)
        if table.count + table.unusable.count != ProfileFixture.log.caseCount {
            FuzzInput.fail("profile: \(table.count) rows + \(table.unusable.count) unusable != \(ProfileFixture.log.caseCount) cases")
        }
    } catch {
        if "\(error)".isEmpty { FuzzInput.fail("profile: a reconstruction error without a reason") }
    }
    return 0
}

/// A small log in the orders vocabulary (built once).
enum ProfileFixture {
    nonisolated(unsafe) static let log: EventLog = {
        var b = EventLogBuilder(name: "fixture")
        let activities = [
            "Exception Detected", "Assigned", "Work Started", "Info Requested", "Info Received", "Reassigned", "Escalated",
            "Resolved", "Reopened", "Resolved", "Closed", "Cancelled",
        ]
        let teams = ["credit", "pricing", "dispatch", "warehouse", ""]
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for c in 0..<24 {
            let code = b.caseIDs.intern("EX-\(c)")
            let count = 1 + next() % 9
            for k in 0..<count {
                let activity = k == 0 && c % 5 != 0 ? activities[0] : activities[next() % activities.count]
                let t = Int64(1_700_000_000 + c * 86_400 + k * (600 + next() % 90_000)) * 1_000_000
                b.appendEvent(
                    caseCode: code, activity: b.activities.intern(activity), timestamp: t,
                    lifecycle: b.lifecycles.intern(["start", "complete", "Assigned", "Resolved"][next() % 4]))
                b.setEventAttribute("team", teams[next() % teams.count].isEmpty ? nil : .string(teams[next() % 4]))
                b.setEventAttribute("org:group", .string(teams[next() % 4]))
            }
            b.setCaseAttribute("exception_type", .string(["credit_hold", "edi_failure", "tax_failure"][c % 3]), caseCode: code)
            b.setCaseAttribute("customer_tier", c % 4 == 0 ? nil : .string(["key", "strategic", "standard"][c % 3]), caseCode: code)
            b.setCaseAttribute("order_value", .float(Double(c) * 10.5), caseCode: code)
            b.setCaseAttribute("customer_id", .string("C\(c % 7)"), caseCode: code)
            b.setCaseAttribute("region", .string(["EU", "US"][c % 2]), caseCode: code)
        }
        return b.build()
    }()
}
