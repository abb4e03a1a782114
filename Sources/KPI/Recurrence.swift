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

/// The customer, category, order, detection time and slice of every row, kept because
/// recurrence looks across exceptions (and across partitions): merging concatenates, and
/// ``flags(windowMicros:)`` decides each row once everything is in.
///
/// The rules use only strict "earlier" comparisons, so the answer does not depend on the
/// order rows arrive in. The first table's string pools are adopted as they are; later
/// tables and merged ledgers are re-coded into them (one intern per distinct value).
/// Memory: 24 bytes per row plus the distinct strings.
struct RecurrenceLedger: Sendable {
    private(set) var customers = StringPool()
    private(set) var categories = StringPool()
    private(set) var orders = StringPool()
    private(set) var customer: [UInt32] = []
    private(set) var category: [UInt32] = []
    private(set) var order: [UInt32] = []
    private(set) var detected: [Int64] = []
    /// The slice (of the user's grouping) of each row.
    private(set) var slices: [UInt32] = []
    private(set) var customerCategoryKnown = false
    private(set) var orderKnown = false
    private var adopted = false

    /// Codes of one table's attribute values in the ledger's pools (`map` `nil` = the same codes).
    struct Column {
        var values: [UInt32] = []
        var map: [UInt32]?
        var present = false

        @inline(__always)
        func code(_ r: Int) -> UInt32 {
            guard present else { return StringPool.missing }
            let v = values[r]
            guard let map, v != StringPool.missing else { return v }
            return map[Int(v)]
        }
    }

    struct TableCodes {
        var customer = Column()
        var category = Column()
        var order = Column()
    }

    /// Prepares to append rows of `table`. Cost: nothing for the first table; one intern per
    /// distinct value for later ones.
    mutating func codes(for table: ExceptionTable) -> TableCodes {
        let adopt = !adopted && detected.isEmpty
        adopted = true
        func column(_ role: ExceptionAttributeRole, _ pool: inout StringPool) -> Column {
            guard let a = table.attribute(role), a.foundName != nil else { return Column() }
            if adopt {
                pool = a.pool
                return Column(values: a.values, map: nil, present: true)
            }
            return Column(values: a.values, map: RecurrenceLedger.remap(a.pool, into: &pool), present: true)
        }
        var t = TableCodes()
        t.customer = column(.customer, &customers)
        t.category = column(.category, &categories)
        t.order = column(.order, &orders)
        if t.customer.present && t.category.present { customerCategoryKnown = true }
        if t.order.present { orderKnown = true }
        return t
    }

    private static func remap(_ pool: StringPool, into mine: inout StringPool) -> [UInt32] {
        (0..<pool.count).map { c in pool.withBytes(UInt32(c)) { mine.intern($0) } }
    }

    /// Appends row `r` of the table `codes` came from.
    @inline(__always)
    mutating func append(row r: Int, codes t: TableCodes, detectedAt: Int64, slice: Int) {
        customer.append(t.customer.code(r))
        category.append(t.category.code(r))
        order.append(t.order.code(r))
        detected.append(detectedAt)
        slices.append(UInt32(truncatingIfNeeded: slice))
    }

    /// Appends `other`'s rows; `sliceMap[j]` is the slice here of `other`'s slice `j`.
    mutating func merge(_ other: RecurrenceLedger, sliceMap: [Int]) {
        adopted = true
        let cu = RecurrenceLedger.remap(other.customers, into: &customers)
        let ca = RecurrenceLedger.remap(other.categories, into: &categories)
        let or = RecurrenceLedger.remap(other.orders, into: &orders)
        func translate(_ codes: [UInt32], _ map: [UInt32]) -> [UInt32] {
            codes.map { $0 == StringPool.missing ? $0 : map[Int($0)] }
        }
        customer += translate(other.customer, cu)
        category += translate(other.category, ca)
        order += translate(other.order, or)
        detected += other.detected
        slices += other.slices.map { UInt32(truncatingIfNeeded: sliceMap[Int($0)]) }
        customerCategoryKnown = customerCategoryKnown || other.customerCategoryKnown
        orderKnown = orderKnown || other.orderKnown
    }

    /// Per row: whether it recurs for its customer and category within the window, and
    /// whether its order had an earlier exception. Cost: O(rows + distinct keys) plus a
    /// sort of each customer-and-category group's times.
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
        let groupOf = groupIDs()
        let groups = groupOf.count == 0 ? 0 : Int(groupOf.max() ?? -1) + 1
        // Counting sort of the rows by group.
        var start = [Int](repeating: 0, count: groups + 1)
        for g in groupOf where g >= 0 { start[Int(g) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        var fill = start
        var rows = [Int](repeating: 0, count: start[groups])
        for r in 0..<n where groupOf[r] >= 0 {
            rows[fill[Int(groupOf[r])]] = r
            fill[Int(groupOf[r])] += 1
        }
        var members: [(time: Int64, row: Int)] = []
        for g in 0..<groups where start[g + 1] - start[g] > 1 {
            members.removeAll(keepingCapacity: true)
            for k in start[g]..<start[g + 1] { members.append((detected[rows[k]], rows[k])) }
            members.sort { $0.time < $1.time }
            var previous = Int64.min  // the latest time strictly before the current one
            var i = 0
            while i < members.count {
                let t = members[i].time
                var j = i
                while j < members.count, members[j].time == t { j += 1 }
                if previous != .min, t - previous <= windowMicros {
                    for k in i..<j { sameCustomer[members[k].row] = true }
                }
                previous = t
                i = j
            }
        }
        return (sameCustomer, sameOrder)
    }

    /// A dense id per (customer, category) pair, −1 where either is missing.
    private func groupIDs() -> [Int32] {
        let n = detected.count
        let width = max(categories.count, 1)
        var groupOf = [Int32](repeating: -1, count: n)
        var next: Int32 = 0
        if customers.count * width <= 1 << 24 {
            var ids = [Int32](repeating: -1, count: customers.count * width)
            for r in 0..<n where customer[r] != StringPool.missing && category[r] != StringPool.missing {
                let key = Int(customer[r]) * width + Int(category[r])
                if ids[key] < 0 {
                    ids[key] = next
                    next += 1
                }
                groupOf[r] = ids[key]
            }
        } else {
            var ids: [Int: Int32] = [:]
            for r in 0..<n where customer[r] != StringPool.missing && category[r] != StringPool.missing {
                let key = Int(customer[r]) * width + Int(category[r])
                if let g = ids[key] {
                    groupOf[r] = g
                } else {
                    ids[key] = next
                    groupOf[r] = next
                    next += 1
                }
            }
        }
        return groupOf
    }
}
