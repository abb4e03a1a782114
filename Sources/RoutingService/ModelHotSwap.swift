import Dispatch
import EventLog
import Foundation
import Routing

/// Why the service could not start.
public struct ServiceStartError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Keeps the model that answers requests current without stopping the server.
///
/// Every poll interval (and at once on SIGHUP) a serial queue with its own workspace connection
/// reloads the active tokens and asks the registry which model is promoted. When the promoted
/// model changed since the last look (a `switchyard promote` ran), the new model is loaded and
/// verified off the request path, then swapped in with one pointer store under a lock: requests
/// already running finish on the model they started with, new ones get the new model, and none
/// is dropped. A model that fails to load is reported and the old one keeps serving. SIGHUP also
/// re-reads a model file the server was started with.
final class ModelHotSwap: @unchecked Sendable {
    private let slot: Locked<ServingModel>
    private let configuration: ServiceConfiguration
    private let workspace: Workspace
    private let registry: ModelRegistry
    private let tokens: TokenStore
    private let authenticator: Authenticator
    private let metrics: ServiceMetrics
    private let onEvent: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "switchyard.model-poll")
    private var lastPromoted: String?
    private var timer: DispatchSourceTimer?
    private var hangup: DispatchSourceSignal?

    /// Opens the workspace, loads the configured model and the active tokens.
    init(
        configuration: ServiceConfiguration, authenticator: Authenticator, metrics: ServiceMetrics,
        onEvent: @escaping @Sendable (String) -> Void
    ) throws {
        self.configuration = configuration
        self.authenticator = authenticator
        self.metrics = metrics
        self.onEvent = onEvent
        guard FileManager.default.fileExists(atPath: configuration.workspace) else {
            throw ServiceStartError(
                description: "no workspace at \(configuration.workspace); create it and a token with "
                    + "`switchyard tokens create --role route --workspace \(configuration.workspace)`")
        }
        workspace = try Workspace(path: configuration.workspace, create: false)
        registry = try ModelRegistry(workspace: workspace)
        tokens = try TokenStore(workspace: workspace)
        let first = try ModelHotSwap.load(configuration.model, registry: registry)
        slot = Locked(first)
        lastPromoted = try registry.promoted()?.sha256
        authenticator.replace(try tokens.activeTable())
    }

    /// The model answering new requests.
    var current: ServingModel { slot.withLock { $0 } }

    /// Starts polling and listening for SIGHUP.
    func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let nanos = Int(max(0.05, configuration.pollInterval) * 1e9)
        timer.schedule(deadline: .now() + .nanoseconds(nanos), repeating: .nanoseconds(nanos))
        timer.setEventHandler { [weak self] in self?.check(reloadFile: false) }
        timer.resume()
        self.timer = timer
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hangup.setEventHandler { [weak self] in self?.check(reloadFile: true) }
        hangup.resume()
        self.hangup = hangup
    }

    /// Stops polling.
    func stop() {
        timer?.cancel()
        hangup?.cancel()
        queue.sync {}
    }

    /// Polls now and waits for it (tests, and callers that just changed the workspace).
    func refresh(reloadFile: Bool = false) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                self.check(reloadFile: reloadFile)
                done.resume()
            }
        }
    }

    private func check(reloadFile: Bool) {
        do {
            authenticator.replace(try tokens.activeTable())
        } catch {
            onEvent("cannot reload tokens from \(configuration.workspace): \(error)")
        }
        let promoted: RegisteredModel?
        do {
            promoted = try registry.promoted()
        } catch {
            onEvent("cannot read the model registry: \(error)")
            return
        }
        if configuration.followPromotions, let promoted, promoted.sha256 != lastPromoted {
            lastPromoted = promoted.sha256
            if promoted.sha256 != current.sha256 {
                swap(to: .registered(String(promoted.id)), reason: "model \(promoted.id) was promoted")
            }
            return
        }
        if reloadFile, case .file = configuration.model {
            swap(to: configuration.model, reason: "SIGHUP")
        }
    }

    private func swap(to source: ServiceConfiguration.ModelSource, reason: String) {
        do {
            let next = try ModelHotSwap.load(source, registry: registry)
            let previous = slot.withLock { current -> ServingModel in
                let old = current
                current = next
                return old
            }
            guard previous.sha256 != next.sha256 else { return }
            metrics.swapped()
            onEvent("\(reason): model \(next.id) version \(next.version) now answers (was \(previous.id) version \(previous.version))")
        } catch {
            metrics.swapFailed()
            onEvent("\(reason), but it cannot be loaded; model \(current.id) keeps answering: \(error)")
        }
    }

    /// Loads and verifies a model from the registry or a file.
    static func load(_ source: ServiceConfiguration.ModelSource, registry: ModelRegistry) throws -> ServingModel {
        switch source {
        case .promoted:
            guard let entry = try registry.promoted() else {
                throw ServiceStartError(
                    description: "no promoted model in \(registry.database.path); promote one with `switchyard promote ID` "
                        + "or pass --model FILE|ID")
            }
            return try fromRegistry(entry, registry: registry)
        case .registered(let reference):
            guard let entry = try registry.find(reference) else {
                throw ServiceStartError(description: "no model '\(reference)' in \(registry.database.path) (see `switchyard models`)")
            }
            return try fromRegistry(entry, registry: registry)
        case .file(let path):
            let model: RoutingModel
            do {
                model = try RoutingModelFile.read(path)
            } catch {
                throw ServiceStartError(description: "\(error)")
            }
            let sha = try RoutingModelFile.payload(model).sha256
            let entry = try registry.entry(sha256: sha)
            return ServingModel(
                model: model, sha256: sha, registryID: entry?.id, source: path, fileName: URL(fileURLWithPath: path).lastPathComponent)
        }
    }

    private static func fromRegistry(_ entry: RegisteredModel, registry: ModelRegistry) throws -> ServingModel {
        let model: RoutingModel
        do {
            model = try registry.load(entry)
        } catch {
            throw ServiceStartError(description: "model \(entry.id) in the workspace cannot be loaded: \(error)")
        }
        return ServingModel(model: model, sha256: entry.sha256, registryID: entry.id, source: "workspace model \(entry.id)", fileName: nil)
    }
}
