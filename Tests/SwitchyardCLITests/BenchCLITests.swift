import Foundation
import Testing

@Suite struct BenchCLITests {
    @Test func benchImportPrintsEveryFigure() throws {
        let file = CLI.shared.appendingPathComponent("logs/running-example.xes").path
        let out = try CLI.run(["bench", "import", file, "--repeat", "2", "--threads", "1"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "bench import \(file) (15.9 kB), 1 thread(s)")
        let header = try #require(lines.first { $0.hasPrefix("phase ") })
        for field in ["run", "wall", "events/s", "MB/s", "peak RSS", "RSS delta"] { #expect(header.contains(field)) }
        #expect(lines.filter { $0.hasPrefix("parse ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("import (end to end) ") }.count == 2)
        for part in ["read", "hash wait", "store"] {
            #expect(lines.filter { $0.hasPrefix("  of which \(part) ") }.count == 2)
        }
        for row in lines where row.hasPrefix("parse ") || row.hasPrefix("import (end") {
            // A run under a millisecond prints "-" for its rates rather than a meaningless number.
            let rateShown = row.contains(" MB/s") || row.split(separator: " ").contains("-")
            #expect(row.contains(" s ") && rateShown && (row.contains(" MB") || row.contains(" kB")))
        }
        // The reader's own stages follow each parse.
        for stage in ["parse", "group by case, sort by time"] {
            #expect(lines.filter { $0.hasPrefix("  of which \(stage) ") }.count == 2)
        }
        let footprint = try #require(lines.last)
        #expect(footprint.hasPrefix("in-memory log: 42 events, "))
        #expect(footprint.contains(" bytes/event resident (RSS delta), ") && footprint.hasSuffix(" bytes/event in its arrays"))
    }

    @Test func benchImportParseOnlySkipsTheWorkspaceAndShowsTheCSVStages() throws {
        let file = CLI.shared.appendingPathComponent("logs/helpdesk_tax2017.csv").path
        let out = try CLI.run(["bench", "import", file, "--parse-only", "--threads", "2"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("parse ") }.count == 1)
        #expect(!lines.contains { $0.hasPrefix("import (end to end) ") })
        for stage in ["group by case, sort by time; columns", "case attributes"] {
            #expect(lines.contains { $0.hasPrefix("  of which \(stage) ") })
        }
        #expect(lines.contains { $0.hasPrefix("  of which parse") })
    }

    @Test func benchWorkspaceStoresReplacesAndLoads() throws {
        let out = try CLI.run(["bench", "workspace", "--events", "20000"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "bench workspace: 20,000 generated events")
        for phase in ["store ", "replace ", "load "] {
            let row = try #require(lines.first { $0.hasPrefix(phase) })
            #expect(row.contains(" MB/s"))
        }
        #expect(lines.last?.hasPrefix("MB/s counts the stored column bytes; workspace: ") == true)
    }

    @Test func benchRefusesBadCounts() throws {
        let out = try CLI.run(["bench", "import", "x.csv", "--repeat", "0"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--repeat must be at least 1"))
    }
}
