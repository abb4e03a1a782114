import EventLog
import Lifecycle

/// Recurrence counts of a slice. Merges by addition.
struct RecurrenceCounts: Sendable {
    var everResolved = 0
    var reopened = 0
    var reopenedTwice = 0
    var reopens = 0
    var sameCustomerCategory = 0
    var sameOrder = 0

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        if f.everResolved { everResolved += 1 }
        if f.reopens > 0 { reopened += 1 }
        if f.reopens > 1 { reopenedTwice += 1 }
        reopens += Int(f.reopens)
    }

    mutating func merge(_ o: RecurrenceCounts) {
        everResolved += o.everResolved
        reopened += o.reopened
        reopenedTwice += o.reopenedTwice
        reopens += o.reopens
        sameCustomerCategory += o.sameCustomerCategory
        sameOrder += o.sameOrder
    }
}

/// Recurrence: reopened exceptions (of those resolved at least once), reopened twice or more,
/// reopen events; exceptions whose customer had another exception of the same category
/// detected strictly earlier and at most ``windowDays`` days before; exceptions whose order
/// had an exception detected strictly earlier. Rates of the last two are over all exceptions;
/// they are `nil` when the table has no customer (or category, or order) attribute.
public struct RecurrenceKPIs: Sendable, Equatable, Codable {
    public var reopened: Int
    public var reopenRate: Double?
    public var reopenedTwiceOrMore: Int
    public var reopens: Int
    public var windowDays: Int
    public var sameCustomerCategory: Int?
    public var sameCustomerCategoryRate: Double?
    public var sameOrder: Int?
    public var sameOrderRate: Double?

    enum CodingKeys: String, CodingKey {
        case reopened
        case reopenRate = "reopen_rate"
        case reopenedTwiceOrMore = "reopened_twice_or_more"
        case reopens
        case windowDays = "window_days"
        case sameCustomerCategory = "same_customer_category"
        case sameCustomerCategoryRate = "same_customer_category_rate"
        case sameOrder = "same_order"
        case sameOrderRate = "same_order_rate"
    }

    init(_ c: RecurrenceCounts, exceptions: Int, windowDays: Int, customerCategoryKnown: Bool, orderKnown: Bool) {
        reopened = c.reopened
        reopenRate = fraction(c.reopened, c.everResolved)
        reopenedTwiceOrMore = c.reopenedTwice
        reopens = c.reopens
        self.windowDays = windowDays
        if customerCategoryKnown {
            sameCustomerCategory = c.sameCustomerCategory
            sameCustomerCategoryRate = fraction(c.sameCustomerCategory, exceptions)
        }
        if orderKnown {
            sameOrder = c.sameOrder
            sameOrderRate = fraction(c.sameOrder, exceptions)
        }
    }
}

/// The customer, category, order, detection time and slices of every row, kept because
/// recurrence looks across exceptions (and across partitions): merging concatenates, and
/// ``flags(windowMicros:)`` decides each row once everything is in.
///
/// The rules use only strict "earlier" comparisons, so the answer does not depend on the
/// order rows arrive in. Memory: 28 bytes per row plus the distinct strings.
struct RecurrenceLedger: Sendable {
    private(set) var customers = StringPool()
    private(set) var categories = StringPool()
    private(set) var orders = StringPool()
    private(set) var customer: [UInt32] = []
    private(set) var category: [UInt32] = []
    private(set) var order: [UInt32] = []
    private(set) var detected: [Int64] = []
    /// Per grouping, the slice of each row.
    private(set) var slices: [[UInt32]]
    private(set) var customerCategoryKnown = false
    private(set) var orderKnown = false

    init(groupings: Int) { slices = [[UInt32]](repeating: [], count: groupings) }

    /// Codes of one table's pools in the ledger's pools.
    struct TableCodes {
        var customer: [UInt32]?
        var category: [UInt32]?
        var order: [UInt32]?
        var customerValues: [UInt32] = []
        var categoryValues: [UInt32] = []
        var orderValues: [UInt32] = []
    }

    /// Interns the customer, category and order pools of `table`. Cost: one intern per distinct value.
    mutating func codes(for table: ExceptionTable) -> TableCodes {
        func map(_ role: ExceptionAttributeRole, into pool: inout StringPool) -> ([UInt32], [UInt32])? {
            guard let a = table.attribute(role), a.foundName != nil else { return nil }
            var out = [UInt32](repeating: StringPool.missing, count: a.pool.count)
            for c in 0..<a.pool.count { out[c] = a.pool.withBytes(UInt32(c)) { pool.intern($0) } }
            return (out, a.values)
        }
        var t = TableCodes()
        if let (m, v) = map(.customer, into: &customers) { (t.customer, t.customerValues) = (m, v) }
        if let (m, v) = map(.category, into: &categories) { (t.category, t.categoryValues) = (m, v) }
        if let (m, v) = map(.order, into: &orders) { (t.order, t.orderValues) = (m, v) }
        if t.customer != nil && t.category != nil { customerCategoryKnown = true }
        if t.order != nil { orderKnown = true }
        return t
    }

    @inline(__always)
    private static func code(_ map: [UInt32]?, _ values: [UInt32], _ r: Int) -> UInt32 {
        guard let map else { return StringPool.missing }
        let v = values[r]
        return v == StringPool.missing ? v : map[Int(v)]
    }

    /// Appends row `r` of the table `codes` came from.
    @inline(__always)
    mutating func append(row r: Int, codes t: TableCodes, detectedAt: Int64, slices s: (Int, Int)) {
        customer.append(RecurrenceLedger.code(t.customer, t.customerValues, r))
        category.append(RecurrenceLedger.code(t.category, t.categoryValues, r))
        order.append(RecurrenceLedger.code(t.order, t.orderValues, r))
        detected.append(detectedAt)
        slices[0].append(UInt32(s.0))
        slices[1].append(UInt32(s.1))
    }

    /// Appends `other`'s rows; `sliceMaps[g][j]` is the slice here of `other`'s slice `j` in grouping `g`.
    mutating func merge(_ other: RecurrenceLedger, sliceMaps: [[Int]]) {
        func remap(_ pool: StringPool, into mine: inout StringPool) -> [UInt32] {
            (0..<pool.count).map { c in pool.withBytes(UInt32(c)) { mine.intern($0) } }
        }
        let cu = remap(other.customers, into: &customers)
        let ca = remap(other.categories, into: &categories)
        let or = remap(other.orders, into: &orders)
        func translate(_ codes: [UInt32], _ map: [UInt32]) -> [UInt32] {
            codes.map { $0 == StringPool.missing ? $0 : map[Int($0)] }
        }
        customer += translate(other.customer, cu)
        category += translate(other.category, ca)
        order += translate(other.order, or)
        detected += other.detected
        for g in slices.indices { slices[g] += other.slices[g].map { UInt32(sliceMaps[g][Int($0)]) } }
        customerCategoryKnown = customerCategoryKnown || other.customerCategoryKnown
        orderKnown = orderKnown || other.orderKnown
    }

    /// Per row: whether it recurs for its customer and category within the window, and
    /// whether its order had an earlier exception. Cost: O(rows) plus a sort of each
    /// customer-and-category group's times.
    func flags(windowMicros: Int64) -> (customerCategory: [Bool], order: [Bool]) {
        let n = detected.count
        var sameOrder = [Bool](repeating: false, count: n)
        if orderKnown {
            var first = [Int64](repeating: .max, count: orders.count)
            for r in 0..<n where order[r] != StringPool.missing { first[Int(order[r])] = min(first[Int(order[r])], detected[r]) }
            for r in 0..<n where order[r] != StringPool.missing { sameOrder[r] = detected[r] > first[Int(order[r])] }
        }
        var sameCustomer = [Bool](repeating: false, count: n)
        guard customerCategoryKnown else { return (sameCustomer, sameOrder) }
        // Dense group ids by counting sort on (customer, category).
        let width = UInt64(max(categories.count, 1))
        var groupOf = [Int32](repeating: -1, count: n)
        var ids: [UInt64: Int32] = [:]
        var groups = 0
        for r in 0..<n where customer[r] != StringPool.missing && category[r] != StringPool.missing {
            let key = UInt64(customer[r]) * width + UInt64(category[r])
            if let g = ids[key] {
                groupOf[r] = g
            } else {
                ids[key] = Int32(groups)
                groupOf[r] = Int32(groups)
                groups += 1
            }
        }
        var start = [Int](repeating: 0, count: groups + 1)
        for g in groupOf where g >= 0 { start[Int(g) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        var fill = start
        var rows = [Int](repeating: 0, count: start[groups])
        for r in 0..<n where groupOf[r] >= 0 {
            rows[fill[Int(groupOf[r])]] = r
            fill[Int(groupOf[r])] += 1
        }
        for g in 0..<groups where start[g + 1] - start[g] > 1 {
            var members = Array(rows[start[g]..<start[g + 1]])
            members.sort { detected[$0] < detected[$1] }
            var previous = Int64.min  // latest time strictly before the current one
            var i = 0
            while i < members.count {
                let t = detected[members[i]]
                var j = i
                while j < members.count, detected[members[j]] == t { j += 1 }
                if previous != .min, t - previous <= windowMicros {
                    for k in i..<j { sameCustomer[members[k]] = true }
                }
                previous = t
                i = j
            }
        }
        return (sameCustomer, sameOrder)
    }
}
