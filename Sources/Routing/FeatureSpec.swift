/// How raw attributes become the model's feature vector: which columns, how each is encoded,
/// and where each lands in the vector. Stored in the model file, so scoring encodes exactly as
/// training did.
///
/// Layout (offsets into a vector of ``dimension`` floats), every row contributing exactly
/// ``entriesPerRow`` (index, value) entries:
/// - each categorical column: one entry. One-hot: `[kept values…, (rare), (unknown)]`; a value
///   seen in training fewer than `minFrequency` times lands in `(rare)`, an unseen or missing one
///   in `(unknown)`. Hashed: `2^bits` buckets, signed ±1 (missing → value 0).
/// - each numeric column: two entries, the standardised (optionally `log1p`) value and a
///   missing flag.
/// - calendar of the detection time (UTC): hour (24 one-hot), weekday (7), month-end flag (1).
/// - each history count: one entry, the standardised `log1p` of how many earlier exceptions
///   shared the key within the window.
public struct FeatureSpec: Codable, Sendable, Equatable {
    /// Label of the one-hot slot for rare training values.
    public static let rareSlot = "(rare)"
    /// Label of the one-hot slot for unseen or missing values.
    public static let unknownSlot = "(unknown)"

    public var categorical: [CategoricalFeature]
    /// Pairs of inputs one-hot encoded together.
    public var crosses: [CrossFeature]
    public var numeric: [NumericFeature]
    public var calendar: CalendarFeatures?
    public var history: [HistoryFeature]
    /// The field that holds the detection time in raw rows.
    public var timeColumn: String
    /// Length of the feature vector.
    public var dimension: Int
    /// Number of (index, value) entries every encoded row has.
    public var entriesPerRow: Int {
        categorical.count + crosses.count + 2 * numeric.count + (calendar == nil ? 0 : 3) + history.count
    }

    public init(
        categorical: [CategoricalFeature], crosses: [CrossFeature] = [], numeric: [NumericFeature],
        calendar: CalendarFeatures?, history: [HistoryFeature], timeColumn: String
    ) {
        self.categorical = categorical
        self.crosses = crosses
        self.numeric = numeric
        self.calendar = calendar
        self.history = history
        self.timeColumn = timeColumn
        dimension = 0
        layout()
    }

    /// Assigns offsets in order and sets ``dimension``.
    mutating func layout() {
        var offset = 0
        for i in categorical.indices {
            categorical[i].offset = offset
            offset += categorical[i].width
        }
        for i in crosses.indices {
            crosses[i].offset = offset
            offset += crosses[i].width
        }
        for i in numeric.indices {
            numeric[i].offset = offset
            offset += 2
        }
        if calendar != nil {
            calendar?.offset = offset
            offset += CalendarFeatures.width
        }
        for i in history.indices {
            history[i].offset = offset
            offset += 1
        }
        dimension = offset
    }

    /// Names of the input fields the spec reads (attributes, then the time field).
    public var inputColumns: [String] {
        var names = categorical.map(\.name) + numeric.map(\.name)
        for c in crosses { for n in c.columns where !names.contains(n) { names.append(n) } }
        for h in history where !names.contains(h.key) { names.append(h.key) }
        if calendar != nil || !history.isEmpty { names.append(timeColumn) }
        return names
    }

    /// A readable name for every position of the feature vector (`region=UK`, `order_value`, `hour=09`).
    public var featureNames: [String] {
        var names = [String](repeating: "", count: dimension)
        for c in categorical {
            switch c.encoding {
            case .oneHot:
                for (i, v) in c.values.enumerated() { names[c.offset + i] = "\(c.name)=\(v)" }
                names[c.offset + c.values.count] = "\(c.name)=\(FeatureSpec.rareSlot)"
                names[c.offset + c.values.count + 1] = "\(c.name)=\(FeatureSpec.unknownSlot)"
            case .hashed:
                for i in 0..<c.width { names[c.offset + i] = "\(c.name)#\(i)" }
            }
        }
        for c in crosses {
            for (i, v) in c.values.enumerated() { names[c.offset + i] = "\(c.name)=" + v.replacingOccurrences(of: "\u{1F}", with: "|") }
            names[c.offset + c.values.count] = "\(c.name)=\(FeatureSpec.rareSlot)"
            names[c.offset + c.values.count + 1] = "\(c.name)=\(FeatureSpec.unknownSlot)"
        }
        for n in numeric {
            names[n.offset] = n.logTransform ? "log1p(\(n.name))" : n.name
            names[n.offset + 1] = "\(n.name) missing"
        }
        if let cal = calendar {
            for h in 0..<24 { names[cal.offset + h] = "hour=\(h < 10 ? "0" : "")\(h)" }
            for (i, d) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].enumerated() {
                names[cal.offset + 24 + i] = "weekday=\(d)"
            }
            names[cal.offset + 31] = "month-end"
        }
        for h in history { names[h.offset] = "\(h.key) count \(h.windowDays)d" }
        return names
    }
}

/// One categorical input column and its encoding.
public struct CategoricalFeature: Codable, Sendable, Equatable {
    public enum Encoding: String, Codable, Sendable { case oneHot = "one-hot", hashed }

    public var name: String
    public var encoding: Encoding
    /// One-hot: the kept values, slot `i` for `values[i]`.
    public var values: [String]
    /// One-hot: values seen in training but fewer than the minimum frequency (→ rare slot).
    public var rareValues: [String]
    /// Hashed: number of bits (2^bits buckets).
    public var bits: Int
    /// Hashed: seed mixed into the hash so two columns do not collide the same way.
    public var seed: UInt64
    /// Position of the first slot in the feature vector.
    public var offset: Int = 0

    /// Slots this column takes.
    public var width: Int { encoding == .oneHot ? values.count + 2 : 1 << bits }

    public static func oneHot(_ name: String, values: [String], rare: [String] = []) -> CategoricalFeature {
        CategoricalFeature(name: name, encoding: .oneHot, values: values, rareValues: rare, bits: 0, seed: 0)
    }

    public static func hashed(_ name: String, bits: Int, seed: UInt64) -> CategoricalFeature {
        CategoricalFeature(name: name, encoding: .hashed, values: [], rareValues: [], bits: bits, seed: seed)
    }
}

/// One numeric input column: `(maybe log1p(x) − mean) / std`, plus a missing flag.
public struct NumericFeature: Codable, Sendable, Equatable {
    public var name: String
    public var logTransform: Bool
    public var mean: Double
    public var std: Double
    public var offset: Int = 0

    public init(name: String, logTransform: Bool, mean: Double, std: Double) {
        self.name = name
        self.logTransform = logTransform
        self.mean = mean
        self.std = std
    }

    /// The standardised value of a raw number.
    @inline(__always)
    public func transform(_ x: Double) -> Double {
        let v = logTransform ? log1pSigned(x) : x
        return (v - mean) / std
    }
}

/// Calendar features of the detection time, in UTC: hour of day, weekday, and whether the day is
/// among the last `monthEndDays` of its month.
public struct CalendarFeatures: Codable, Sendable, Equatable {
    /// Slots: 24 hours + 7 weekdays + 1 month-end flag.
    public static let width = 32
    public var monthEndDays: Int
    public var offset: Int = 0

    public init(monthEndDays: Int = 3) { self.monthEndDays = monthEndDays }
}

/// How many exceptions with the same key (e.g. customer) were detected in the `windowDays`
/// before this one, strictly earlier: `(log1p(count) − mean) / std`.
public struct HistoryFeature: Codable, Sendable, Equatable {
    public var key: String
    public var windowDays: Int
    public var mean: Double
    public var std: Double
    public var offset: Int = 0

    public init(key: String, windowDays: Int, mean: Double, std: Double) {
        self.key = key
        self.windowDays = windowDays
        self.mean = mean
        self.std = std
    }

    /// Window length in microseconds.
    public var windowMicros: Int64 { Int64(windowDays) * 86_400 * 1_000_000 }
}

/// `log1p` that keeps the sign for negative inputs (refunds, credits).
@inline(__always)
func log1pSigned(_ x: Double) -> Double {
    x >= 0 ? log1pD(x) : -log1pD(-x)
}

#if canImport(Glibc)
import Glibc
@inline(__always) func log1pD(_ x: Double) -> Double { Glibc.log1p(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func log1pD(_ x: Double) -> Double { Darwin.log1p(x) }
#endif
