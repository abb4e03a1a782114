import Foundation
import Testing

@testable import EventLog

/// Hostile OCEL input the existing suites do not cover (`OCELErrorTests` already covers
/// deep nesting, invalid UTF-8, NUL bytes, empty and binary files, entity declarations).
@Suite struct HostileOCELTests {
    /// Regression: `&#+65;` read as `A` in OCEL XML (the number parser takes a sign).
    @Test func signedCharacterReferencesAreRefused() throws {
        for reference in ["&#+65;", "&#x+41;", "&#-65;", "&#0;"] {
            let file = try OCELScratchFile(
                "ref.xmlocel", "<log><events><event id=\"e\(reference)\" type=\"a\" time=\"2022-01-01T00:00:00Z\"/></events></log>")
            var options = ImportOptions()
            options.objectType = "x"
            do {
                _ = try OCELLogReader.read(file.path, format: .ocelXML, options: options)
                Issue.record("\(reference) was accepted")
            } catch {
                #expect(error.kind == .malformedXML, "\(reference)")
                #expect(error.reason == "invalid character reference \(reference)", "\(reference)")
            }
        }
    }
}
