import ArgumentParser
import EventLog
import Foundation
import RoutingService

/// `switchyard tokens create|revoke|list`: bearer tokens for `switchyard serve`.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, revoke and list the bearer tokens `switchyard serve` accepts.",
        subcommands: [TokensCreateCommand.self, TokensRevokeCommand.self, TokensListCommand.self])
}

extension TokenRole: ExpressibleByArgument {}

struct TokensCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a token; prints the secret once on stdout (only its SHA-256 is stored).",
        discussion: "route: POST /v1/route and /v1/route:batch. steward: also overrides and GET /v1/models/current.")

    @Option(help: "route or steward.")
    var role: TokenRole
    @Option(help: "A name to recognise the token by (e.g. the client system).")
    var name: String?
    @Option(help: "Who creates it (default: $USER).")
    var by: String?
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        do {
            let store = try TokenStore(workspace: Workspace(path: workspace.path))
            let (secret, token) = try store.create(role: role, name: name, by: by ?? ProcessInfo.processInfo.environment["USER"])
            print(secret)
            FileHandle.standardError.write(Data((
                "token \(token.id) (\(token.role.rawValue)\(token.name.map { ", \($0)" } ?? "")) created in \(workspace.path); "
                    + "keep the secret above now, it is not shown again\n").utf8))
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw CLIError("cannot create a token in \(workspace.path): \(error)")
        }
    }
}

struct TokensRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a token (a running server stops accepting it within its poll interval).")

    @Argument(help: "The token id (see `switchyard tokens list`).")
    var id: Int64
    @Option(help: "Who revokes it (default: $USER).")
    var by: String?
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: workspace.path) else { throw CLIError("no workspace at \(workspace.path)") }
        do {
            let store = try TokenStore(workspace: Workspace(path: workspace.path, create: false))
            let token = try store.revoke(id: id, by: by ?? ProcessInfo.processInfo.environment["USER"])
            print("token \(token.id) (\(token.role.rawValue)) revoked at \(token.revokedAt ?? "?")")
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
    }
}

struct TokensListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: workspace.path) else { throw CLIError("no workspace at \(workspace.path)") }
        let tokens: [ServiceToken]
        do {
            tokens = try TokenStore(workspace: Workspace(path: workspace.path, create: false)).list()
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw CLIError("cannot read tokens from \(workspace.path): \(error)")
        }
        guard !tokens.isEmpty else {
            print("no tokens in \(workspace.path) (create one with `switchyard tokens create --role route`)")
            return
        }
        print(TextFormat.table(
            header: ["id", "role", "name", "secret starts", "created", "by", "status"],
            rows: tokens.map { t in
                [
                    String(t.id), t.role.rawValue, t.name ?? "", t.prefix + "…", String(t.createdAt.prefix(19)), t.createdBy ?? "",
                    t.revokedAt.map { "revoked \($0.prefix(19))" } ?? "active",
                ]
            }))
    }
}
