import Foundation

/// What ``Workspace/importFile(_:as:options:readProgress:storeProgress:)`` did.
public struct WorkspaceImportOutcome: Sendable {
    /// The stored log's counts and its import run.
    public var summary: StoredLogSummary
    /// The import run as recorded.
    public var run: ImportRun
    /// The rows the reader rejected (also stored in the workspace).
    public var rejected: [RejectedRow]
    /// The reader's warnings (nothing lost, but worth saying).
    public var warnings: [String]
    /// Seconds spent reading the file into memory, then waiting for its SHA-256 (computed
    /// alongside the read), then storing the log.
    public var readSeconds: Double
    public var hashWaitSeconds: Double
    public var storeSeconds: Double
}

extension Workspace {
    /// Reads `path` with the matching reader and stores the log under `name` (default: the
    /// file's stem) in one transaction, recording the import run: file size, SHA-256, counts,
    /// rejected rows, duration. The source path is recorded absolute.
    ///
    /// The SHA-256 is computed on another thread while the file is parsed. A reader error
    /// (or any bad row with ``ImportOptions/strict``) throws ``ImportError`` and leaves the
    /// workspace untouched; so does any failure while storing. Cost: the reader's, plus
    /// the store (a memory copy per column), plus hashing (overlapped; ~1.8 GB/s with
    /// the system's libcrypto, ~300 MB/s without).
    public func importFile(
        _ path: String, as name: String? = nil, options: ImportOptions = ImportOptions(),
        readProgress: ImportProgress? = nil, storeProgress: ((WorkspaceWriteProgress) -> Void)? = nil
    ) throws -> WorkspaceImportOutcome {
        let logName = name ?? options.name ?? EventLogImporter.defaultName(for: path)
        try Workspace.validate(name: logName, path: self.path)
        let started = Date()
        let digest = FileDigest(path: path)
        // On every way out, stop the hashing thread and wait for it: a thread still inside
        // libcrypto while the process exits races OpenSSL's exit-time cleanup and crashes.
        defer { digest.cancelAndWait() }
        var readOptions = options
        readOptions.name = logName
        var result = try EventLogImporter.read(path, options: readOptions, progress: readProgress)
        result.log.name = logName
        let read = Date()
        let (sha256, size) = try digest.wait()
        let hashed = Date()
        let format = options.format ?? LogFormat.infer(fromPath: path)
        var run = ImportRun(
            logName: logName, sourcePath: URL(fileURLWithPath: path).standardizedFileURL.path, sourceSize: size,
            sourceSHA256: sha256, format: format?.rawValue ?? "",
            cases: result.log.caseCount, events: result.log.eventCount, activities: result.log.activities.count,
            rowsRead: result.rowsRead, rejected: result.rejected.count, durationSeconds: 0, importedAt: Workspace.now())
        run.durationSeconds = Date().timeIntervalSince(started)  // the store adds its own time
        let summary = try store(result.log, as: logName, run: run, rejected: result.rejected) { progress in
            storeProgress?(progress)
        }
        return WorkspaceImportOutcome(
            summary: summary, run: summary.run ?? run, rejected: result.rejected, warnings: result.warnings,
            readSeconds: read.timeIntervalSince(started), hashWaitSeconds: hashed.timeIntervalSince(read),
            storeSeconds: Date().timeIntervalSince(hashed))
    }
}
