/// The content of a report, independent of its format: a headline, sections with
/// paragraphs, charts and tables. ``HTMLReport``, ``MarkdownReport`` and ``NotebookWriter``
/// render the same document, so the three outputs always say the same thing.
///
/// All text here is plain text (data strings included); each writer escapes it for its format.
public struct ReportDocument: Sendable {
    public var title: String
    /// One line under the title (log, profile, period).
    public var subtitle: String
    /// The executive summary: three numbers, one sentence each.
    public var headline: [HeadlineFigure]
    public var sections: [ReportSection]
    /// `2025-06-01T10:00:00Z`-style time the report was generated.
    public var generatedAt: String
    /// The Python cell that loads the exported files (notebook only).
    public var setupCode: String

    public init(title: String, subtitle: String, headline: [HeadlineFigure], sections: [ReportSection], generatedAt: String, setupCode: String) {
        self.title = title
        self.subtitle = subtitle
        self.headline = headline
        self.sections = sections
        self.generatedAt = generatedAt
        self.setupCode = setupCode
    }
}

/// A number of the executive summary: the figure, what it is, one sentence of context.
public struct HeadlineFigure: Sendable, Equatable {
    public var value: String
    public var label: String
    public var sentence: String

    public init(value: String, label: String, sentence: String) {
        self.value = value
        self.label = label
        self.sentence = sentence
    }
}

/// One section of a report.
public struct ReportSection: Sendable {
    /// A constant anchor and file stem, e.g. `drag` (never data).
    public var id: String
    public var title: String
    public var paragraphs: [String]
    public var figures: [ReportFigure]
    public var tables: [ReportTable]
    /// Python for the notebook's code cell of this section (reads the exported files).
    public var code: String?

    public init(id: String, title: String, paragraphs: [String] = [], figures: [ReportFigure] = [], tables: [ReportTable] = [], code: String? = nil) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.figures = figures
        self.tables = tables
        self.code = code
    }
}

/// A chart: an `<svg>` element and its caption; saved as `charts/<name>.svg` beside the
/// Markdown report.
public struct ReportFigure: Sendable {
    /// A constant file stem, e.g. `drag-pareto` (never data).
    public var name: String
    public var caption: String
    public var svg: String

    public init(name: String, caption: String, svg: String) {
        self.name = name
        self.caption = caption
        self.svg = svg
    }
}

/// A table of plain-text cells.
public struct ReportTable: Sendable, Equatable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// Columns aligned right (numbers).
    public var numericColumns: Set<Int>

    public init(caption: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The table as an HTML `<table>` (every cell escaped).
    public var html: String {
        var out = "<table>\n"
        if let caption { out += "<caption>" + Escape.html(caption) + "</caption>\n" }
        out += "<thead><tr>"
        for (i, h) in header.enumerated() {
            out += numericColumns.contains(i) ? "<th class=\"num\">" : "<th>"
            out += Escape.html(h) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += numericColumns.contains(i) ? "<td class=\"num\">" : "<td>"
                out += Escape.html(cell) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The table as a GitHub-flavoured Markdown pipe table (every cell escaped).
    public var markdown: String {
        guard !header.isEmpty else { return "" }
        var out = ""
        if let caption { out += "*" + Escape.markdown(caption) + "*\n\n" }
        out += "| " + header.map(Escape.markdown).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { numericColumns.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            let cells = header.indices.map { $0 < row.count ? Escape.markdown(row[$0]) : "" }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Plain text (the notebook's `text/plain` fallback): tab-separated lines.
    public var plainText: String {
        ([header] + rows).map { $0.map(Escape.singleLine).joined(separator: "\t") }.joined(separator: "\n")
    }
}
