/// Terminal formatting helpers: thousands separators, aligned tables, durations.
enum TextFormat {
    static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// Left-aligned text columns, numbers right-aligned (a cell that starts with a digit).
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                let numeric = cell.first.map { $0.isNumber || $0 == "-" } ?? false
                return numeric && i > 0 ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    /// `3d 4h`, `5h 12m`, `42m 10s`, `7.5s`.
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let s = abs(seconds)
        let sign = seconds < 0 ? "-" : ""
        if s >= 86_400 { return sign + "\(Int(s / 86_400))d \(Int(s.truncatingRemainder(dividingBy: 86_400) / 3600))h" }
        if s >= 3600 { return sign + "\(Int(s / 3600))h \(Int(s.truncatingRemainder(dividingBy: 3600) / 60))m" }
        if s >= 60 { return sign + "\(Int(s / 60))m \(Int(s.truncatingRemainder(dividingBy: 60)))s" }
        return sign + String(format1: s) + "s"
    }
}

extension String {
    /// A number with one decimal.
    init(format1 value: Double) {
        let scaled = (value * 10).rounded()
        let whole = Int(scaled / 10)
        let tenth = Int(abs(scaled).truncatingRemainder(dividingBy: 10))
        self = (value < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }
}
