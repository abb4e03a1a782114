import EventLog

/// Writes cases as CSV rows straight from bytes: one row per event, case attributes
/// repeated, columns as in `datasets/README.md`.
///
/// Each case's id and attribute columns are formatted once; every event then costs a few
/// `memcpy`s and a timestamp formatted from integers (the date part is cached per day).
/// No cell ever needs quoting: every value comes from a fixed ASCII vocabulary without
/// commas or quotes. Cost: ~100–150 bytes and well under a microsecond per event.
struct CSVEventWriter: CaseSink {
    /// The header line for plain or pm4py column names.
    static func header(pm4pyNames: Bool) -> String {
        let standard = pm4pyNames
            ? ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "org:group"]
            : ["case_id", "activity", "timestamp", "resource", "team"]
        let caseColumns = ["exception_type", "order_id", "customer_id", "customer_tier", "region", "channel",
                           "order_value", "currency", "sku_family"]
        return (standard + caseColumns).joined(separator: ",") + "\n"
    }

    private let file: OutputFile
    private let truth: TruthWriter?
    private let pm4pyNames: Bool
    private let activities = ByteTable(ExceptionActivity.allCases.map(\.name))
    private let teams = ByteTable([""] + Team.allCases.map(\.name) + [Team.dispatchName])
    private let offsets = ByteTable(Region.allCases.map(\.offsetText))
    private var resources = ByteTable([])
    private var prefix: [UInt8] = []
    private var suffix: [UInt8] = []
    private var cachedDay = Int64.min
    private var cachedDate: (UInt64, UInt16) = (0, 0)
    private let pairs: [UInt8] = {
        var out: [UInt8] = []
        for v in 0..<100 {
            out.append(UInt8(48 + v / 10))
            out.append(UInt8(48 + v % 10))
        }
        return out
    }()

    init(file: OutputFile, truth: TruthWriter?, pm4pyNames: Bool) {
        self.file = file
        self.truth = truth
        self.pm4pyNames = pm4pyNames
    }

    mutating func begin(resourceNames: [String]) throws(GeneratorError) {
        resources = ByteTable(resourceNames)
        try file.put(Self.header(pm4pyNames: pm4pyNames))
        try truth?.begin(resourceNames: resourceNames)
    }

    mutating func write(_ c: CaseRecord) throws(GeneratorError) {
        prefix.removeAll(keepingCapacity: true)
        CaseText.appendCaseID(&prefix, c.number)
        prefix.append(0x2C)
        suffix.removeAll(keepingCapacity: true)
        suffix.append(0x2C)
        CaseText.appendAttributes(&suffix, c)
        suffix.append(0x0A)
        let fixed = prefix.count + suffix.count + 40 + activities.longest + resources.longest + teams.longest
        let offset = c.order.region.utcOffsetSeconds
        let region = c.order.region.rawValue
        try prefix.withUnsafeBufferPointer { pre throws(GeneratorError) in
            try suffix.withUnsafeBufferPointer { suf throws(GeneratorError) in
                for e in c.events {
                    try file.ensure(fixed)
                    file.put(pre)
                    put(activities, Int(e.activity.rawValue))
                    file.put(0x2C)
                    putTimestamp(e.time + offset)
                    put(offsets, region)
                    file.put(0x2C)
                    put(resources, Int(e.resource))
                    file.put(0x2C)
                    put(teams, Int(e.team))
                    file.put(suf)
                }
            }
        }
        try truth?.write(c)
    }

    @inline(__always)
    private func put(_ table: ByteTable, _ i: Int) {
        table.storage.withUnsafeBufferPointer { all in
            let lo = table.offsets[i], hi = table.offsets[i + 1]
            file.put(UnsafeBufferPointer(rebasing: all[lo..<hi]))
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS` of a local time in seconds.
    @inline(__always)
    private mutating func putTimestamp(_ local: Int64) {
        let day = WorkingClock.floorDiv(local, 86_400)
        if day != cachedDay {
            cachedDay = day
            var text: [UInt8] = []
            let (y, m, d) = Timestamp.civilFromDays(Int(day))
            ByteText.appendPadded(&text, y, width: 4)
            text.append(0x2D)
            ByteText.appendPadded(&text, m, width: 2)
            text.append(0x2D)
            ByteText.appendPadded(&text, d, width: 2)
            text.append(0x54)
            text.withUnsafeBytes { raw in
                cachedDate = (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                              raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
            }
        }
        let sod = Int(local - day * 86_400)
        let p = file.cursor
        UnsafeMutableRawPointer(p).storeBytes(of: cachedDate.0, as: UInt64.self)
        UnsafeMutableRawPointer(p + 8).storeBytes(of: cachedDate.1, as: UInt16.self)
        p[10] = 0x54
        pairs.withUnsafeBufferPointer { two in
            let h = sod / 3600, mi = sod % 3600 / 60, s = sod % 60
            p[11] = two[2 * h]
            p[12] = two[2 * h + 1]
            p[13] = 0x3A
            p[14] = two[2 * mi]
            p[15] = two[2 * mi + 1]
            p[16] = 0x3A
            p[17] = two[2 * s]
            p[18] = two[2 * s + 1]
        }
        file.count += 19
    }
}
