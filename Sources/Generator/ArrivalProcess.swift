import EventLog

/// When exceptions arrive: an hourly Poisson process per region whose intensity follows the
/// region's local day (working hours vs night), week (weekends) and month (the last three
/// days peak).
///
/// Intensities are normalised so that, over a typical month, the process yields
/// ``GeneratorConfiguration/casesPerDay`` exceptions a day (orders with several
/// exceptions are accounted for).
struct ArrivalProcess {
    struct Arrival {
        var time: Int64
        var region: Region
    }

    private let configuration: GeneratorConfiguration
    private let regionShare: [Double]
    /// Orders per hour at intensity 1.
    private let baseRate: Double
    /// Mean of the weekday × hour factor over a week.
    private let normaliser: Double
    private let weekdayFactors: [Double]

    init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
        regionShare = GeneratorConfiguration.normalised(configuration.regionMix)
        let w = configuration.weekendFactor
        weekdayFactors = [1.15, 1.05, 1.0, 1.0, 0.9, w, w]
        var weekly = 0.0
        for d in 0..<7 {
            for h in 0..<24 { weekly += weekdayFactors[d] * Self.hourFactor(h, configuration) }
        }
        let monthly = 1 + 3 / 30.44 * (configuration.monthEndPeak - 1)
        normaliser = weekly / 168 * monthly
        let exceptionsPerOrder = 1 + configuration.multiExceptionProbability * 1.2
        baseRate = configuration.casesPerDay / 24 / exceptionsPerOrder
    }

    /// Relative intensity of a local hour: 1 in working hours (1.2 late morning), the night factor otherwise.
    static func hourFactor(_ hour: Int, _ c: GeneratorConfiguration) -> Double {
        guard hour >= c.workdayStartHour && hour < c.workdayEndHour else { return c.nightFactor }
        return hour == 10 || hour == 11 ? 1.2 : 1.0
    }

    /// Expected orders of `region` in the hour starting at `hourStart` (UTC seconds).
    func rate(region: Region, hourStart: Int64) -> Double {
        let local = hourStart + region.utcOffsetSeconds
        let day = WorkingClock.floorDiv(local, 86_400)
        let hour = Int((local - day * 86_400) / 3600)
        let (y, m, d) = Timestamp.civilFromDays(Int(day))
        let monthEnd = d > Timestamp.daysInMonth(year: y, month: m) - 3 ? configuration.monthEndPeak : 1
        let factor = weekdayFactors[WorkingClock.weekday(localDay: day)] * Self.hourFactor(hour, configuration) * monthEnd
        return baseRate * regionShare[region.rawValue] * factor / max(normaliser, 1e-9)
    }

    /// The orders arriving in the hour starting at `hourStart`, in time order.
    func hour(_ hourStart: Int64, rng: inout RandomSource) -> [Arrival] {
        var out: [Arrival] = []
        for region in Region.allCases {
            let n = rng.poisson(rate(region: region, hourStart: hourStart))
            for _ in 0..<n { out.append(Arrival(time: hourStart + Int64(rng.int(below: 3600)), region: region)) }
        }
        out.sort { $0.time != $1.time ? $0.time < $1.time : $0.region.rawValue < $1.region.rawValue }
        return out
    }
}
