extension OCELLog {
    /// Flattens the log on one object type, as pm4py's `ocel_flattening` does: each object
    /// of that type that has events becomes a case (case id = object id), and each event
    /// related to it becomes an event of that case (activity = event type), so an event
    /// related to several such objects appears once in each of their cases.
    ///
    /// Events keep the order of ``eventsInTimeOrder()`` (time, then event order), so ties
    /// match pm4py. Event attributes become event columns, plus `ocel:eid` (the OCEL event
    /// id); the columns named `resource`, `group` and `lifecycle` (when present) fill the
    /// standard resource, group and lifecycle columns instead. The object's attributes
    /// (earliest values) become case attributes; attributes no object of the type carries
    /// (and event attributes no flattened event carries) are left out. Objects without events
    /// are not cases.
    ///
    /// Returns `nil` when there is no such object type. Cost: O(relations + n log n) for n events.
    public func flatten(
        on typeName: String, resource: String = "org:resource", group: String = "org:group",
        lifecycle: String = "lifecycle:transition"
    ) -> EventLog? {
        guard let type = objectTypes.code(of: typeName) else { return nil }
        let order = eventsInTimeOrder()
        let offsets = eventToObjectOffsets()
        let roleColumns = [resource, group, lifecycle].map { name in eventAttributes.first { $0.name == name } }

        var builder = EventLogBuilder()
        var caseOfObject = [UInt32](repeating: StringPool.missing, count: objectCount)
        var activityOfType = [UInt32](repeating: StringPool.missing, count: eventTypes.count)
        var caseObject: [Int] = []
        var flatEvent: [Int] = []
        var eidColumn = AttributeColumn(name: "ocel:eid", type: .string)

        for e in order {
            for r in offsets[e]..<offsets[e + 1] {
                let o = Int(eventToObject[r].target)
                guard objectType[o] == type else { continue }
                if caseOfObject[o] == StringPool.missing {
                    caseOfObject[o] = objectIDs.withBytes(UInt32(o)) { builder.caseIDs.intern($0) }
                    caseObject.append(o)
                }
                let t = Int(eventType[e])
                if activityOfType[t] == StringPool.missing {
                    activityOfType[t] = eventTypes.withBytes(UInt32(t)) { builder.activities.intern($0) }
                }
                let roles = roleColumns.map { $0?.value(at: e)?.text }
                builder.appendEvent(
                    caseCode: caseOfObject[o], activity: activityOfType[t], timestamp: eventTime[e],
                    resource: roles[0].map { builder.resources.intern($0) } ?? StringPool.missing,
                    group: roles[1].map { builder.groups.intern($0) } ?? StringPool.missing,
                    lifecycle: roles[2].map { builder.lifecycles.intern($0) } ?? StringPool.missing)
                eventIDs.withBytes(UInt32(e)) { eidColumn.appendString($0) }
                flatEvent.append(e)
            }
        }
        let roleNames: Set<String> = [resource, group, lifecycle]
        builder.eventAttributes = [eidColumn]
            + eventAttributes.filter { !roleNames.contains($0.name) }.compactMap { Self.rows($0, flatEvent) }
        builder.caseAttributes = objectAttributes.compactMap { Self.rows($0, caseObject) }
        return builder.build()
    }

    /// Rows `rows` of `column`, with a string pool holding only their values; `nil` when
    /// none of them has a value (an attribute of other event or object types).
    private static func rows(_ column: AttributeColumn, _ rows: [Int]) -> AttributeColumn? {
        guard column.type == .string else {
            let out = column.permuted(by: rows)
            return out.presentCount > 0 ? out : nil
        }
        var out = AttributeColumn(name: column.name, type: .string)
        var any = false
        for r in rows {
            let code = column.codes[r]
            if code == StringPool.missing {
                out.appendMissing()
            } else {
                column.pool.withBytes(code) { out.appendString($0) }
                any = true
            }
        }
        return any ? out : nil
    }

    /// Object types with their object counts, most objects first (ties by name).
    public func objectTypeSummary() -> [(type: String, objects: Int)] {
        objectTypeCounts().map { (type: $0.key, objects: $0.value) }
            .sorted { $0.objects != $1.objects ? $0.objects > $1.objects : $0.type < $1.type }
    }
}
