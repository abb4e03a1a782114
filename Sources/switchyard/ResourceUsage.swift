#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Memory figures of this process, for `bench` and progress lines.
enum ResourceUsage {
    /// Peak resident set size so far, in bytes (`getrusage` `ru_maxrss`).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }

    /// Current resident set size in bytes (`/proc/self/statm` on Linux; the peak elsewhere).
    static func currentResidentBytes() -> Int {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return peakResidentBytes()
        #endif
    }

    /// Returns freed heap memory to the system so that the next RSS reading counts live data.
    static func releaseFreedMemory() {
        #if os(Linux)
        // glibc's malloc_trim, looked up at run time (malloc.h is not in the Glibc module).
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    /// Bytes as `12.3 MB` (decimal units, as file sizes are usually quoted).
    static func format(bytes: Int) -> String {
        let value = Double(bytes)
        if abs(value) >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if abs(value) >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if abs(value) >= 1e3 { return String(format: "%.1f kB", value / 1e3) }
        return "\(bytes) B"
    }

    /// A count per second as `3.42 M`, `812 k` or `95` (the caller adds the unit).
    static func format(rate: Double) -> String {
        guard rate.isFinite else { return "-" }
        if rate >= 1e6 { return String(format: "%.2f M", rate / 1e6) }
        if rate >= 1e3 { return String(format: "%.0f k", rate / 1e3) }
        return String(format: "%.0f", rate)
    }
}
