/// The `orders` vocabulary shared with the lifecycle `orders` preset (see datasets/README.md).
///
/// Every enum here has a stable raw value (its index in tables) and the exact spelling the
/// CSV carries. Names are ASCII without commas or quotes, so CSV cells never need quoting.

/// The nine order-exception types.
public enum ExceptionType: Int, CaseIterable, Sendable {
    case creditHold, inventoryShortfall, pricingDiscrepancy, ediFailure, incompleteShippingData
    case duplicateOrder, taxFailure, transportConstraint, complianceHold

    /// The spelling in the `exception_type` column.
    public var name: String {
        ["credit_hold", "inventory_shortfall", "pricing_discrepancy", "edi_failure", "incomplete_shipping_data",
         "duplicate_order", "tax_failure", "transport_constraint", "compliance_hold"][rawValue]
    }

    /// The type spelled `name`, or `nil`.
    public init?(name: String) {
        guard let t = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = t
    }
}

/// The nine owner teams.
public enum Team: Int, CaseIterable, Sendable {
    case credit, planning, pricingOps, integrationSupport, customerService
    case warehouseOps, tax, transportPlanning, compliance

    /// The spelling in the `team` column.
    public var name: String {
        ["credit", "planning", "pricing_ops", "integration_support", "customer_service",
         "warehouse_ops", "tax", "transport_planning", "compliance"][rawValue]
    }

    /// The team spelled `name`, or `nil`.
    public init?(name: String) {
        guard let t = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = t
    }

    /// The `team` value of the dispatcher's events; not an owner.
    public static let dispatchName = "dispatch"
}

/// Customer tiers, most important first.
public enum CustomerTier: Int, CaseIterable, Sendable {
    case strategic, key, standard, small

    /// The spelling in the `customer_tier` column.
    public var name: String { ["strategic", "key", "standard", "small"][rawValue] }
}

/// Sales regions, each with one fixed UTC offset (no daylight saving) and a currency.
public enum Region: Int, CaseIterable, Sendable {
    case naEast, naWest, euCentral, uk, apac

    /// The spelling in the `region` column.
    public var name: String { ["NA-East", "NA-West", "EU-Central", "UK", "APAC"][rawValue] }

    /// Offset of local time from UTC, in seconds (NA-East −05:00, NA-West −08:00,
    /// EU-Central +01:00, UK +00:00, APAC +08:00).
    public var utcOffsetSeconds: Int64 { [-5 * 3600, -8 * 3600, 3600, 0, 8 * 3600][rawValue] }

    /// The offset as written in timestamps, e.g. `+01:00`.
    public var offsetText: String { ["-05:00", "-08:00", "+01:00", "+00:00", "+08:00"][rawValue] }

    /// The `currency` of orders in this region.
    public var currency: String { ["USD", "USD", "EUR", "GBP", "SGD"][rawValue] }

    /// Local-currency units per US dollar (fixed; order values are drawn in USD and converted).
    var unitsPerUSD: Double { [1.0, 1.0, 0.92, 0.79, 1.34][rawValue] }
}

/// The channel an order came in through.
public enum SalesChannel: Int, CaseIterable, Sendable {
    case edi, portal, salesRep, marketplaceAPI

    /// The spelling in the `channel` column.
    public var name: String { ["EDI", "portal", "sales_rep", "marketplace_api"][rawValue] }
}

/// Product families.
public enum SKUFamily: Int, CaseIterable, Sendable {
    case industrial, electrical, hazardousChemicals, consumables, bulkyFreight, spareParts

    /// The spelling in the `sku_family` column.
    public var name: String {
        ["industrial", "electrical", "hazardous_chemicals", "consumables", "bulky_freight", "spare_parts"][rawValue]
    }
}

/// Lifecycle activities, in their usual order.
public enum ExceptionActivity: UInt8, CaseIterable, Sendable {
    case detected, classified, assigned, reassigned, workStarted, infoRequested, infoReceived
    case escalated, resolved, reopened, closed, cancelled

    /// The exact spelling in the `activity` column.
    public var name: String {
        ["Exception Detected", "Exception Classified", "Assigned", "Reassigned", "Work Started", "Info Requested",
         "Info Received", "Escalated", "Resolved", "Reopened", "Closed", "Cancelled"][Int(rawValue)]
    }
}

/// System actors that log events without a person.
enum SystemActor: Int, CaseIterable {
    case erp, ediGateway, wms, taxEngine, scheduler

    var name: String {
        ["system:erp", "system:edi-gateway", "system:wms", "system:tax-engine", "system:scheduler"][rawValue]
    }
}
