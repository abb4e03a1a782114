/// Writes an ``EventLog`` as a XES file (IEEE 1849-2016), plain or gzip-compressed.
///
/// Layout: the XML declaration, `<log>` with the Concept, Time, Organizational and Lifecycle
/// extension declarations and an activity classifier, then one `<trace>` per case (its
/// `concept:name` and the case attributes, typed) holding its `<event>`s in log order
/// (`concept:name`, `time:timestamp`, `org:resource`, `org:group`, `lifecycle:transition`
/// when present, then the extra attributes, typed). This is the flat layout pm4py, ProM
/// and OpenXES read. Missing values are left out; strings are XML-escaped; timestamps are
/// written in UTC with milliseconds (microseconds when needed) and `+00:00`.
///
/// What it writes, ``XESLogReader`` reads back to the same log. The file is written under a
/// temporary name and renamed into place, so a failed write leaves no half file.
/// Cost: one pass over the log; with `compressed`, zlib deflate at the default level.
public enum XESLogWriter {
    public static func write(_ log: EventLog, to path: String, compressed: Bool) throws {
        try writeTyped(log, to: path, compressed: compressed)
    }

    static func writeTyped(_ log: EventLog, to path: String, compressed: Bool) throws(XESWriteError) {
        let file = try XESOutputFile(path: path, compressed: compressed)
        var w = XESByteWriter(file)
        w.literal("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n")
        w.literal("<log xes.version=\"1849-2016\" xes.features=\"\" xmlns=\"http://www.xes-standard.org/\">\n")
        for ext in XESKeys.standardExtensions {
            w.literal("\t<extension name=\"")
            w.text(ext.name)
            w.literal("\" prefix=\"")
            w.text(ext.prefix)
            w.literal("\" uri=\"")
            w.text(ext.uri)
            w.literal("\"/>\n")
        }
        w.literal("\t<classifier name=\"Activity\" keys=\"concept:name\"/>\n")
        let standard: Set<String> = [
            XESKeys.conceptName, XESKeys.timeTimestamp, XESKeys.orgResource, XESKeys.orgGroup, XESKeys.lifecycleTransition,
        ]
        let caseColumns = log.caseAttributes.filter { $0.name != XESKeys.conceptName }
        let eventColumns = log.eventAttributes.filter { !standard.contains($0.name) }
        for c in 0..<log.caseCount {
            w.literal("\t<trace>\n\t\t<string key=\"concept:name\" value=\"")
            log.caseIDs.withBytes(UInt32(c)) { w.escaped($0) }
            w.literal("\"/>\n")
            for column in caseColumns { attribute(column, row: c, indent: 2, &w) }
            for e in log.events(ofCase: c) {
                w.literal("\t\t<event>\n")
                pooled(XESKeys.conceptName, log.activity[e], log.activities, &w)
                w.literal("\t\t\t<date key=\"time:timestamp\" value=\"")
                w.timestamp(log.timestamp[e])
                w.literal("\"/>\n")
                pooled(XESKeys.orgResource, log.resource[e], log.resources, &w)
                pooled(XESKeys.orgGroup, log.group[e], log.groups, &w)
                pooled(XESKeys.lifecycleTransition, log.lifecycle[e], log.lifecycles, &w)
                for column in eventColumns { attribute(column, row: e, indent: 3, &w) }
                w.literal("\t\t</event>\n")
                try w.flushIfFull()
            }
            w.literal("\t</trace>\n")
        }
        w.literal("</log>\n")
        try w.flush()
        try file.finish()
    }

    /// `<string key=… value=…/>` for a pooled standard column; nothing when missing.
    private static func pooled(_ key: String, _ code: UInt32, _ pool: StringPool, _ w: inout XESByteWriter) {
        guard code != StringPool.missing else { return }
        w.literal("\t\t\t<string key=\"")
        w.text(key)
        w.literal("\" value=\"")
        pool.withBytes(code) { w.escaped($0) }
        w.literal("\"/>\n")
    }

    /// One typed attribute element for `column[row]`; nothing when missing.
    private static func attribute(_ column: AttributeColumn, row: Int, indent: Int, _ w: inout XESByteWriter) {
        func open(_ element: StaticString) {
            w.literal(indent == 2 ? "\t\t<" : "\t\t\t<")
            w.literal(element)
            w.literal(" key=\"")
            w.text(column.name)
            w.literal("\" value=\"")
        }
        switch column.type {
        case .string:
            let code = column.codes[row]
            guard code != StringPool.missing else { return }
            open("string")
            column.pool.withBytes(code) { w.escaped($0) }
        case .int:
            guard column.valid[row] else { return }
            open("int")
            w.integer(column.raw[row])
        case .date:
            guard column.valid[row] else { return }
            open("date")
            w.timestamp(column.raw[row])
        case .bool:
            guard column.valid[row] else { return }
            open("boolean")
            if column.raw[row] != 0 { w.literal("true") } else { w.literal("false") }
        case .float:
            guard column.valid[row] else { return }
            open("float")
            w.text(AttributeValue.format(Double(bitPattern: UInt64(bitPattern: column.raw[row]))))
        }
        w.literal("\"/>\n")
    }
}
