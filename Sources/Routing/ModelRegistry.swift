import EventLog

/// One model known to the workspace.
public struct RegisteredModel: Sendable, Equatable {
    public enum Status: String, Sendable { case candidate, promoted, retired }

    public var id: Int64
    /// SHA-256 of the model payload (as in its file).
    public var sha256: String
    public var status: Status
    /// Where the model file was written when registered.
    public var path: String?
    public var createdAt: String
    public var registeredAt: String
    public var target: String
    public var profile: String?
    public var classes: Int
    public var trainingRows: Int
    public var holdoutAccuracy: Double?
    public var holdoutCoverage: Double?
    public var threshold: Double?
    public var dataFingerprint: String
}

/// An entry of the registry's audit trail.
public struct RegistryEvent: Sendable, Equatable {
    public var modelID: Int64
    /// `registered`, `promoted`, `retired`.
    public var action: String
    public var actor: String?
    public var at: String
    public var reason: String?
    public var details: String?
}

/// The workspace's model registry: every trained model (stored whole, checksum included),
/// its status (`candidate`, `promoted`, `retired`; at most one promoted) and who changed what,
/// when and why. Tables `models` and `model_events`, created if absent. A promotion is one
/// transaction. Not thread-safe (one SQLite connection).
public final class ModelRegistry {
    public let database: SQLiteDatabase
    /// The workspace whose connection this is, kept open as long as the registry.
    public let workspace: Workspace?

    /// The registry on a workspace's connection (its tables are created if absent).
    public convenience init(workspace: Workspace) throws(SQLiteError) {
        try self.init(database: workspace.database, workspace: workspace)
    }

    /// The registry on any SQLite connection (tests, tools).
    public init(database: SQLiteDatabase, workspace: Workspace? = nil) throws(SQLiteError) {
        self.database = database
        self.workspace = workspace
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS models (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              sha256 TEXT NOT NULL UNIQUE,
              status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'promoted', 'retired')),
              path TEXT,
              created_at TEXT NOT NULL,
              registered_at TEXT NOT NULL,
              target TEXT NOT NULL,
              profile TEXT,
              classes INTEGER NOT NULL,
              training_rows INTEGER NOT NULL,
              holdout_accuracy REAL,
              holdout_coverage REAL,
              threshold REAL,
              data_fingerprint TEXT NOT NULL,
              model_file BLOB NOT NULL
            );
            CREATE UNIQUE INDEX IF NOT EXISTS models_one_promoted ON models(status) WHERE status = 'promoted';
            CREATE TABLE IF NOT EXISTS model_events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              model_id INTEGER NOT NULL REFERENCES models(id),
              action TEXT NOT NULL,
              actor TEXT,
              at TEXT NOT NULL,
              reason TEXT,
              details TEXT
            );
            """)
    }

    /// Opens (creating if needed) the workspace at `path` and its registry.
    public convenience init(path: String) throws {
        try self.init(workspace: Workspace(path: path))
    }

    private static let columns =
        "id, sha256, status, path, created_at, registered_at, target, profile, classes, training_rows, holdout_accuracy, "
        + "holdout_coverage, threshold, data_fingerprint"

    /// Stores `model` as a candidate (or returns the existing entry with the same checksum).
    @discardableResult
    public func register(_ model: RoutingModel, path: String?, actor: String?, at: Int64? = nil) throws -> RegisteredModel {
        let file = try RoutingModelFile.encode(model)
        let sha = try RoutingModelFile.payload(model).sha256
        if let existing = try entry(sha256: sha) { return existing }
        let now = Timestamp.iso8601(at ?? currentMicros())
        return try database.transaction {
            let insert = try database.prepare(
                "INSERT INTO models (sha256, status, path, created_at, registered_at, target, profile, classes, training_rows, "
                    + "holdout_accuracy, holdout_coverage, threshold, data_fingerprint, model_file) "
                    + "VALUES (?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            insert.bind(1, sha)
            insert.bind(2, path)
            insert.bind(3, model.createdAt)
            insert.bind(4, now)
            insert.bind(5, model.target)
            insert.bind(6, model.profile)
            insert.bind(7, model.classes.count)
            insert.bind(8, model.training.trainingRows + model.training.validationRows)
            bindOptional(insert, 9, model.evaluation?.model.accuracy)
            bindOptional(insert, 10, model.evaluation?.automation.coverage)
            bindOptional(insert, 11, model.threshold.threshold)
            insert.bind(12, model.training.dataFingerprint)
            file.withUnsafeBytes { insert.bindBlob(13, $0) }
            try insert.step()
            let id = database.lastInsertRowID
            try record(id, action: "registered", actor: actor, at: now, reason: nil, details: path)
            guard let entry = try entry(id: id) else { throw RoutingError.invalidInput("model \(id) vanished from the registry while registering it") }
            return entry
        }
    }

    /// Every model, newest first.
    public func list() throws(SQLiteError) -> [RegisteredModel] {
        try query("SELECT \(ModelRegistry.columns) FROM models ORDER BY id DESC", bind: { _ in })
    }

    /// The model with a numeric id, or whose checksum starts with `reference` (≥ 6 hex digits).
    public func find(_ reference: String) throws(SQLiteError) -> RegisteredModel? {
        if let id = Int64(reference), let e = try entry(id: id) { return e }
        guard reference.count >= 6 else { return nil }
        let matches = try query("SELECT \(ModelRegistry.columns) FROM models WHERE sha256 LIKE ? ORDER BY id") {
            $0.bind(1, reference.lowercased() + "%")
        }
        return matches.count == 1 ? matches[0] : nil
    }

    public func entry(id: Int64) throws(SQLiteError) -> RegisteredModel? {
        try query("SELECT \(ModelRegistry.columns) FROM models WHERE id = ?") { $0.bind(1, id) }.first
    }

    public func entry(sha256: String) throws(SQLiteError) -> RegisteredModel? {
        try query("SELECT \(ModelRegistry.columns) FROM models WHERE sha256 = ?") { $0.bind(1, sha256) }.first
    }

    /// The promoted model, if any.
    public func promoted() throws(SQLiteError) -> RegisteredModel? {
        try query("SELECT \(ModelRegistry.columns) FROM models WHERE status = 'promoted'") { _ in }.first
    }

    /// The stored model, verified like a file.
    public func load(_ entry: RegisteredModel) throws -> RoutingModel {
        let stmt = try database.prepare("SELECT model_file FROM models WHERE id = ?")
        stmt.bind(1, entry.id)
        guard try stmt.step() else { throw RoutingError.invalidInput("model \(entry.id) is not in the registry") }
        let bytes = stmt.withBytes(0) { [UInt8]($0) }
        return try RoutingModelFile.decode(bytes, file: "workspace model \(entry.id)").model
    }

    /// Makes `id` the promoted model in one transaction: the previous one becomes `retired`;
    /// both changes are recorded with who, when and why.
    public func promote(_ id: Int64, actor: String, reason: String?, details: String?, at: Int64? = nil) throws {
        let now = Timestamp.iso8601(at ?? currentMicros())
        try database.transaction {
            if let current = try promoted(), current.id != id {
                try database.execute("UPDATE models SET status = 'retired' WHERE id = \(current.id)")
                try record(current.id, action: "retired", actor: actor, at: now, reason: "replaced by model \(id)", details: nil)
            }
            try database.execute("UPDATE models SET status = 'promoted' WHERE id = \(id)")
            try record(id, action: "promoted", actor: actor, at: now, reason: reason, details: details)
        }
    }

    /// The audit trail, oldest first (of one model, or of all).
    public func events(model id: Int64? = nil) throws(SQLiteError) -> [RegistryEvent] {
        let stmt = try database.prepare(
            "SELECT model_id, action, actor, at, reason, details FROM model_events"
                + (id == nil ? "" : " WHERE model_id = ?") + " ORDER BY id")
        if let id { stmt.bind(1, id) }
        var out: [RegistryEvent] = []
        while try stmt.step() {
            out.append(RegistryEvent(
                modelID: stmt.int64(0), action: stmt.text(1) ?? "", actor: stmt.text(2), at: stmt.text(3) ?? "",
                reason: stmt.text(4), details: stmt.text(5)))
        }
        return out
    }

    private func record(_ id: Int64, action: String, actor: String?, at: String, reason: String?, details: String?) throws(SQLiteError) {
        let stmt = try database.prepare(
            "INSERT INTO model_events (model_id, action, actor, at, reason, details) VALUES (?, ?, ?, ?, ?, ?)")
        stmt.bind(1, id)
        stmt.bind(2, action)
        stmt.bind(3, actor)
        stmt.bind(4, at)
        stmt.bind(5, reason)
        stmt.bind(6, details)
        try stmt.step()
    }

    private func bindOptional(_ stmt: SQLiteStatement, _ i: Int32, _ v: Double?) {
        if let v { stmt.bind(i, v) } else { stmt.bindNull(i) }
    }

    private func query(_ sql: String, bind: (SQLiteStatement) -> Void) throws(SQLiteError) -> [RegisteredModel] {
        let stmt = try database.prepare(sql)
        bind(stmt)
        var out: [RegisteredModel] = []
        while try stmt.step() {
            out.append(RegisteredModel(
                id: stmt.int64(0), sha256: stmt.text(1) ?? "", status: RegisteredModel.Status(rawValue: stmt.text(2) ?? "") ?? .candidate,
                path: stmt.text(3), createdAt: stmt.text(4) ?? "", registeredAt: stmt.text(5) ?? "", target: stmt.text(6) ?? "",
                profile: stmt.text(7), classes: Int(stmt.int64(8)), trainingRows: Int(stmt.int64(9)),
                holdoutAccuracy: stmt.isNull(10) ? nil : stmt.double(10), holdoutCoverage: stmt.isNull(11) ? nil : stmt.double(11),
                threshold: stmt.isNull(12) ? nil : stmt.double(12), dataFingerprint: stmt.text(13) ?? ""))
        }
        return out
    }
}
