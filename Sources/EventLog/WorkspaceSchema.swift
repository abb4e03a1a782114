/// The tables of a workspace and the migrations that create them.
///
/// A workspace is one SQLite file. Its version is the highest row of `schema_migrations`;
/// opening a workspace applies the migrations it lacks, each in its own transaction, and
/// refuses a file written by a newer Switchyard. Later modules (model registry, routing
/// audit) add their tables by appending migrations here — never by editing an applied one.
///
/// Logs are stored column by column, dictionary-coded and packed into blobs (row-per-event
/// inserts top out near 1 M rows/s on this machine; packed columns write at 10–30 M events/s):
///
/// - `logs`: one row per stored log: its name, counts and the import run that made it.
/// - `log_columns`: the columns of a log: the case-id pool, the case offsets, the standard
///   event columns (activity, timestamp, resource, group, lifecycle) and every typed case or
///   event attribute, with their row and dictionary sizes.
/// - `log_chunks`: the bytes of each column part (values, validity, dictionary bytes,
///   dictionary ends), little-endian, split into chunks of ``WorkspaceSchema/chunkBytes``.
/// - `import_runs`: every import: source file, size, SHA-256, counts, duration, time.
/// - `rejected_rows`: the rows the current import of each log rejected.
enum WorkspaceSchema {
    /// Bytes per blob chunk: large enough that per-row overhead vanishes, small enough to
    /// keep SQLite's page cache and our transient buffers small.
    static let chunkBytes = 1 << 20

    /// Page size set when a workspace file is created: big blobs write ~2× faster and free
    /// ~3× faster than with 4 KiB pages; SQLite's own ceiling for a default is 32 KiB.
    static let pageSize = 32_768

    /// The marker stored in `workspace_meta` so that a foreign SQLite file is not mistaken for a workspace.
    static let formatName = "switchyard-workspace"

    struct Migration {
        let version: Int
        let description: String
        let sql: String
    }

    /// All migrations, in order. Never edit an applied one: append a new version.
    static let migrations: [Migration] = [
        Migration(
            version: 1, description: "logs stored as packed columns, import runs, rejected rows",
            sql: """
                CREATE TABLE workspace_meta(
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO workspace_meta(key, value) VALUES ('format', '\(formatName)'), ('byte_order', 'little');
                CREATE TABLE import_runs(
                    run_id INTEGER PRIMARY KEY,
                    log_name TEXT NOT NULL,
                    source_path TEXT NOT NULL,
                    source_size INTEGER NOT NULL,
                    source_sha256 TEXT NOT NULL,
                    format TEXT NOT NULL,
                    cases INTEGER NOT NULL,
                    events INTEGER NOT NULL,
                    activities INTEGER NOT NULL,
                    rows_read INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    duration_seconds REAL NOT NULL,
                    imported_at TEXT NOT NULL
                );
                CREATE TABLE rejected_rows(
                    run_id INTEGER NOT NULL REFERENCES import_runs(run_id),
                    seq INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    column_name TEXT,
                    reason TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    PRIMARY KEY(run_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE logs(
                    log_id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    cases INTEGER NOT NULL,
                    events INTEGER NOT NULL,
                    activities INTEGER NOT NULL,
                    resources INTEGER NOT NULL,
                    groups INTEGER NOT NULL,
                    first_timestamp INTEGER,
                    last_timestamp INTEGER,
                    run_id INTEGER REFERENCES import_runs(run_id),
                    stored_at TEXT NOT NULL
                );
                CREATE TABLE log_columns(
                    log_id INTEGER NOT NULL,
                    column_id INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    pool_count INTEGER NOT NULL,
                    pool_bytes INTEGER NOT NULL,
                    PRIMARY KEY(log_id, column_id)
                ) WITHOUT ROWID;
                CREATE TABLE log_chunks(
                    log_id INTEGER NOT NULL,
                    column_id INTEGER NOT NULL,
                    part INTEGER NOT NULL,
                    chunk INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY(log_id, column_id, part, chunk)
                );
                """),
    ]

    /// The version this build writes.
    static var currentVersion: Int { migrations.last?.version ?? 0 }
}

/// What a stored column is. Stored as text in `log_columns.role`.
enum WorkspaceColumnRole: String {
    /// The case-id dictionary (pool only; the code of a case id is the case index).
    case caseIDs = "case_ids"
    /// `cases + 1` event offsets (Int64 values).
    case caseOffsets = "case_offsets"
    case activity, timestamp, resource, group, lifecycle
    case caseAttribute = "case_attribute"
    case eventAttribute = "event_attribute"
}

/// The parts a column's bytes are split into. Stored as integers in `log_chunks.part`.
enum WorkspaceColumnPart: Int {
    /// Codes (UInt32) for string columns, Int64 for others (timestamps, offsets, raw values).
    case values = 0
    /// One byte per row, 1 = present (non-string attribute columns only).
    case validity = 1
    /// The dictionary's strings, concatenated UTF-8.
    case poolBytes = 2
    /// The dictionary's end offsets into `poolBytes` (Int64, one per string).
    case poolEnds = 3
}
