import CSQLite
import Foundation

/// A Switchyard workspace: one SQLite file that holds imported logs, their import runs and
/// rejected rows (and, later, models and audit trails).
///
/// ```swift
/// let workspace = try Workspace(path: "switchyard.sqlite")
/// try workspace.store(log, as: "orders", run: run, rejected: result.rejected)
/// let again = try workspace.loadLog(named: "orders")   // == log, name aside
/// ```
///
/// Every write is one transaction under a rollback journal with `synchronous = FULL`: a
/// process killed at any point, or a power cut, leaves the workspace as it was before the
/// write, and storing under an existing name replaces that log atomically. Logs are kept as
/// packed, dictionary-coded columns (see ``WorkspaceSchema``), so storing and loading cost
/// about a memory copy per column: tens of millions of events per second.
///
/// Not thread-safe: one `Workspace` per thread. Several processes may share a file; a
/// writer waits up to 5 s for another writer's lock.
public final class Workspace {
    /// The default file name, in the current directory.
    public static let defaultPath = "switchyard.sqlite"

    /// The workspace file.
    public let path: String
    /// The connection, for modules that keep their own tables in the workspace.
    public let database: SQLiteDatabase

    /// Opens the workspace at `path`, creating it when `create` is set and it does not exist,
    /// and brings its schema up to date. Throws ``WorkspaceError`` when the file is missing
    /// (and `create` is off), is not a workspace, or comes from a newer Switchyard.
    public init(path: String = Workspace.defaultPath, create: Bool = true) throws(WorkspaceError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            throw WorkspaceError(
                .cannotOpen, path: path,
                reason: "no such file (import a log first with `switchyard import FILE`, or pass --workspace PATH)")
        }
        do {
            database = try SQLiteDatabase(path: path, create: create)
        } catch {
            throw WorkspaceError(.cannotOpen, path: path, reason: "cannot open: \(error.message)")
        }
        try configure()
        try migrate()
    }

    /// Rollback journal (new pages of a big import are not journaled, unlike WAL which
    /// writes everything twice) and full syncs at commit (safe against power loss).
    /// `secure_delete = FAST`: Debian builds SQLite with secure delete on, which journals and
    /// zeroes every freed page and made replacing a log 10–20× slower than storing it; FAST
    /// still zeroes freed b-tree content but leaves freed blob pages to be overwritten by
    /// the next import (`VACUUM` clears them).
    private func configure() throws(WorkspaceError) {
        do {
            let isEmpty = try database.tableNames().isEmpty
            if isEmpty { try database.execute("PRAGMA page_size = \(WorkspaceSchema.pageSize)") }
            try database.execute("""
                PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
                PRAGMA secure_delete = FAST
                """)
        } catch {
            throw classify(error, action: "opening")
        }
    }

    /// Applies the migrations this file lacks, each version in one transaction.
    private func migrate() throws(WorkspaceError) {
        do {
            if try schemaVersion() == WorkspaceSchema.currentVersion { return }
            try database.transaction {
                let version = try schemaVersion()
                if version > WorkspaceSchema.currentVersion {
                    throw WorkspaceError(
                        .newerSchema, path: path,
                        reason: "written by a newer Switchyard (schema version \(version); this build knows up to "
                            + "\(WorkspaceSchema.currentVersion)): update switchyard or use another --workspace")
                }
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations(
                        version INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at TEXT NOT NULL)
                    """)
                let record = try database.prepare(
                    "INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)")
                for migration in WorkspaceSchema.migrations where migration.version > version {
                    try database.execute(migration.sql)
                    record.bind(1, migration.version)
                    record.bind(2, migration.description)
                    record.bind(3, Workspace.now())
                    try record.step()
                    record.reset()
                }
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw classify(error, action: "creating the workspace tables")
        }
    }

    /// The applied schema version: 0 for an empty file. Throws when the file holds other
    /// tables but no workspace, or is not an SQLite database at all.
    func schemaVersion() throws -> Int {
        let tables = try database.tableNames()
        if tables.isEmpty { return 0 }
        guard tables.contains("schema_migrations") else {
            throw WorkspaceError(
                .notAWorkspace, path: path,
                reason: "not a Switchyard workspace (an SQLite file with other tables: "
                    + tables.prefix(5).joined(separator: ", ") + "); pass another --workspace PATH")
        }
        let stmt = try database.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations")
        try stmt.step()
        return Int(stmt.int64(0))
    }

    /// Turns an SQLite failure into a ``WorkspaceError``; "file is not a database" is ``WorkspaceError/Kind/notAWorkspace``.
    func classify(_ error: any Error, action: String) -> WorkspaceError {
        if let error = error as? WorkspaceError { return error }
        if let error = error as? SQLiteError {
            if error.code == SQLITE_NOTADB {
                return WorkspaceError(.notAWorkspace, path: path, reason: "not a Switchyard workspace (not an SQLite database)")
            }
            if error.code == SQLITE_BUSY || error.code == SQLITE_LOCKED {
                return WorkspaceError(
                    .storage, path: path,
                    reason: "\(action) failed: another process is writing to this workspace; try again when it has finished")
            }
            return .storage(error, path: path, action: action)
        }
        return WorkspaceError(.storage, path: path, reason: "\(action) failed: \(error)")
    }

    // MARK: - Listing

    /// The stored logs with their counts and import runs, sorted by name. Cost: one small query.
    public func logs() throws(WorkspaceError) -> [StoredLogSummary] {
        do {
            let stmt = try database.prepare("""
                SELECT name, cases, events, activities, resources, groups, first_timestamp, last_timestamp,
                       stored_at, run_id
                FROM logs ORDER BY name
                """)
            var out: [StoredLogSummary] = []
            while try stmt.step() {
                out.append(StoredLogSummary(
                    name: stmt.text(0) ?? "", cases: Int(stmt.int64(1)), events: Int(stmt.int64(2)),
                    activities: Int(stmt.int64(3)), resources: Int(stmt.int64(4)), groups: Int(stmt.int64(5)),
                    firstTimestamp: stmt.isNull(6) ? nil : Timestamp.iso8601(stmt.int64(6)),
                    lastTimestamp: stmt.isNull(7) ? nil : Timestamp.iso8601(stmt.int64(7)),
                    storedAt: stmt.text(8) ?? "",
                    run: stmt.isNull(9) ? nil : try importRun(id: stmt.int64(9))))
            }
            return out
        } catch {
            throw classify(error, action: "listing logs")
        }
    }

    /// The names of the stored logs, sorted.
    public func logNames() throws(WorkspaceError) -> [String] {
        do {
            let stmt = try database.prepare("SELECT name FROM logs ORDER BY name")
            var names: [String] = []
            while try stmt.step() { names.append(stmt.text(0) ?? "") }
            return names
        } catch {
            throw classify(error, action: "listing logs")
        }
    }

    /// Whether a log of this name is stored.
    public func containsLog(named name: String) throws(WorkspaceError) -> Bool {
        do {
            return try logID(named: name) != nil
        } catch {
            throw classify(error, action: "looking up log '\(name)'")
        }
    }

    /// The row id of the log named `name`, or `nil`.
    func logID(named name: String) throws -> Int64? {
        let stmt = try database.prepare("SELECT log_id FROM logs WHERE name = ?")
        stmt.bind(1, name)
        return try stmt.step() ? stmt.int64(0) : nil
    }

    /// Removes a stored log (its columns and current rejected rows; import runs stay as history).
    public func deleteLog(named name: String) throws(WorkspaceError) {
        do {
            try database.transaction {
                guard let id = try logID(named: name) else {
                    throw WorkspaceError.unknownLog(name, path: path, available: try logNames())
                }
                try removeLog(id: id)
            }
        } catch {
            throw classify(error, action: "deleting log '\(name)'")
        }
    }

    /// Deletes a log's rows; call inside a transaction.
    func removeLog(id: Int64) throws {
        for sql in [
            "DELETE FROM rejected_rows WHERE run_id = (SELECT run_id FROM logs WHERE log_id = ?1)",
            "DELETE FROM log_chunks WHERE log_id = ?1",
            "DELETE FROM log_columns WHERE log_id = ?1",
            "DELETE FROM logs WHERE log_id = ?1",
        ] {
            let stmt = try database.prepare(sql)
            stmt.bind(1, id)
            try stmt.step()
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, otherwise SQLite's findings.
    public func integrityCheck() throws(WorkspaceError) -> [String] {
        do {
            let stmt = try database.prepare("PRAGMA integrity_check")
            var lines: [String] = []
            while try stmt.step() { lines.append(stmt.text(0) ?? "") }
            return lines
        } catch {
            throw classify(error, action: "checking integrity")
        }
    }

    /// The current time as ISO 8601 UTC, to the second.
    static func now() -> String {
        Timestamp.iso8601(Int64(Date().timeIntervalSince1970) * Timestamp.microsPerSecond)
    }
}
