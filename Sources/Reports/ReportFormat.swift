import EventLog
import Foundation

/// Number formatting for reports: fixed decimals with `.`, thousands separated by a thin
/// comma, independent of the machine's locale (so reports are byte-identical everywhere).
public enum ReportFormat {
    /// `12,345.6` — `digits` decimals, thousands separated by commas; `–` when not finite.
    public static func number(_ x: Double, digits: Int = 0) -> String {
        guard x.isFinite else { return "–" }
        let text = String(format: "%.\(max(0, digits))f", x)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let integer = String(parts.first ?? "0")
        var grouped = ""
        for (i, ch) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        let result = grouped + fraction
        // "-0" or "-0.0" reads as zero.
        if negative, result.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) { return result }
        return (negative ? "−" : "") + result
    }

    /// An integer with thousands separators.
    public static func count(_ n: Int) -> String { number(Double(n), digits: 0) }

    /// `42.5 %` for 0.425.
    public static func percent(_ x: Double?, digits: Int = 1) -> String {
        guard let x, x.isFinite else { return "–" }
        return number(x * 100, digits: digits) + "\u{00A0}%"
    }

    /// A signed number: `+12.3` / `−4.0`.
    public static func signed(_ x: Double, digits: Int = 0) -> String {
        let text = number(x, digits: digits)
        return x > 0 && text != number(0, digits: digits) ? "+" + text : text
    }

    /// Hours as a readable duration: `45 min`, `5.2 h`, `3.4 d`.
    public static func hours(_ h: Double?) -> String {
        guard let h, h.isFinite else { return "–" }
        let a = abs(h)
        if a < 1 { return number(h * 60, digits: 0) + " min" }
        if a < 48 { return number(h, digits: 1) + " h" }
        return number(h / 24, digits: 1) + " d"
    }

    /// A money amount: `12,345 EUR` (no decimals above 100).
    public static func money(_ x: Double, currency: String) -> String {
        number(x, digits: abs(x) < 100 ? 2 : 0) + " " + currency
    }

    /// `value (low – high)` for an estimate.
    public static func interval(_ e: Estimate, digits: Int = 0, format: ((Double) -> String)? = nil) -> String {
        let f = format ?? { number($0, digits: digits) }
        return "\(f(e.low))\u{00A0}–\u{00A0}\(f(e.high))"
    }

    /// `2025-03-04` (UTC) of a µs timestamp.
    public static func day(_ micros: Int64) -> String { String(Timestamp.iso8601(micros).prefix(10)) }
}
