import Testing
@testable import EventLog

@Suite struct CSVAttributeTests {
    static let text = """
        case,activity,timestamp,n,x,flag,due,label,code,big,special,sparse
        1,a,2024-01-01T00:00:00Z,1,1,true,2024-01-01,p,007,12345678901234567890,NaN,
        1,b,2024-01-01T01:00:00Z,2,2.5,False,2024-01-02T10:00:00Z,q,8,1,1.5,
        2,c,2024-01-01T02:00:00Z,,-3e2,TRUE,,12,9,2,INF,z
        2,d,2024-01-01T03:00:00Z,-4,,false,2024-01-03,r,10,3,-inf,z
        """

    @Test func infersTypesFromAllValuesWithExplicitMissing() throws {
        let log = try CSVTesting.read(CSVAttributeTests.text).log
        func column(_ name: String) throws -> AttributeColumn { try #require(log.eventAttribute(name)) }
        #expect(try column("n").type == .int)
        #expect(try (0..<4).map { try column("n").value(at: $0) } == [.int(1), .int(2), nil, .int(-4)])
        #expect(try column("x").type == .float)
        #expect(try (0..<4).map { try column("x").value(at: $0) } == [.float(1), .float(2.5), .float(-300), nil])
        #expect(try column("flag").type == .bool)
        #expect(try (0..<4).map { try column("flag").value(at: $0) } == [.bool(true), .bool(false), .bool(true), .bool(false)])
        #expect(try column("due").type == .date)
        #expect(try column("due").value(at: 2) == nil)
        #expect(try column("label").type == .string)
        #expect(try column("label").value(at: 2) == .string("12"))
        #expect(try column("code").type == .string)  // 007 would lose its zeros as a number
        #expect(try column("big").type == .string)  // too long for Int64 or an exact Double
        #expect(try column("special").type == .float)
        #expect(try column("special").value(at: 2) == .float(.infinity))
        #expect(try column("special").value(at: 3) == .float(-.infinity))
        // Present in one case only, missing elsewhere: constant within each case.
        #expect(log.caseAttribute("sparse")?.value(at: 1) == .string("z"))
        #expect(log.caseAttribute("sparse")?.value(at: 0) == nil)
    }

    @Test func nearlyUniqueColumnsKeepEveryValueInBatchesOfNewStrings() throws {
        // 1 000 cases: `order` is distinct per case but for a few repeats and blanks (pool sized
        // up front, interned in batches); `note` varies within cases (per-event batches).
        var lines = ["case,activity,timestamp,order,note"]
        var orders: [String?] = [], notes: [String?] = []
        for c in 0..<1000 {
            let order: String? = c % 97 == 0 ? nil : c % 89 == 0 ? "SO-repeat" : "SO-\(c * 7919 % 100_003)"
            orders.append(order)
            for step in 0..<2 {
                let note: String? = (c + step) % 53 == 0 ? nil : "n\(c)-\(step)"
                notes.append(note)
                lines.append("c\(c),a\(step),2024-01-01T00:00:0\(step)Z,\(order ?? ""),\(note ?? "")")
            }
        }
        let log = try CSVTesting.read(lines.joined(separator: "\n") + "\n").log
        let order = try #require(log.caseAttribute("order"))
        let note = try #require(log.eventAttribute("note"))
        #expect((0..<1000).map { order.value(at: $0) } == orders.map { $0.map(AttributeValue.string) })
        #expect((0..<2000).map { note.value(at: $0) } == notes.map { $0.map(AttributeValue.string) })
        // First-seen codes: each distinct value once, in order of first appearance.
        var seen: [String] = []
        for value in orders.compactMap({ $0 }) where !seen.contains(value) { seen.append(value) }
        #expect(order.pool.strings == seen)
    }

    @Test func columnsWithTooManyValuesForACacheAreInternedInBatches() throws {
        // 40 000 cases, 6 000 customers: a fifth of the rows distinct, more than a cache keeps.
        var lines = ["case,activity,timestamp,customer,tier"]
        var customers: [String] = []
        for c in 0..<40_000 {
            let customer = "C\((c &* 2_654_435_761) % 6_000)"
            customers.append(customer)
            lines.append("c\(c),a,2024-01-01T00:00:00Z,\(customer),t\(c % 3)")
        }
        let log = try CSVTesting.read(lines.joined(separator: "\n") + "\n").log
        let customer = try #require(log.caseAttribute("customer"))
        #expect((0..<40_000).map { customer.value(at: $0) } == customers.map(AttributeValue.string))
        #expect(customer.pool.count == Set(customers).count)

        // The cost model behind the choice: a pool sized up front once a cache would only miss.
        let many = CSVColumnCost(rows: 1_000_000, distinctShare: 0.2, type: .string)
        #expect(many.expectedDistinct == 200_000)
        #expect(many.units == 4_000_000)
        let few = CSVColumnCost(rows: 1_000_000, distinctShare: 0.002, type: .string)
        #expect(few.expectedDistinct == nil)
        #expect(few.units == 1_006_000)
        #expect(CSVColumnCost(rows: 1_000, distinctShare: 0.9, type: .string).expectedDistinct == 900)
        #expect(CSVColumnCost(rows: 1_000_000, distinctShare: 1, type: .float).expectedDistinct == nil)
    }

    @Test func caseIDsThatLookLikeMissingValuesAreRealIDs() throws {
        let text = "case,activity,timestamp\nNA,a,2024-01-01\nnull,b,2024-01-01\n0,c,2024-01-01\nNaN,d,2024-01-01\nNA,e,2024-01-02\n"
        let result = try CSVTesting.read(text)
        #expect(result.rejected.isEmpty)
        #expect((0..<result.log.caseCount).map(result.log.caseID) == ["NA", "null", "0", "NaN"])
        #expect(CSVTesting.traces(result.log) == [["a", "e"], ["b"], ["c"], ["d"]])
    }

    @Test func columnsConstantWithinEveryCaseBecomeCaseAttributes() throws {
        let text = """
            case,activity,timestamp,region,step,tier,value
            1,a,2024-01-01,EU,1,gold,1.0
            2,a,2024-01-01,US,1,,2
            1,b,2024-01-02,EU,2,,1.00
            2,b,2024-01-02,US,2,,2.0
            """
        let log = try CSVTesting.read(text).log
        // tier: "gold" then missing inside case 1, so it varies. value: 1.0 and 1.00 are one float.
        #expect(log.caseAttributes.map(\.name) == ["region", "value"])
        #expect(log.eventAttributes.map(\.name) == ["step", "tier"])
        #expect(log.caseAttribute("region")?.value(at: 1) == .string("US"))
        #expect(log.caseAttribute("value")?.type == .float)
        #expect(log.caseAttribute("value")?.value(at: 0) == .float(1))
        #expect(log.eventAttribute("tier")?.value(at: 1) == nil)
    }

    @Test func typingHelpersOnBytes() {
        func int(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBytes { CSVAttributeTyping.integerValue($0) } }
        func dec(_ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { CSVAttributeTyping.isDecimal($0) } }
        #expect(int("-9223372036854775808") == .min)
        #expect(int("9223372036854775808") == nil)
        #expect(int("-0") == nil && int("01") == nil && int("") == nil && int("-") == nil)
        #expect(dec("1e-05") && dec(".5") && dec("5.") && dec("-Infinity") && dec("+1.5E+3"))
        #expect(!dec("1e") && !dec(".") && !dec("1.2.3") && !dec("0x10") && !dec("01.5"))
        #expect(dec("INFINITY") && dec("iNfInItY") && dec("+infinity"))
        #expect(!dec("infinitx") && !dec("infinit") && !dec("infinity!") && !dec("1nfinity") && !dec("26629.81x"))
        #expect(dec("26629.81") && dec("-2662.81"))
    }
}
