import Foundation

/// Turns naive local times (no offset in the text) into UTC for a `--timezone` setting:
/// `UTC`, a fixed offset such as `+02:00`, or an IANA zone such as `Europe/Rome` (whose
/// offset follows daylight saving; looked up once per hour of local time and cached).
public struct NaiveTimeZone: Sendable {
    private let fixedOffsetSeconds: Int?
    private let zone: TimeZone?
    /// The setting as given.
    public let name: String

    /// Parses a setting; `nil` when it is neither an offset nor a known zone.
    public init?(_ name: String) {
        self.name = name
        let upper = name.uppercased()
        if upper == "UTC" || upper == "Z" || upper == "GMT" {
            fixedOffsetSeconds = 0
            zone = nil
            return
        }
        if let sign = name.first, sign == "+" || sign == "-" {
            let digits = name.dropFirst().filter { $0 != ":" }
            guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
            let hours = digits.count == 4 ? value / 100 : value
            let minutes = digits.count == 4 ? value % 100 : 0
            guard hours <= 23, minutes <= 59 else { return nil }
            fixedOffsetSeconds = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            zone = nil
            return
        }
        guard let tz = TimeZone(identifier: name) else { return nil }
        fixedOffsetSeconds = nil
        zone = tz
    }

    /// Whether this is plain UTC (no shift at all).
    public var isUTC: Bool { fixedOffsetSeconds == 0 }

    /// UTC microseconds for a naive local time given as microseconds "as if UTC".
    public func toUTC(_ localMicros: Int64) -> Int64 {
        if let fixedOffsetSeconds { return localMicros - Int64(fixedOffsetSeconds) * Timestamp.microsPerSecond }
        guard let zone else { return localMicros }
        // Offset at the instant `local - offset`; iterate once to settle around transitions.
        let guess = Date(timeIntervalSince1970: Double(localMicros) / 1e6)
        var offset = zone.secondsFromGMT(for: guess)
        let adjusted = Date(timeIntervalSince1970: Double(localMicros) / 1e6 - Double(offset))
        offset = zone.secondsFromGMT(for: adjusted)
        return localMicros - Int64(offset) * Timestamp.microsPerSecond
    }
}
