/// Short human durations for map labels and tables: `2d 4h`, `5h 12m`, `42m 10s`, `7.5s`,
/// `350ms`. Two units at most, truncated (not rounded) so `1d 23h 59m` reads `1d 23h`; a zero
/// second unit is left out (`3d`, `48m`).
public enum DurationFormat {
    /// Formats `seconds`; `-` for a value that is not finite.
    public static func short(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let sign = seconds < 0 ? "-" : ""
        let s = abs(seconds)
        func two(_ major: Int, _ a: String, _ minor: Int, _ b: String) -> String {
            sign + (minor == 0 ? "\(major)\(a)" : "\(major)\(a) \(minor)\(b)")
        }
        if s >= 365 * 86_400 {
            return two(Int(s / (365 * 86_400)), "y", Int(s.truncatingRemainder(dividingBy: 365 * 86_400) / 86_400), "d")
        }
        if s >= 86_400 { return two(Int(s / 86_400), "d", Int(s.truncatingRemainder(dividingBy: 86_400) / 3600), "h") }
        if s >= 3600 { return two(Int(s / 3600), "h", Int(s.truncatingRemainder(dividingBy: 3600) / 60), "m") }
        if s >= 60 { return two(Int(s / 60), "m", Int(s.truncatingRemainder(dividingBy: 60)), "s") }
        if s >= 1 || s == 0 {
            let tenths = Int((s * 10).rounded(.down))
            return sign + (tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s")
        }
        return sign + "\(Int((s * 1000).rounded(.down)))ms"
    }

    /// Formats microseconds.
    public static func short(micros: Int64) -> String { short(seconds: Double(micros) / 1e6) }

    /// Parses `90s`, `45m`, `12h`, `3d`, `2w`, `2d 4h`, `1d4h30m` or a plain number of seconds
    /// into microseconds; `nil` when the text is not a duration.
    public static func parse(_ text: String) -> Int64? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total = 0.0
        var number = ""
        var sawUnit = false
        for ch in text + " " {
            if ch.isNumber || ch == "." {
                number.append(ch)
            } else if let unit = units[ch] {
                guard let v = Double(number) else { return nil }
                total += v * unit
                number = ""
                sawUnit = true
            } else if ch == " " {
                continue
            } else {
                return nil
            }
        }
        if !number.isEmpty {
            guard !sawUnit, let v = Double(number) else { return nil }
            total += v
        } else if !sawUnit {
            return nil
        }
        guard total.isFinite, total < 9e12 else { return nil }
        return Int64((total * 1e6).rounded())
    }
}
