import Foundation
import EventLog
import Lifecycle

/// A way to slice exceptions: an attribute, an owner, the status, or the week or month of detection.
///
/// Names accepted by ``resolve(_:in:)`` (case-insensitive; `-` and `_` alike): `category`,
/// `customer`, `order`, `tier`, any attribute of the table by its profile or log name
/// (`exception_type`, `region`, `channel`, `sku_family`, …), `first_owner`,
/// `resolving_owner`, `status`, `week` (ISO week of detection, UTC) and `month`.
public enum SliceDimension: Sendable, Equatable, Hashable {
    case attribute(role: ExceptionAttributeRole, name: String)
    case firstOwner
    case resolvingOwner
    case status
    case week
    case month

    /// The label of a missing attribute value.
    public static let missingLabel = "(none)"

    /// The fixed names, besides attribute names.
    public static let fixedNames = [
        "category", "customer", "order", "tier", "first_owner", "resolving_owner", "status", "week", "month",
    ]

    /// The dimension `name` stands for in `table`; throws naming the available ones.
    public static func resolve(_ name: String, in table: ExceptionTable) throws(KPIError) -> SliceDimension {
        let key = normalized(name)
        switch key {
        case "first_owner", "legacy_owner": return .firstOwner
        case "resolving_owner", "owner", "final_owner": return .resolvingOwner
        case "status": return .status
        case "week", "detection_week": return .week
        case "month", "detection_month": return .month
        default: break
        }
        if let role = ExceptionAttributeRole(rawValue: key), role != .dimension {
            if let a = table.attribute(role) { return .attribute(role: role, name: a.name) }
            throw KPIError("cannot slice by '\(name)': the profile names no \(key) attribute; "
                + "dimensions available: " + available(in: table).joined(separator: ", "))
        }
        if let a = table.attributes.first(where: { normalized($0.name) == key || $0.foundName.map(normalized) == key }) {
            return .attribute(role: a.role, name: a.name)
        }
        throw KPIError("unknown dimension '\(name)'; dimensions available: " + available(in: table).joined(separator: ", "))
    }

    /// Every name ``resolve(_:in:)`` accepts for `table`.
    public static func available(in table: ExceptionTable) -> [String] {
        var out: [String] = []
        for a in table.attributes {
            if a.role != .dimension { out.append(a.role.rawValue) }
            if !out.contains(a.name) { out.append(a.name) }
        }
        return out + ["first_owner", "resolving_owner", "status", "week", "month"]
    }

    private static func normalized(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
    }
}

/// One dimension as a dense code per row (`0 ..< labels.count`) and the label of each code.
struct DimensionColumn: Sendable {
    var codes: [UInt32]
    var labels: [String]

    /// One label for every row.
    init(constant label: String, count: Int) {
        codes = [UInt32](repeating: 0, count: count)
        labels = [label]
    }

    /// The column of `dimension` for every row of `table`. Cost: O(rows).
    init(_ dimension: SliceDimension, table: ExceptionTable) {
        let n = table.count
        switch dimension {
        case .attribute(let role, let name):
            guard let a = table.attributes.first(where: { $0.role == role && $0.name == name }) else {
                codes = [UInt32](repeating: 0, count: n)
                labels = [SliceDimension.missingLabel]
                return
            }
            let none = UInt32(a.pool.count)
            codes = a.values.map { $0 == StringPool.missing ? none : $0 }
            labels = a.pool.strings + [SliceDimension.missingLabel]
        case .firstOwner, .resolvingOwner:
            let none = UInt32(table.owners.count)
            codes = (dimension == .firstOwner ? table.firstOwner : table.resolvingOwner).map {
                $0 == StringPool.missing ? none : $0
            }
            labels = table.owners.strings + [SliceDimension.missingLabel]
        case .status:
            codes = table.status.map { UInt32($0.rawValue) }
            labels = ExceptionStatus.allCases.map(\.description)
        case .week, .month:
            let weekly = dimension == .week
            let keys: [Int] = table.detectedAt.map { t in weekly ? CalendarLabels.week(t) : CalendarLabels.month(t) }
            let lo = keys.min() ?? 0, hi = keys.max() ?? 0
            codes = keys.map { UInt32($0 - lo) }
            labels = (lo...hi).map { k in weekly ? CalendarLabels.weekLabel(k) : CalendarLabels.monthLabel(k) }
        }
    }
}

/// UTC calendar periods of instants and their labels.
enum CalendarLabels {
    /// Days since 1970-01-01 (UTC) of `micros`.
    @inline(__always)
    static func day(_ micros: Int64) -> Int { Int(micros.floorDiv(microsPerDay)) }

    /// Monday-based week number: week `w` starts on day `7w − 3` (1970-01-01 was a Thursday).
    static func week(_ micros: Int64) -> Int { (day(micros) + 3).floorDiv(7) }

    /// Months since January 1970.
    static func month(_ micros: Int64) -> Int {
        let c = Timestamp.civilFromDays(day(micros))
        return (c.year - 1970) * 12 + c.month - 1
    }

    /// ISO 8601 week label of week `w`: `2025-W02`.
    static func weekLabel(_ w: Int) -> String {
        let thursday = 7 * w - 3 + 3
        let year = Timestamp.civilFromDays(thursday).year
        let number = (thursday - Timestamp.daysFromCivil(year: year, month: 1, day: 1)) / 7 + 1
        return "\(year)-W" + (number < 10 ? "0" : "") + String(number)
    }

    /// `2025-03` for month `m` since January 1970.
    static func monthLabel(_ m: Int) -> String {
        let year = 1970 + m.floorDiv(12), month = m - m.floorDiv(12) * 12 + 1
        return "\(year)-" + (month < 10 ? "0" : "") + String(month)
    }

    /// `2025-03-04` for a day since 1970-01-01.
    static func dayLabel(_ d: Int) -> String {
        let c = Timestamp.civilFromDays(d)
        func two(_ v: Int) -> String { (v < 10 ? "0" : "") + String(v) }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }
}

extension BinaryInteger {
    /// Division rounding towards −∞.
    @inline(__always)
    func floorDiv(_ d: Self) -> Self {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
