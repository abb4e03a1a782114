import EventLog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files the fuzz targets hand to readers that take a path.
///
/// One private folder per process, on `/dev/shm` when it exists (no disk I/O), removed when
/// the process exits normally. Each input overwrites the same file.
public enum FuzzInput {
    nonisolated(unsafe) private static var folder: String?

    /// The private folder, created on first use.
    public static func directory() -> String {
        if let folder { return folder }
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        let made = "\(base)/switchyard-fuzz-\(getpid())"
        mkdir(made, 0o700)
        atexit {
            if let folder = FuzzInput.folder {
                _ = system("rm -rf '\(folder)'")
            }
        }
        folder = made
        return made
    }

    /// Writes `bytes` to `name` in the private folder and returns its path.
    public static func write(_ bytes: UnsafeRawBufferPointer, name: String) -> String {
        let path = directory() + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fail("cannot create \(path)") }
        var done = 0
        while done < bytes.count, let base = bytes.baseAddress {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            guard n > 0 else { fail("cannot write \(path)") }
            done += n
        }
        close(fd)
        return path
    }

    /// Whether `FUZZ_VERBOSE` is set: targets then say what each input did (for checking seeds).
    public static let verbose = getenv("FUZZ_VERBOSE") != nil

    /// Stops the fuzzer with a message: an invariant broke (libFuzzer records the input).
    public static func fail(_ message: String) -> Never {
        let line = Array("FUZZ INVARIANT BROKEN: \(message)\n".utf8)
        line.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
        abort()
    }
}

/// Reader options picked by the first byte of an input, so one corpus explores them all.
public struct FuzzOptions {
    public var options = ImportOptions()

    /// Reads option bits from `flags`: strict, threads, time zone, timestamp format.
    public init(flags: UInt8) {
        options.strict = flags & 1 != 0
        options.threads = flags & 2 != 0 ? 2 : 1
        switch (flags >> 2) & 3 {
        case 0: options.timezone = "UTC"
        case 1: options.timezone = "+05:30"
        case 2: options.timezone = "-11:00"
        default: options.timezone = "Europe/Rome"
        }
        options.timestampFormat = TimestampFormat.allCases[Int(flags >> 4) % TimestampFormat.allCases.count]
        options.maxInflateRatio = 200
    }
}
