import EventLog
import Lifecycle

extension FeatureInput {
    /// Routing input from reconstructed exceptions: per exception its detection time and only
    /// the attributes known at detection (each attribute's value at or before the detection
    /// event; the order value likewise), the resolving owner as the label (missing while open
    /// or cancelled) and the first owner as the legacy baseline. The order id is left out (it
    /// names the order, not a property that predicts the owner). Cost: O(rows × attributes);
    /// the pools are shared, not copied per row.
    public init(exceptionTable t: ExceptionTable) {
        var categorical: [CategoricalColumn] = []
        for a in t.attributes where a.role != .order && !categorical.contains(where: { $0.name == a.name }) {
            categorical.append(CategoricalColumn(name: a.name, pool: a.pool, codes: a.atDetection))
        }
        var numeric: [NumericColumn] = []
        if !t.orderValueAtDetection.isEmpty, t.orderValueAtDetection.contains(where: { !$0.isNaN }) {
            numeric.append(NumericColumn(name: t.orderValueName, values: t.orderValueAtDetection))
        }
        // The table names the last owner of an open or cancelled case too; only a resolution says
        // who really owned it.
        let resolved = (0..<t.count).map { r in
            t.status[r] == .resolved || t.status[r] == .closed ? t.resolvingOwner[r] : StringPool.missing
        }
        self.init(
            ids: (0..<t.count).map(t.id), detectedAt: t.detectedAt, categorical: categorical, numeric: numeric,
            label: CategoricalColumn(name: "resolving_owner", pool: t.owners, codes: resolved),
            legacy: CategoricalColumn(name: "first_owner", pool: t.owners, codes: t.firstOwner),
            categoryColumn: t.attribute(.category)?.name)
    }
}

extension ExceptionTable {
    /// The name the order value goes by in routing input: the profile's attribute name.
    var orderValueName: String {
        guard let found = orderValueAttribute else { return "order_value" }
        return found.hasPrefix("case:") ? String(found.dropFirst(5)) : found
    }
}
