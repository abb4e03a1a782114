import NIOCore
import NIOPosix

extension RoutingServer {
    /// Makes Swift concurrency's global executor run on SwiftNIO's event-loop threads (the
    /// group the server listens on), so that a request's handler runs on the thread that read
    /// it instead of hopping to the cooperative thread pool and back: two thread wake-ups fewer
    /// per request, which is most of the tail latency on a small machine.
    ///
    /// Call it once, first thing in the process, before any task has started; it returns
    /// `false` (and changes nothing) when that moment has passed.
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
