/// The text of a case's id and attribute columns, shared by the CSV and truth writers and
/// the in-memory log, so that all three spell values identically.
enum CaseText {
    /// `EX-000123` (six digits, more when needed).
    static func appendCaseID(_ out: inout [UInt8], _ number: Int) {
        out.append(contentsOf: [0x45, 0x58, 0x2D])
        ByteText.appendPadded(&out, number, width: 6)
    }

    /// `exception_type,order_id,customer_id,customer_tier,region,channel,order_value,currency,sku_family`.
    static func appendAttributes(_ out: inout [UInt8], _ c: CaseRecord) {
        out.append(contentsOf: c.type.name.utf8)
        out.append(0x2C)
        appendOrderID(&out, c.orderNumber)
        out.append(0x2C)
        appendCustomerID(&out, Int(c.order.customer))
        out.append(0x2C)
        out.append(contentsOf: c.order.tier.name.utf8)
        out.append(0x2C)
        out.append(contentsOf: c.order.region.name.utf8)
        out.append(0x2C)
        out.append(contentsOf: c.order.channel.name.utf8)
        out.append(0x2C)
        ByteText.appendCents(&out, c.order.valueCents)
        out.append(0x2C)
        out.append(contentsOf: c.order.region.currency.utf8)
        out.append(0x2C)
        out.append(contentsOf: c.order.sku.name.utf8)
    }

    /// `SO-0004711`.
    static func appendOrderID(_ out: inout [UInt8], _ number: Int) {
        out.append(contentsOf: [0x53, 0x4F, 0x2D])
        ByteText.appendPadded(&out, number, width: 7)
    }

    /// `C-00042`.
    static func appendCustomerID(_ out: inout [UInt8], _ number: Int) {
        out.append(contentsOf: [0x43, 0x2D])
        ByteText.appendPadded(&out, number, width: 5)
    }

    static func string(_ build: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        build(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes the truth file: one row per case, in case order.
///
/// Columns: `case_id,true_owner,legacy_owner,legacy_correct,drift,noise_ceiling_prob`.
final class TruthWriter {
    static let header = "case_id,true_owner,legacy_owner,legacy_correct,drift,noise_ceiling_prob\n"

    private let file: OutputFile
    private var row: [UInt8] = []

    init(file: OutputFile) { self.file = file }

    func begin(resourceNames: [String]) throws(GeneratorError) {
        try file.put(Self.header)
    }

    func write(_ c: CaseRecord) throws(GeneratorError) {
        row.removeAll(keepingCapacity: true)
        CaseText.appendCaseID(&row, c.number)
        row.append(0x2C)
        row.append(contentsOf: c.truth.owner.name.utf8)
        row.append(0x2C)
        row.append(contentsOf: c.legacy.name.utf8)
        row.append(0x2C)
        row.append(c.legacy == c.truth.owner ? 0x31 : 0x30)
        row.append(0x2C)
        row.append(c.truth.drifted ? 0x31 : 0x30)
        row.append(0x2C)
        ByteText.appendProbability(&row, c.truth.ceiling)
        row.append(0x0A)
        try file.ensure(row.count)
        row.withUnsafeBufferPointer { file.put($0) }
    }
}
