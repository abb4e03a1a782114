import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `switchyard handovers LOG|FILE --by resource|group`: who passes work to whom.
struct HandoversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handovers",
        abstract: "Handover-of-work network between resources or groups, with ping-pong and routing figures.",
        discussion: """
            Counts consecutive events of a case (pm4py's handover of work). Events without a value \
            are skipped: work passes from the last holder before them to the next one after.
            """)

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String
    @OptionGroup var input: InputOptions
    @OptionGroup var discovery: DiscoveryOptions
    @Option(help: "resource (org:resource), group (org:group), or any attribute name.")
    var by: String = "resource"
    @Flag(help: "Leave self-handovers (A → A) out of the list.")
    var noSelf = false
    @Option(help: "Show the K most frequent handovers (0 = all).")
    var top: Int = 20
    @Flag(help: "Print JSON for machines.")
    var json = false

    func run() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more, got \(top)") }
        let attribute = by == "resource" ? "org:resource" : by == "group" ? "org:group" : by
        let eventLog = try discovery.load(log, input: input)
        let network: HandoverNetwork
        do {
            network = try HandoverNetwork(log: eventLog, attribute: attribute)
        } catch {
            throw CLIError(error.description)
        }
        if json {
            print(String(decoding: try JSONExport.handovers(network, includeSelf: !noSelf), as: UTF8.self))
            return
        }
        let r = network.routing
        print("""
            attribute              \(attribute)
            values                 \(TextFormat.thousands(network.distinctValues))
            events with a value    \(TextFormat.thousands(network.eventsWithAttribute)) (\(TextFormat.thousands(network.eventsMissingAttribute)) without, skipped)
            handovers              \(TextFormat.thousands(network.totalIncludingSelf)) (\(TextFormat.thousands(network.totalExcludingSelf)) between different values)
            cases with a change    \(TextFormat.thousands(r.casesWithAnyChange)) of \(TextFormat.thousands(r.casesWithAttribute))
            first ≠ last           \(TextFormat.thousands(r.firstDiffersFromLast))
            ping-pong A→B→A        \(TextFormat.thousands(r.pingPongCases)) cases, \(TextFormat.thousands(r.pingPongOccurrences)) times
            return to earlier      \(TextFormat.thousands(r.casesReturningToEarlierValue)) cases

            """)
        let edges = network.edges.filter { !noSelf || $0.from != $0.to }
        let shown = top == 0 ? edges : Array(edges.prefix(top))
        let rows = shown.map { e in
            [network.names[e.from], network.names[e.to], TextFormat.thousands(e.count), String(format1: e.normalized * 100) + " %"]
        }
        print(TextFormat.table(header: ["from", "to", "count", "share"], rows: rows))
        if shown.count < edges.count { print("… \(edges.count - shown.count) more (use --top 0 or --json)") }
    }
}
