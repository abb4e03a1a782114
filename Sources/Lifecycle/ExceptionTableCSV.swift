import EventLog
import Foundation

/// Writes an ``ExceptionTable`` as CSV (RFC 4180, UTF-8, `\n` line ends), one row per
/// exception with every field.
///
/// Columns: `id, status, category, customer, order_id, order_value, tier`, the dimensions
/// by their attribute names, `owner_sequence` (owners joined by ` > `), `first_owner,
/// resolving_owner, handoffs, ping_pongs, immediate_ping_pongs, reopen_count, escalations,
/// info_requests, info_wait_seconds, events, detected_by_event`, the times `detected_at …
/// last_event_at` (ISO 8601 UTC, empty when it never happened), `sla_target_hours,
/// sla_breached, clock_skew`, then the values known at detection as `detection_<column>`.
/// Columns the profile does not define are left out. Cost: O(rows), streamed in 1 MB chunks
/// to a temporary file that is renamed into place when complete.
public enum ExceptionTableCSV {
    /// The header fields for `table`.
    public static func header(_ table: ExceptionTable) -> [String] {
        var out = ["id", "status"]
        out += attributeNames(table)
        out += [
            "owner_sequence", "first_owner", "resolving_owner", "handoffs", "ping_pongs", "immediate_ping_pongs",
            "reopen_count", "escalations", "info_requests", "info_wait_seconds", "events", "detected_by_event",
        ]
        out += timeColumns.map(\.name)
        out += ["sla_target_hours", "sla_breached", "clock_skew"]
        out += attributeNames(table).map { "detection_" + $0 }
        return out
    }

    /// Writes the table to `path` atomically. Throws a `CocoaError`/POSIX error when the
    /// folder is missing or not writable.
    public static func write(_ table: ExceptionTable, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            try encode(table) { chunk in try handle.write(contentsOf: chunk) }
            try handle.close()
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temp, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// The whole CSV as a string (for small tables and tests).
    public static func render(_ table: ExceptionTable) -> String {
        var bytes: [UInt8] = []
        encode(table) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the CSV in chunks of about 1 MB.
    public static func encode(_ table: ExceptionTable, chunk: ([UInt8]) throws -> Void) rethrows {
        var out = CSVBuffer()
        let head = header(table)
        for (i, h) in head.enumerated() {
            if i > 0 { out.comma() }
            out.field(h)
        }
        out.newline()
        let orderValueIndex = orderValueColumnIndex(table)
        let times = timeColumns.map { table[keyPath: $0.path] }
        let counts = [
            table.handoffs, table.pingPongs, table.immediatePingPongs, table.reopenCount, table.escalations,
            table.infoRequests,
        ]
        var sequence: [UInt8] = []
        for r in 0..<table.count {
            table.caseIDs.withBytes(table.caseIndex[r]) { out.field($0) }
            out.comma()
            switch table.status[r] {
            case .open: out.raw("open")
            case .resolved: out.raw("resolved")
            case .closed: out.raw("closed")
            case .cancelled: out.raw("cancelled")
            }
            writeAttributes(table, r, orderValueIndex: orderValueIndex, atDetection: false, into: &out)
            out.comma()
            sequence.removeAll(keepingCapacity: true)
            for (i, code) in table.ownerCodes(r).enumerated() {
                if i > 0 { sequence += " > ".utf8 }
                table.owners.withBytes(code) { sequence.append(contentsOf: $0) }
            }
            sequence.withUnsafeBytes { out.field($0) }
            out.comma()
            table.owners.withBytes(table.firstOwner[r]) { out.field($0) }
            out.comma()
            table.owners.withBytes(table.resolvingOwner[r]) { out.field($0) }
            for column in counts {
                out.comma()
                out.int(Int64(column[r]))
            }
            out.comma()
            out.number(Double(table.infoWaitMicros[r]) / 1_000_000)
            out.comma()
            out.int(Int64(table.eventCount[r]))
            out.comma()
            out.raw(table.detectedByEvent[r] ? "true" : "false")
            for column in times {
                out.comma()
                out.time(column[r])
            }
            out.comma()
            out.number(table.slaTargetHours[r])
            out.comma()
            out.raw(table.slaBreached[r] ? "true" : "false")
            out.comma()
            out.raw(table.clockSkew[r] ? "true" : "false")
            writeAttributes(table, r, orderValueIndex: orderValueIndex, atDetection: true, into: &out)
            out.newline()
            if out.bytes.count >= 1 << 20 {
                try chunk(out.bytes)
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !out.bytes.isEmpty { try chunk(out.bytes) }
    }

    static var timeColumns: [(name: String, path: KeyPath<ExceptionTable, [Int64]>)] {
        [
        ("detected_at", \.detectedAt), ("first_assigned_at", \.firstAssignedAt),
        ("final_owner_assigned_at", \.finalOwnerAssignedAt), ("first_touch_at", \.firstTouchAt),
        ("first_resolved_at", \.firstResolvedAt), ("resolved_at", \.resolvedAt), ("closed_at", \.closedAt),
        ("cancelled_at", \.cancelledAt), ("last_event_at", \.lastEventAt),
        ]
    }

    /// Attribute column names in order; the order value goes after the order id.
    private static func attributeNames(_ table: ExceptionTable) -> [String] {
        var names = table.attributes.map { a -> String in
            switch a.role {
            case .category: "category"
            case .customer: "customer"
            case .order: "order_id"
            case .tier: "tier"
            case .dimension: a.name
            }
        }
        if !table.orderValue.isEmpty { names.insert("order_value", at: orderValueColumnIndex(table)) }
        return names
    }

    /// Position of `order_value` among the attribute columns: after category/customer/order.
    private static func orderValueColumnIndex(_ table: ExceptionTable) -> Int {
        table.attributes.prefix { [.category, .customer, .order].contains($0.role) }.count
    }

    private static func writeAttributes(
        _ table: ExceptionTable, _ r: Int, orderValueIndex: Int, atDetection: Bool, into out: inout CSVBuffer
    ) {
        let hasValue = !table.orderValue.isEmpty
        for i in table.attributes.indices {
            if hasValue && i == orderValueIndex {
                out.comma()
                out.number(atDetection ? table.orderValueAtDetection[r] : table.orderValue[r])
            }
            out.comma()
            let code = atDetection ? table.attributes[i].atDetection[r] : table.attributes[i].values[r]
            if code != StringPool.missing { table.attributes[i].pool.withBytes(code) { out.field($0) } }
        }
        if hasValue && orderValueIndex == table.attributes.count {
            out.comma()
            out.number(atDetection ? table.orderValueAtDetection[r] : table.orderValue[r])
        }
    }
}

/// A byte buffer with CSV field encoding.
struct CSVBuffer {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 20 + 4096) }

    mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func field(_ s: String) {
        var copy = s
        copy.withUTF8 { field(UnsafeRawBufferPointer($0)) }
    }

    /// A field, quoted when it holds a comma, quote, CR or LF.
    mutating func field(_ b: UnsafeRawBufferPointer) {
        let needsQuotes = b.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return bytes.append(contentsOf: b) }
        bytes.append(0x22)
        for byte in b {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }

    mutating func int(_ v: Int64) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            if v == .min { return bytes += "9223372036854775808".utf8 }
        }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n > 0 {
                n -= 1
                bytes.append(d[n])
            }
        }
    }

    /// A number, empty when `nan`.
    mutating func number(_ v: Double) {
        guard !v.isNaN else { return }
        if v == v.rounded(), abs(v) < 1e15 { return int(Int64(v)) }
        bytes += AttributeValue.format(v).utf8
    }

    /// ISO 8601 UTC (`2025-03-04T08:15:00+00:00`, with `.ffffff` when needed); empty for no time.
    mutating func time(_ micros: Int64) {
        guard micros != ExceptionTable.noTime else { return }
        var us = micros % 1_000_000
        var secs = micros / 1_000_000
        if us < 0 {
            us += 1_000_000
            secs -= 1
        }
        var days = secs / 86_400
        var sod = secs % 86_400
        if sod < 0 {
            sod += 86_400
            days -= 1
        }
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &text) { buf -> Int in
            var n = 0
            func put(_ value: Int, _ width: Int) {
                var v = max(0, value)
                var i = n + width - 1
                while i >= n {
                    buf[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                    v /= 10
                    i -= 1
                }
                n += width
            }
            func sep(_ c: Character) {
                buf[n] = c.asciiValue ?? 0
                n += 1
            }
            put(y, 4)
            sep("-")
            put(m, 2)
            sep("-")
            put(d, 2)
            sep("T")
            put(Int(sod / 3600), 2)
            sep(":")
            put(Int(sod % 3600 / 60), 2)
            sep(":")
            put(Int(sod % 60), 2)
            if us != 0 {
                sep(".")
                put(Int(us), 6)
            }
            return n
        }
        withUnsafeBytes(of: &text) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        raw("+00:00")
    }
}
