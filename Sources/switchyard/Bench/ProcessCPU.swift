import Foundation

/// CPU time (user + system) of a process, seconds: this one from its clock, another (a
/// child) from `/proc/PID/stat`, which counts in clock ticks (usually 10 ms). A benchmark
/// reads both around a run to show where the cycles of a shared machine went.
enum ProcessCPU {
    /// This process, every thread.
    static func current() -> Double { processCPUSeconds() }

    /// Process `pid` (Linux), or `nil` when it cannot be read.
    static func of(pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After "(comm)": state is field 3, utime field 14, stime field 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ticks > 0 ? (user + system) / ticks : nil
    }
}
