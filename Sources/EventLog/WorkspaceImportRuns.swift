/// Import runs and rejected rows: the record of where each stored log came from.
extension Workspace {
    /// Every import run, oldest first; only those for `logName` when given.
    public func importRuns(logNamed logName: String? = nil) throws(WorkspaceError) -> [ImportRun] {
        do {
            let stmt = try database.prepare(
                "SELECT run_id FROM import_runs WHERE ?1 IS NULL OR log_name = ?1 ORDER BY run_id")
            stmt.bind(1, logName)
            var ids: [Int64] = []
            while try stmt.step() { ids.append(stmt.int64(0)) }
            var runs: [ImportRun] = []
            for id in ids {
                if let run = try importRun(id: id) { runs.append(run) }
            }
            return runs
        } catch {
            throw classify(error, action: "reading import runs")
        }
    }

    /// The rows that the import currently behind `logName` rejected, in input order.
    public func rejectedRows(logNamed logName: String) throws(WorkspaceError) -> [RejectedRow] {
        do {
            guard try logID(named: logName) != nil else {
                throw WorkspaceError.unknownLog(logName, path: path, available: try logNames())
            }
            let stmt = try database.prepare("""
                SELECT r.line, r.column_name, r.reason, r.raw FROM rejected_rows r
                JOIN logs l ON l.run_id = r.run_id WHERE l.name = ? ORDER BY r.seq
                """)
            stmt.bind(1, logName)
            var rows: [RejectedRow] = []
            while try stmt.step() {
                rows.append(RejectedRow(
                    line: Int(stmt.int64(0)), raw: stmt.text(3) ?? "", column: stmt.text(1), reason: stmt.text(2) ?? ""))
            }
            return rows
        } catch {
            throw classify(error, action: "reading rejected rows of '\(logName)'")
        }
    }

    /// The run with this id, or `nil`.
    func importRun(id: Int64) throws -> ImportRun? {
        let stmt = try database.prepare("""
            SELECT log_name, source_path, source_size, source_sha256, format, cases, events, activities,
                   rows_read, rejected, duration_seconds, imported_at
            FROM import_runs WHERE run_id = ?
            """)
        stmt.bind(1, id)
        guard try stmt.step() else { return nil }
        return ImportRun(
            id: id, logName: stmt.text(0) ?? "", sourcePath: stmt.text(1) ?? "", sourceSize: stmt.int64(2),
            sourceSHA256: stmt.text(3) ?? "", format: stmt.text(4) ?? "", cases: Int(stmt.int64(5)),
            events: Int(stmt.int64(6)), activities: Int(stmt.int64(7)), rowsRead: Int(stmt.int64(8)),
            rejected: Int(stmt.int64(9)), durationSeconds: stmt.double(10), importedAt: stmt.text(11) ?? "")
    }

    /// Inserts `run` and its rejected rows; returns the run id. Call inside a transaction.
    func insertRun(_ run: ImportRun, rejected: [RejectedRow]) throws -> Int64 {
        let stmt = try database.prepare("""
            INSERT INTO import_runs(log_name, source_path, source_size, source_sha256, format, cases, events,
                activities, rows_read, rejected, duration_seconds, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        stmt.bind(1, run.logName)
        stmt.bind(2, run.sourcePath)
        stmt.bind(3, run.sourceSize)
        stmt.bind(4, run.sourceSHA256)
        stmt.bind(5, run.format)
        stmt.bind(6, run.cases)
        stmt.bind(7, run.events)
        stmt.bind(8, run.activities)
        stmt.bind(9, run.rowsRead)
        stmt.bind(10, run.rejected)
        stmt.bind(11, run.durationSeconds)
        stmt.bind(12, run.importedAt)
        try stmt.step()
        let id = database.lastInsertRowID
        let row = try database.prepare(
            "INSERT INTO rejected_rows(run_id, seq, line, column_name, reason, raw) VALUES (?, ?, ?, ?, ?, ?)")
        for (seq, r) in rejected.enumerated() {
            row.bind(1, id)
            row.bind(2, seq)
            row.bind(3, r.line)
            row.bind(4, r.column)
            row.bind(5, r.reason)
            row.bind(6, r.raw)
            try row.step()
            row.reset()
        }
        return id
    }
}
