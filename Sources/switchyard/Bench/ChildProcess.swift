import Dispatch
import Foundation

/// Runs this same `switchyard` executable as child processes: setup steps to completion, and
/// the server for as long as a benchmark needs it. Children are registered with
/// ``InterruptCleanup`` while they run.
enum ChildProcess {
    /// The running executable (`/proc/self/exe`, else `argv[0]` resolved against the
    /// current folder and `PATH`).
    static func selfExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let argument = CommandLine.arguments.first ?? "switchyard"
        if argument.contains("/") { return URL(fileURLWithPath: argument).standardizedFileURL.path }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(argument)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return argument
    }

    /// Runs `switchyard arguments…` and returns its standard output; throws with its exit
    /// status and the end of its standard error when it fails.
    static func run(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        let (out, err) = try start(process, arguments, in: directory, what: selfExecutable())
        defer { InterruptCleanup.shared.untrack(child: process.processIdentifier) }
        let errors = PipeCollector(err)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = errors.finish()
        guard process.terminationReason == .exit && process.terminationStatus == 0 else {
            throw CLIError(
                "`switchyard \(arguments.joined(separator: " "))` failed (status \(process.terminationStatus)): "
                    + stderr.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension ChildProcess {
    /// Starts `process` as this executable with `arguments` in `directory`, standard input
    /// empty and both outputs piped, and registers it with ``InterruptCleanup``.
    static func start(_ process: Process, _ arguments: [String], in directory: URL, what: String) throws -> (out: Pipe, err: Pipe) {
        process.executableURL = URL(fileURLWithPath: selfExecutable())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CLIError("cannot start \(what): \(error)")
        }
        InterruptCleanup.shared.track(child: process.processIdentifier)
        return (out, err)
    }
}

/// Reads a pipe to its end on a background thread, keeping the last 64 KB.
final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    /// Whether the end was seen (the semaphore is signalled once).
    private var ended = false
    static let limit = 64 * 1024

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock {
                    data.append(chunk)
                    if data.count > 2 * PipeCollector.limit { data = data.suffix(PipeCollector.limit) }
                }
            }
            done.signal()
        }
    }

    /// What was read so far.
    var text: String { lock.withLock { String(decoding: data.suffix(PipeCollector.limit), as: UTF8.self) } }

    /// Waits (up to 5 s) for the end of the pipe and returns everything read.
    func finish() -> String {
        if !ended && done.wait(timeout: .now() + 5) == .success { ended = true }
        return text
    }
}

/// `switchyard serve` in a child process, on the port it reports; ``stop()`` sends SIGTERM
/// (it finishes the requests in flight and commits its audit log) and waits for it.
final class ServerProcess {
    let process = Process()
    /// The port the server listens on, read from its "listening on http://HOST:PORT" line.
    let port: Int
    private let errors: PipeCollector
    private var stopped = false

    /// Starts `switchyard serve arguments…` and waits (up to `timeout` seconds) for its
    /// "listening on" line; throws with its standard error when it exits or stays silent.
    init(_ arguments: [String], in directory: URL, timeout: Double = 60) throws {
        let (out, err) = try ChildProcess.start(
            process, ["serve"] + arguments, in: directory, what: "the server \(ChildProcess.selfExecutable())")
        errors = PipeCollector(err)
        let listening = ListeningLine(out)
        guard let port = listening.wait(seconds: timeout) else {
            let running = process.isRunning
            _ = Self.terminate(process)
            InterruptCleanup.shared.untrack(child: process.processIdentifier)
            let why = running ? "printed no 'listening on' line within \(Int(timeout)) s" : "exited (status \(process.terminationStatus))"
            throw CLIError("`switchyard serve` \(why): \(errors.finish().trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000))")
        }
        self.port = port
    }

    deinit { _ = stop() }

    /// Stops the server (once) and returns its exit status and standard error.
    @discardableResult
    func stop() -> (status: Int32, stderr: String) {
        if !stopped {
            stopped = true
            _ = Self.terminate(process)
            InterruptCleanup.shared.untrack(child: process.processIdentifier)
        }
        return (process.terminationStatus, errors.finish())
    }

    /// SIGTERM, then SIGKILL after 15 s; waits for the exit.
    private static func terminate(_ process: Process) -> Bool {
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let graceful = !process.isRunning
        if !graceful { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return graceful
    }
}

/// Reads a server's standard output until its "listening on http://HOST:PORT" line, then
/// keeps draining it so the server never blocks on a full pipe.
private final class ListeningLine: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    private let found = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            var text = ""
            var signalled = false
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                guard !signalled else { continue }
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: "listening on http://"), text[range.upperBound...].contains("\n") {
                    let address = text[range.upperBound...].prefix { $0 != " " && $0 != "\n" }  // HOST:PORT
                    let digits = address.reversed().prefix { $0.isNumber }
                    lock.withLock { port = Int(String(digits.reversed())) }
                    signalled = true
                    found.signal()
                }
            }
            if !signalled { found.signal() }
        }
    }

    /// The port, or `nil` when the output ended or the time ran out without one.
    func wait(seconds: Double) -> Int? {
        guard found.wait(timeout: .now() + seconds) == .success else { return nil }
        return lock.withLock { port }
    }
}
