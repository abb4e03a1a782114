import Testing

@Suite struct HelpCLITests {
    @Test func helpListsCommands() throws {
        let out = try CLI.run(["--help"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("stats"))
    }

    @Test func missingFileIsAClearError() throws {
        let out = try CLI.run(["stats", "/nonexistent/log.csv"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("/nonexistent/log.csv"))
    }
}
