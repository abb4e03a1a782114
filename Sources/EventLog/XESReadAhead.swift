import Foundation

/// Inflates a gzip file on a background thread a few chunks ahead of the parser, so that
/// inflating and parsing run on two cores at once.
///
/// The producer thread fills free chunk buffers from the ``GzipFileSource``; the parser takes
/// filled chunks in order through ``read(into:)``, which has the same contract as the
/// source's own `read`. ``stop()`` ends the producer early (on an error in the parser) and
/// waits for it; it must be called once the parser is done. Memory: `depth` chunks.
final class XESReadAhead: @unchecked Sendable {
    private let source: GzipFileSource
    private var buffers: [UnsafeMutableRawBufferPointer]
    private var lengths: [Int]
    private var compressedAt: [Int]

    // Shared state, under `lock`.
    private let lock = NSLock()
    private var filled: [Int] = []
    private var free: [Int]
    private var failure: ImportError?
    private var cancelled = false
    private let filledSignal = DispatchSemaphore(value: 0)
    private let freeSignal: DispatchSemaphore
    private let finished = DispatchSemaphore(value: 0)
    private var running = false

    // Parser-side state.
    private var current = -1
    private var offset = 0
    private var ended = false
    /// Compressed bytes behind the chunks handed out so far (for progress).
    private(set) var compressedBytesRead = 0

    init(source: GzipFileSource, chunkSize: Int, depth: Int = 4) {
        self.source = source
        buffers = (0..<depth).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64) }
        lengths = Array(repeating: 0, count: depth)
        compressedAt = Array(repeating: 0, count: depth)
        free = Array(0..<depth)
        // Start from 0 and signal: libdispatch traps when a semaphore is released with a
        // count below the one it was created with (as after an early stop).
        freeSignal = DispatchSemaphore(value: 0)
        for _ in 0..<depth { freeSignal.signal() }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// Warnings of the gzip source; read them after ``stop()``.
    var warnings: [String] { source.warnings }

    /// Starts the producer thread.
    func start() {
        running = true
        let thread = Thread { [self] in produce() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func produce() {
        while true {
            freeSignal.wait()
            lock.lock()
            guard !cancelled, let index = free.popLast() else {
                lock.unlock()
                break
            }
            lock.unlock()
            do throws(ImportError) {
                let n = try source.read(into: buffers[index])
                lock.lock()
                lengths[index] = n
                compressedAt[index] = source.compressedBytesRead
                filled.append(index)
                lock.unlock()
                filledSignal.signal()
                if n == 0 { break }
            } catch {
                lock.lock()
                failure = error
                filled.append(-1)
                lock.unlock()
                filledSignal.signal()
                break
            }
        }
        finished.signal()
    }

    /// Copies inflated bytes into `out`; returns 0 at the end of the data.
    func read(into out: UnsafeMutableRawBufferPointer) throws(ImportError) -> Int {
        guard let outBase = out.baseAddress else { return 0 }
        var written = 0
        while written < out.count && !ended {
            if current < 0 {
                filledSignal.wait()
                lock.lock()
                let index = filled.isEmpty ? -1 : filled.removeFirst()
                let error = failure
                lock.unlock()
                guard index >= 0 else {
                    ended = true
                    throw error ?? ImportError(.unreadable, file: "", reason: "the inflating thread stopped unexpectedly")
                }
                if lengths[index] == 0 {
                    ended = true
                    break
                }
                current = index
                offset = 0
                compressedBytesRead = compressedAt[index]
            }
            let take = min(out.count - written, lengths[current] - offset)
            if let src = buffers[current].baseAddress { (outBase + written).copyMemory(from: src + offset, byteCount: take) }
            written += take
            offset += take
            if offset == lengths[current] {
                lock.lock()
                free.append(current)
                lock.unlock()
                freeSignal.signal()
                current = -1
            }
        }
        return written
    }

    /// Stops the producer (if still running) and waits for it to exit.
    func stop() {
        guard running else { return }
        running = false
        lock.lock()
        cancelled = true
        lock.unlock()
        freeSignal.signal()
        finished.wait()
    }
}
