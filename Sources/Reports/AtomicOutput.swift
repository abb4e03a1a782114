import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A report folder written all at once: files go into a hidden temporary folder beside the
/// destination, and ``commit()`` renames it into place, so a reader (or an interrupted run)
/// never sees half a report. An existing destination is replaced only at commit, and only
/// if it looks like a report folder (or is empty), so a typo cannot wipe a project folder.
///
/// Every file name is relative to the folder and checked: absolute paths, `..`, empty
/// components, backslashes and control characters are refused, so no output can land
/// outside the chosen folder. Cost: one `rename(2)` per commit plus the writes.
public final class AtomicOutput {
    /// The destination folder.
    public let destination: URL
    /// The temporary folder being filled.
    public let staging: URL
    private var committed = false
    /// Names written so far (relative paths), in order.
    public private(set) var written: [String] = []

    /// Names whose presence marks a folder as a report that may be replaced.
    static let reportMarkers = ["report.html", "report.md", "analysis.ipynb", "roi.json"]

    /// Prepares `destination` (created with its parents at commit). Throws when the parent
    /// cannot be created or the destination is a file or a non-report folder.
    public init(destination path: String) throws(ReportError) {
        guard !path.isEmpty else { throw .output("the output folder is empty; give --out DIR") }
        destination = URL(fileURLWithPath: path).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .output("\(destination.path) is a file; --out must name a folder")
            }
            let contents = (try? fm.contentsOfDirectory(atPath: destination.path)) ?? []
            let visible = contents.filter { !$0.hasPrefix(".") }
            guard visible.isEmpty || visible.contains(where: AtomicOutput.reportMarkers.contains) else {
                throw .output(
                    "\(destination.path) exists and does not hold a report (found \(visible.prefix(3).joined(separator: ", "))); "
                        + "choose a new or empty folder")
            }
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .output("cannot create \(parent.path): \(error.localizedDescription)")
        }
        staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .output("cannot create a temporary folder in \(parent.path): \(error.localizedDescription)")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }

    /// Checks that `name` is a safe relative path (`report.html`, `charts/drag.svg`).
    public static func validate(_ name: String) throws(ReportError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"),
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
            name.unicodeScalars.allSatisfy({ Escape.isVisible($0) && $0 != ":" })
        else {
            throw .output("refusing to write '\(Escape.singleLine(name))': output names must stay inside the report folder")
        }
    }

    /// Writes `data` to `name` inside the staging folder (creating subfolders).
    public func write(_ data: Data, to name: String) throws(ReportError) {
        try AtomicOutput.validate(name)
        guard !committed else { throw .output("the report folder is already committed; cannot add \(name)") }
        let url = staging.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw .output("cannot write \(name): \(error.localizedDescription)")
        }
        written.append(name)
    }

    /// The staging path of `name` (subfolders created), for writers that stream to a file
    /// themselves; the name is recorded as written.
    public func path(for name: String) throws(ReportError) -> String {
        try AtomicOutput.validate(name)
        guard !committed else { throw .output("the report folder is already committed; cannot add \(name)") }
        let url = staging.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .output("cannot create the folder of \(name): \(error.localizedDescription)")
        }
        written.append(name)
        return url.path
    }

    /// Writes UTF-8 text to `name`.
    public func write(_ text: String, to name: String) throws(ReportError) {
        try write(Data(text.utf8), to: name)
    }

    /// Moves the finished folder into place, replacing an earlier report there. On Linux the
    /// two folders are swapped in one step (`renameat2` with `RENAME_EXCHANGE`), so the path
    /// always holds a whole report; elsewhere the old one is renamed aside first.
    public func commit() throws(ReportError) {
        guard !committed else { return }
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path), AtomicOutput.exchange(staging.path, destination.path) {
            committed = true
            try? fm.removeItem(at: staging)  // it now holds the earlier report
            return
        }
        var old: URL?
        if fm.fileExists(atPath: destination.path) {
            let aside = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-old")
            guard rename(destination.path, aside.path) == 0 else {
                throw .output("cannot replace \(destination.path): \(String(cString: strerror(errno)))")
            }
            old = aside
        }
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let old { _ = rename(old.path, destination.path) }
            throw .output("cannot move the report into \(destination.path): \(reason)")
        }
        committed = true
        if let old { try? fm.removeItem(at: old) }
    }
}

extension AtomicOutput {
    /// Swaps two paths atomically; `false` when the system cannot (then nothing changed).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let swap = renameExchange else { return false }
        return swap(-100 /* AT_FDCWD */, a, -100, b, 2 /* RENAME_EXCHANGE */) == 0
        #else
        return false
        #endif
    }
}

#if os(Linux)
/// `renameat2(2)`, looked up at run time: glibc exports it (2.28 and later) but Swift's Glibc
/// module does not declare it.
private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
nonisolated(unsafe) private let renameExchange: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
#endif

/// Why a report could not be produced, said so a user can act on it.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output folder or a file in it could not be written.
    case output(String)
    /// An assumption is missing, malformed or out of range.
    case assumptions(String)
    /// The data cannot support the section asked for (e.g. no hold-out exceptions).
    case data(String)

    public var description: String {
        switch self {
        case .output(let m): return m
        case .assumptions(let m): return "assumptions: \(m)"
        case .data(let m): return m
        }
    }
}
