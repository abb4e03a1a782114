/// One team's people in one region (or a region's dispatchers) and its work queue.
///
/// The queue is a fluid backlog: work (hours of effort) arrives with each case and drains at
/// ``capacity`` hours per working hour. A case waits for the backlog ahead of it, so queues
/// build when arrivals outrun the staff (night batches, Monday mornings, month ends); a pod
/// more than a working day behind works overtime, so a backlog always drains in the end.
struct Pod {
    /// Resource indices of the people; the first is the team lead.
    var people: [UInt32]
    /// Hours of exception work the pod gets through per working hour (at least 1).
    var capacity = 1.0
    /// Hours of effort waiting.
    var backlog = 0.0
    /// When the backlog was last drained.
    var updated: Int64 = .min

    var lead: UInt32 { people[0] }

    /// Hours of backlog per unit of capacity beyond which the pod works overtime.
    static let overtimeThreshold = 10.0

    /// Records work of `effortHours` arriving at `utc` and returns the wait before it can start, in working hours.
    mutating func arrive(at utc: Int64, effortHours: Double, clock: WorkingClock) -> Double {
        if updated == .min {
            updated = utc
        } else if utc > updated {
            let worked = Double(clock.workingSeconds(from: updated, to: utc)) / 3600
            // More than a working day behind: the team works overtime (30 % faster).
            let pace = backlog > Self.overtimeThreshold * capacity ? 1.3 : 1.0
            backlog = max(0, backlog - worked * capacity * pace)
            updated = utc
        }
        let wait = backlog / capacity
        backlog += effortHours
        return wait
    }
}

/// Teams with named people per region, dispatchers per region, and system actors.
///
/// Resources are numbered: the system actors first, then dispatchers, then people; their
/// names are in ``resourceNames``. Staff per pod is sized from the expected load so that
/// utilisation is about the dial's target.
struct Organisation {
    static let teamCount = Team.allCases.count
    static let regionCount = Region.allCases.count

    var resourceNames: [String]
    /// Team pods at `team * regionCount + region`, then one dispatch pod per region.
    var pods: [Pod]

    @inline(__always)
    static func podIndex(_ team: Team, _ region: Region) -> Int { team.rawValue * regionCount + region.rawValue }

    @inline(__always)
    static func dispatchPodIndex(_ region: Region) -> Int { teamCount * regionCount + region.rawValue }

    static func systemResource(_ actor: SystemActor) -> UInt32 { UInt32(actor.rawValue) }

    /// Builds the staff. `hoursPerDay[pod]` is the expected effort per calendar day; each pod
    /// gets the capacity that load needs at the target utilisation (at least one full-time
    /// person's worth) and one named person per unit of capacity (at least two; one dispatcher).
    init(hoursPerDay: [Double], configuration: GeneratorConfiguration, rng: inout RandomSource) {
        let podCount = Self.teamCount * Self.regionCount + Self.regionCount
        let workdayHours = Double(configuration.workdayEndHour - configuration.workdayStartHour)
        let weeklyHours = 5 * workdayHours
        var sizes = [Int](repeating: 0, count: podCount)
        var capacities = [Double](repeating: 1, count: podCount)
        for p in 0..<podCount {
            // Load per working hour over a week of five working days, at the target utilisation.
            let load = p < hoursPerDay.count ? hoursPerDay[p] : 0
            capacities[p] = max(1, load * 7 / weeklyHours / configuration.utilisation)
            let isDispatch = p >= Self.teamCount * Self.regionCount
            sizes[p] = max(isDispatch ? 1 : 2, min(Int(capacities[p].rounded(.up)), 50_000))
        }
        var names = SystemActor.allCases.map(\.name)
        let staff = sizes[..<(Self.teamCount * Self.regionCount)].reduce(0, +)
        let people = PersonNames.names(count: staff, rng: &rng)
        var pods = [Pod](repeating: Pod(people: []), count: podCount)
        var nextPerson = 0
        var nextDispatcher = 1
        for p in 0..<podCount {
            var members: [UInt32] = []
            for _ in 0..<sizes[p] {
                members.append(UInt32(names.count))
                if p >= Self.teamCount * Self.regionCount {
                    names.append("Dispatcher \(nextDispatcher)")
                    nextDispatcher += 1
                } else {
                    names.append(people[nextPerson])
                    nextPerson += 1
                }
            }
            pods[p] = Pod(people: members, capacity: capacities[p])
        }
        resourceNames = names
        self.pods = pods
    }
}
