import Foundation
import Testing

@testable import Lifecycle

/// Hostile lifecycle profiles: deep nesting, alias bombs, binary and oversized content get
/// a short clear error, quickly. (`ProfileLoaderTests` covers wrong types, unknown fields,
/// syntax errors and validation.)
@Suite struct HostileProfileTests {
    private func error(_ text: String, yaml: Bool) -> ProfileError? {
        error(Data(text.utf8), yaml: yaml)
    }

    private func error(_ data: Data, yaml: Bool) -> ProfileError? {
        do {
            _ = try ProfileLoader.decode(data, yaml: yaml, source: "hostile")
            return nil
        } catch {
            return error
        }
    }

    /// Regression: the YAML error quoted the whole 200 KB offending line.
    @Test func deepNestingIsRefusedWithAShortMessage() throws {
        let flow = "owner: team\nroles: {closed: [Done]}\ndimensions: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let yamlFlow = try #require(error(flow, yaml: true))
        #expect(yamlFlow.description.hasPrefix(
            "profile hostile: field '(file)': not valid YAML: 3:14: error: parser: while parsing in line 3, column 14\nMaximum nesting level reached"))
        #expect(yamlFlow.description.count < 500)
        let block = "owner: team\nroles: {closed: [Done]}\ndimensions:\n  " + String(repeating: "- ", count: 20_000) + "x\n"
        #expect(try #require(error(block, yaml: true)).description.contains("Maximum nesting level reached"))
        let json = #"{"owner": "team", "roles": {"closed": ["Done"]}, "dimensions": "# + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}"
        #expect(try #require(error(json, yaml: false)).description == "profile hostile: field '(file)': not valid JSON: The given data was not valid JSON.")
    }

    /// Billion laughs: aliases never multiply, a nested list is a type error at its first level.
    @Test func aliasBombsFailFast() throws {
        var lines = ["owner: team", "roles: {closed: [Done]}", "non_owners: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines.append("dimensions: [" + Array(repeating: "*l0", count: 9).joined(separator: ", ") + "]")
        let start = Date()
        let problem = try #require(error(lines.joined(separator: "\n"), yaml: true))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(problem.problems.map(\.field) == ["dimensions[0]"])
        // Anchors under names the profile does not have are refused before anything is expanded.
        var bomb = ["owner: team", "roles: {closed: [Done]}", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1..<10 { bomb.append("l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        let refused = try #require(error(bomb.joined(separator: "\n"), yaml: true))
        #expect(refused.problems.first?.field == "l0")
        #expect(refused.problems.first?.message.hasPrefix("unknown field; expected one of name, owner") == true)
    }

    @Test func binaryAndBrokenTextGetClearErrors() throws {
        var state: UInt64 = 9
        let noise = Data((0..<50_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
        for yaml in [true, false] {
            let problem = try #require(error(noise, yaml: yaml))
            #expect(problem.problems.first?.field == "(file)")
            #expect(problem.description.count < 500)
        }
        let nul = try #require(error("owner: te\0am\nroles: {closed: [Done]}\n", yaml: true))
        #expect(nul.problems.first?.field == "(file)")
        // Regression: invalid UTF-8 was read as U+FFFD, so the owner silently never matched.
        let latin1 = Data("owner: équipe\nroles: {closed: [Done]}\n".data(using: .isoLatin1) ?? Data())
        let utf8 = try #require(error(latin1, yaml: true))
        #expect(utf8.description == "profile hostile: field '(file)': not UTF-8 text (save the profile as UTF-8)")
        #expect(try #require(error(latin1, yaml: false)).problems.first?.field == "(file)")
    }

    /// Regression (found by FuzzProfile): 1 KB of nested `? ` keys held Yams's duplicate-key
    /// check for minutes (its key comparison is exponential in the nesting).
    @Test func complexKeysAreRefusedBeforeParsing() throws {
        for (name, line) in [("regress-complex-keys.yaml", 1), ("regress-complex-keys-cr.yaml", 5)] {
            let fuzzed = try Data(contentsOf: LogFixtures.repositoryRoot.appendingPathComponent("Tests/Fuzz/corpus/FuzzProfile/" + name))
            let start = Date()
            let problem = try #require(error(Data(fuzzed.dropFirst()), yaml: true))
            #expect(Date().timeIntervalSince(start) < 1)
            #expect(problem.description == "profile hostile: field '(file)': line \(line): a mapping key that is not plain text "
                + "(`? key`, a list, a mapping or an alias used as a key); profiles use names as keys")
        }
        // Line breaks may be CR alone (the second file); a comment ends there too.
        #expect(YAMLKeyCheck.firstComplexKey("# note\r? x\r: 1\r") == 2)
        for (text, line) in [
            ("owner: team\n? complex\n: 1\n", 2), ("owner: team\nroles: {? a: b}\n", 2), ("owner: team\n[a, b]: 1\n", 2),
            ("owner: team\nsla: {by_tier: {{a: b}: 1}}\n", 2), ("owner: &t team\n*t : x\n", 2), ("- ? x\n", 1),
        ] {
            #expect(YAMLKeyCheck.firstComplexKey(text) == line, "\(text)")
        }
        // Question marks, brackets, apostrophes and aliases as values are fine.
        let fine = """
            # owner? the team column
            owner: team   # really? yes
            non_owners: ['it''s ? me', "a \\"?\\" b", don't?, "[x]: y"]
            roles:
              detected: [Exception Detected?, "Is it {new}?"]
              closed: &done [Done]
              cancelled: *done
            dimensions: [region]
            """
        #expect(YAMLKeyCheck.firstComplexKey(fine) == nil)
        let profile = try ProfileLoader.decode(Data(fine.utf8), yaml: true, source: "fine")
        #expect(profile.nonOwners == ["it's ? me", "a \"?\" b", "don't?", "[x]: y"])
        #expect(profile.matchers(.cancelled) == profile.matchers(.closed))
    }
}
