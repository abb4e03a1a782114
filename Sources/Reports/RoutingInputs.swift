import EventLog
import Lifecycle
import Routing

/// Routing inputs read off an ``ExceptionTable``: one row per exception with the values
/// known at detection (category, customer, tier and the other dimensions as categorical
/// columns by their profile names, the order value at detection as a numeric column), the
/// resolving owner of resolved exceptions as the label, and the first owner as the legacy
/// baseline. Row `i` is table row `i`. Cost: O(rows × attributes).
public enum RoutingInputs {
    public static func featureInput(_ t: ExceptionTable) -> FeatureInput {
        let n = t.count
        var categorical: [CategoricalColumn] = []
        for a in t.attributes where a.role != .order {
            var column = CategoricalColumn(name: a.name)
            column.codes.reserveCapacity(n)
            for r in 0..<n { column.append(a.valueAtDetection(r)) }
            categorical.append(column)
        }
        var numeric: [NumericColumn] = []
        if t.orderValueAtDetection.count == n {
            numeric.append(NumericColumn(name: t.orderValueAttribute ?? "order_value", values: t.orderValueAtDetection))
        }
        var label = CategoricalColumn(name: "resolving_owner")
        var legacy = CategoricalColumn(name: "first_owner")
        for r in 0..<n {
            let resolved = t.status[r] == .resolved || t.status[r] == .closed
            label.append(resolved ? t.owners.optionalString(t.resolvingOwner[r]) : nil)
            legacy.append(t.owners.optionalString(t.firstOwner[r]))
        }
        return FeatureInput(
            ids: (0..<n).map { t.id($0) }, detectedAt: t.detectedAt, categorical: categorical, numeric: numeric, label: label,
            legacy: legacy, categoryColumn: t.attribute(.category)?.name)
    }
}
