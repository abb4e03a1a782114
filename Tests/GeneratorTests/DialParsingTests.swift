import Testing
@testable import Generator

@Suite struct DialParsingTests {
    let types = ExceptionType.allCases.map(\.name)

    @Test func weightsByNameKeepTheOtherDefaults() throws {
        let defaults = GeneratorConfiguration().typeMix
        let parsed = try GeneratorConfiguration.parseWeights(
            "edi_failure=0.3, tax_failure=0", dial: "--type-mix", names: types, defaults: defaults)
        var expected = defaults
        expected[ExceptionType.ediFailure.rawValue] = 0.3
        expected[ExceptionType.taxFailure.rawValue] = 0
        #expect(parsed == expected)
    }

    @Test func weightsAsAPlainList() throws {
        #expect(try GeneratorConfiguration.parseWeights("1,2,3", dial: "--handoff-weights", names: ["1", "2", "3"], defaults: [])
            == [1, 2, 3])
    }

    @Test func badWeightsNameTheDialAndTheChoices() {
        #expect(throws: GeneratorError(.invalidDial, "--handoff-weights must be 3 numbers, or name=weight pairs with names from: 1, 2, 3, found '1,2'")) {
            try GeneratorConfiguration.parseWeights("1,2", dial: "--handoff-weights", names: ["1", "2", "3"], defaults: [])
        }
        #expect(throws: GeneratorError.self) {
            try GeneratorConfiguration.parseWeights("edi=0.3", dial: "--type-mix", names: types, defaults: [])
        }
    }

    @Test func datesAndHours() throws {
        #expect(try GeneratorConfiguration.parseDate("2025-01-06", dial: "--start") == 1_736_121_600)
        #expect(try GeneratorConfiguration.parseDate("2025-01-06T09:00:00+01:00", dial: "--start") == 1_736_121_600 + 8 * 3600)
        #expect(throws: GeneratorError(.invalidDial, "--drift-at must be a date like 2025-01-06 or 2025-01-06T09:00:00+01:00, found '06/01/2025'")) {
            try GeneratorConfiguration.parseDate("06/01/2025", dial: "--drift-at")
        }
        #expect(try GeneratorConfiguration.parseHours("7-16") == (7, 16))
    }

    @Test func validationRejectsOutOfRangeDials() {
        var c = GeneratorConfiguration()
        c.workdayStartHour = 18
        c.workdayEndHour = 8
        #expect(throws: GeneratorError(.invalidDial, "--work-hours must be START-END with 0 <= START < END <= 24, found '18-8'")) {
            try c.validate()
        }
        c = GeneratorConfiguration()
        c.typeMix = [0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: GeneratorError.self) { try c.validate() }
        c = GeneratorConfiguration()
        c.ownerPredictability = 1
        #expect(throws: GeneratorError(.invalidDial, "--owner-predictability must be between 0.55 and 0.99, found '1.0'")) {
            try c.validate()
        }
        c = GeneratorConfiguration()
        c.cases = 0
        #expect(throws: GeneratorError.self) { try c.validate() }
    }

    @Test func dialsMoveTheRealisedRates() throws {
        var c = GeneratorConfiguration()
        c.cases = 4_000
        c.seed = 17
        c.legacyAccuracy = 0.9
        c.cancelProbability = 0
        c.reopenProbability = 0
        let output = try Generator.makeLogAndTruth(c)
        let right = Double(output.truth.filter(\.legacyCorrect).count) / 4_000
        #expect(abs(right - 0.9) < 0.02, "legacy \(right)")
        #expect(output.summary.cancelledCases == 0)
        #expect(output.log.activities.code(of: "Reopened") == nil)
        #expect(output.log.activities.code(of: "Cancelled") == nil)
    }
}
