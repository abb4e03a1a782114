/// The columns of a CSV file and the role each one plays in the log.
struct CSVColumnLayout: Sendable, Equatable {
    /// Header names, made unique (`x`, `x.1`) and never empty (`column_3`).
    var names: [String]
    var caseIndex: Int
    var activityIndex: Int
    var timestampIndex: Int
    var resourceIndex: Int?
    var groupIndex: Int?
    var lifecycleIndex: Int?
    /// Every other column, in header order: each becomes an attribute.
    var attributeIndices: [Int]
}

/// Maps header names to log roles: the names given in ``ImportOptions``, or else the first
/// default name found (pm4py's names first, then plain ones; case-insensitive).
enum CSVColumnMapping {
    static let caseNames = ["case:concept:name", "case_id", "caseid", "case id", "case", "case_concept_name"]
    static let activityNames = ["concept:name", "activity", "activityid", "activity_id", "activity name", "activity_name"]
    static let timestampNames = [
        "time:timestamp", "timestamp", "completetimestamp", "complete_timestamp", "complete timestamp",
        "time", "datetime", "date", "event_time",
    ]
    static let resourceNames = ["org:resource", "resource", "resource_id", "user"]
    static let groupNames = ["org:group", "team", "group", "org_group"]
    static let lifecycleNames = ["lifecycle:transition", "lifecycle", "transition", "lifecycle_transition"]

    /// Header names with duplicates renamed `name.1`, `name.2` … and blanks named `column_N`.
    static func uniqueNames(_ raw: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (i, name) in raw.enumerated() {
            var candidate = name.isEmpty ? "column_\(i + 1)" : name
            var k = 1
            while seen.contains(candidate) {
                candidate = "\(name.isEmpty ? "column_\(i + 1)" : name).\(k)"
                k += 1
            }
            seen.insert(candidate)
            out.append(candidate)
        }
        return out
    }

    /// Resolves every role. Throws ``ImportError/Kind/missingColumn`` naming the columns found
    /// and the closest one when a required or explicitly named column is absent.
    static func resolve(header: [String], options: ImportOptions, file: String) throws(ImportError) -> CSVColumnLayout {
        let names = uniqueNames(header)
        let folded = names.map { $0.utf8.count <= 200 ? fold($0) : "" }
        func find(_ explicit: String?, _ defaults: [String], role: String, required: Bool) throws(ImportError) -> Int? {
            if let explicit {
                if let i = names.firstIndex(of: explicit) { return i }
                let wanted = fold(explicit)
                let matches = names.indices.filter { folded[$0] == wanted }
                if matches.count == 1 { return matches[0] }
                throw missing(role: role, wanted: [explicit], explicit: true, names: names, file: file)
            }
            for candidate in defaults {
                if let i = folded.firstIndex(of: candidate) { return i }
            }
            if required { throw missing(role: role, wanted: defaults, explicit: false, names: names, file: file) }
            return nil
        }
        guard let c = try find(options.caseColumn, caseNames, role: "case id", required: true),
            let a = try find(options.activityColumn, activityNames, role: "activity", required: true),
            let t = try find(options.timestampColumn, timestampNames, role: "timestamp", required: true)
        else {
            throw ImportError(.missingColumn, file: file, line: 1, reason: "required columns are missing")
        }
        var taken: Set<Int> = [c, a, t]
        func optional(_ explicit: String?, _ defaults: [String], role: String) throws(ImportError) -> Int? {
            // A default name never claims a column that a required role already uses.
            let free = explicit == nil ? defaults.filter { d in !taken.contains { folded[$0] == d } } : defaults
            let i = try find(explicit, free, role: role, required: false)
            if let i { taken.insert(i) }
            return i
        }
        let r = try optional(options.resourceColumn, resourceNames, role: "resource")
        let g = try optional(options.groupColumn, groupNames, role: "group")
        let l = try optional(options.lifecycleColumn, lifecycleNames, role: "lifecycle")
        let attributes = names.indices.filter { !taken.contains($0) }
        return CSVColumnLayout(
            names: names, caseIndex: c, activityIndex: a, timestampIndex: t, resourceIndex: r, groupIndex: g,
            lifecycleIndex: l, attributeIndices: attributes)
    }

    /// Lower-cased and trimmed of spaces, for matching names.
    static func fold(_ s: String) -> String {
        var t = Substring(s)
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return t.lowercased()
    }

    private static func missing(role: String, wanted: [String], explicit: Bool, names: [String], file: String) -> ImportError {
        let shown = names.prefix(30).map { "'" + CSVText.clip($0, 40) + "'" }.joined(separator: ", ")
            + (names.count > 30 ? ", … (\(names.count) in all)" : "")
        var reason: String
        if explicit, let name = wanted.first {
            reason = "no \(role) column '\(CSVText.clip(name, 40))' in the header; columns found: \(shown)"
        } else {
            reason = "no \(role) column (looked for \(wanted.joined(separator: ", "))); columns found: \(shown)"
        }
        if let best = closest(to: wanted, among: names) { reason += "; did you mean '\(CSVText.clip(best, 40))'?" }
        return ImportError(
            .missingColumn, file: file, line: 1, column: explicit ? wanted.first : nil,
            expected: "a \(role) column", reason: reason)
    }

    /// The header name with the smallest edit distance to any wanted name (case-insensitive).
    static func closest(to wanted: [String], among names: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for name in names where name.utf8.count <= 200 {
            let folded = Array(fold(name).utf8)
            for w in wanted {
                let d = editDistance(folded, Array(fold(w).utf8))
                if best == nil || d < best?.distance ?? .max { best = (name, d) }
            }
        }
        return best?.name
    }

    /// Levenshtein distance between two byte strings. Cost: O(a·b).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
