/// One event of a simulated case. Times are seconds since the epoch, UTC.
struct SimEvent {
    var time: Int64
    /// Index into the organisation's resource names.
    var resource: UInt32
    var activity: ExceptionActivity
    /// 0 = no team, 1 … 9 = ``Team`` raw value + 1, ``SimEvent/dispatchTeam`` = the dispatcher.
    var team: UInt8

    static let noTeam: UInt8 = 0
    static let dispatchTeam: UInt8 = UInt8(Team.allCases.count + 1)
    static func code(_ team: Team) -> UInt8 { UInt8(team.rawValue + 1) }
}

/// Everything about one exception: attributes, truth, plan, progress and events.
struct CaseRecord {
    enum Stage: Equatable {
        case dispatch
        case visit(Int)
        case reopen
        case done
    }

    /// 1-based case number (`EX-000001`).
    var number: Int
    var orderNumber: Int
    var type: ExceptionType
    var order: OrderAttributes
    var truth: OwnerModel.Draw
    /// The legacy first assignment.
    var legacy: Team
    var plan: CasePlan
    var detected: Int64
    var rng: RandomSource
    var stage: Stage = .dispatch
    /// The person who resolved it (for a reopen).
    var handler: UInt32 = 0
    var events: [SimEvent] = []

    var region: Region { order.region }

    mutating func emit(_ activity: ExceptionActivity, at time: Int64, by resource: UInt32, team: UInt8) {
        events.append(SimEvent(time: time, resource: resource, activity: activity, team: team))
    }
}

/// A binary min-heap of (time, case index): the simulation's agenda. Ties go to the lower
/// case index, so the order never depends on insertion history.
struct Agenda {
    private var times: [Int64] = []
    private var cases: [Int] = []

    var isEmpty: Bool { times.isEmpty }
    var nextTime: Int64? { times.first }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        times[a] != times[b] ? times[a] < times[b] : cases[a] < cases[b]
    }

    mutating func push(_ time: Int64, _ caseIndex: Int) {
        times.append(time)
        cases.append(caseIndex)
        var i = times.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            times.swapAt(i, parent)
            cases.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (time: Int64, caseIndex: Int)? {
        guard let time = times.first, let c = cases.first else { return nil }
        let last = times.count - 1
        times.swapAt(0, last)
        cases.swapAt(0, last)
        times.removeLast()
        cases.removeLast()
        var i = 0
        let n = times.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && less(l, m) { m = l }
            if r < n && less(r, m) { m = r }
            if m == i { break }
            times.swapAt(i, m)
            cases.swapAt(i, m)
            i = m
        }
        return (time, c)
    }
}
