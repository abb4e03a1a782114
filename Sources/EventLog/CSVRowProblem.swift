/// Why one CSV row cannot become an event, in two renderings: the one-line `reason` of a
/// ``RejectedRow`` and the parts of an ``ImportError`` for `strict` imports.
struct CSVRowProblem: Sendable, Equatable {
    var kind: ImportError.Kind
    /// 0-based column index, when one column is at fault.
    var field: Int?
    /// Reason for the rejected-rows file, e.g. `expected 5 fields, found 4`.
    var reason: String
    /// Short statement for a strict error, completed by `expected` and `found`.
    var summary: String
    var expected: String?
    var found: String?

    static func fieldCount(expected: Int, found: Int) -> CSVRowProblem {
        CSVRowProblem(
            kind: .malformedRow, field: nil, reason: "expected \(expected) fields, found \(found)",
            summary: "wrong number of fields", expected: "\(expected) fields", found: "\(found) fields")
    }

    static func quoting(_ problem: CSVQuoteProblem) -> CSVRowProblem {
        switch problem {
        case .textAfterClosingQuote(let field, let byte):
            let shown = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format2Hex: byte)
            return CSVRowProblem(
                kind: .malformedRow, field: field - 1,
                reason: "unexpected '\(shown)' after the closing quote of field \(field) (a quote inside a quoted field must be doubled)",
                summary: "broken quoting: text after a closing quote", expected: "a delimiter or a line end after the closing quote",
                found: shown)
        case .unterminatedQuote(let field):
            return CSVRowProblem(
                kind: .malformedRow, field: field - 1,
                reason: "unterminated quoted field \(field) (a field that starts with a quote must end with one)",
                summary: "broken quoting: unterminated quoted field", expected: "a closing quote", found: nil)
        }
    }

    static func invalidUTF8(field: Int, offset: Int, byte: UInt8) -> CSVRowProblem {
        CSVRowProblem(
            kind: .invalidEncoding, field: field,
            reason: "invalid UTF-8 in field \(field + 1) (byte \(String(format2Hex: byte)) at offset \(offset))",
            summary: "invalid UTF-8", expected: "UTF-8 text", found: "byte \(String(format2Hex: byte))")
    }

    static func nulByte(field: Int) -> CSVRowProblem {
        CSVRowProblem(
            kind: .invalidEncoding, field: field, reason: "NUL byte in field \(field + 1) (binary data?)",
            summary: "NUL byte in a text field", expected: "text", found: "byte 0x00")
    }

    static func cellTooLong(field: Int, limit: Int) -> CSVRowProblem {
        CSVRowProblem(
            kind: .tooLarge, field: field, reason: "field \(field + 1) is longer than \(limit / (1 << 20)) MB",
            summary: "cell too long", expected: "at most \(limit) bytes", found: nil)
    }

    static func emptyCase(field: Int) -> CSVRowProblem {
        CSVRowProblem(kind: .malformedRow, field: field, reason: "empty case id", summary: "empty case id", expected: "a case id", found: "")
    }

    static func emptyActivity(field: Int) -> CSVRowProblem {
        CSVRowProblem(kind: .malformedRow, field: field, reason: "empty activity", summary: "empty activity", expected: "an activity name", found: "")
    }

    static func emptyTimestamp(field: Int, expectation: String) -> CSVRowProblem {
        CSVRowProblem(
            kind: .invalidTimestamp, field: field, reason: "empty timestamp", summary: "empty timestamp",
            expected: expectation, found: "")
    }

    static func timestamp(field: Int, text: String, outcome: CSVTimestampOutcome, expectation: String) -> CSVRowProblem {
        let shown = CSVText.clip(text)
        if outcome == .outOfRange {
            return CSVRowProblem(
                kind: .invalidTimestamp, field: field,
                reason: "timestamp out of range '\(shown)' (expected a date between the years 1 and 9999)",
                summary: "timestamp out of range", expected: "a date between the years 1 and 9999", found: text)
        }
        return CSVRowProblem(
            kind: .invalidTimestamp, field: field, reason: "unparsable timestamp '\(shown)' (expected \(expectation))",
            summary: "unparsable timestamp", expected: expectation, found: text)
    }

    /// The rejected-row record for a row that starts on `line`.
    func rejected(line: Int, raw: String, names: [String]) -> RejectedRow {
        RejectedRow(line: line, raw: raw, column: field.flatMap { $0 < names.count ? names[$0] : nil }, reason: reason)
    }

    /// The error a strict import throws for this problem.
    func error(file: String, line: Int, names: [String]) -> ImportError {
        ImportError(
            kind, file: file, line: line, column: field.flatMap { $0 < names.count ? names[$0] : nil },
            expected: expected, found: found, reason: summary)
    }
}

extension String {
    /// `0xFF` style text for a byte.
    fileprivate init(format2Hex byte: UInt8) {
        let digits = Array("0123456789ABCDEF")
        self = "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
