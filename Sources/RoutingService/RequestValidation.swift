import EventLog
import Routing

/// One exception's fields, checked against the serving model and laid out in scorer slots.
struct CheckedException {
    /// One slice per model input (absent = not known, scored as unknown).
    var slots: [FieldSlice]
    /// The caller's `exception_id` (or `id`), echoed and audited.
    var exceptionID: FieldSlice
}

/// Field problems found together.
struct FieldErrors: Error {
    var fields: [FieldError]
}

/// Checks a request's exception object against the model, collecting every problem with the
/// field it concerns rather than stopping at the first:
/// - a model input that is absent → "required" (send `null` when the value is not known),
///   unless missing fields are allowed;
/// - an object or array where a value belongs; a boolean for a number or time;
/// - a number that does not parse, a time that is not ISO 8601;
/// - a category value the model never saw in training (unless unknown values are allowed),
///   naming the values it knows.
/// Keys the model does not read are ignored, so callers may send more than it needs.
enum RequestValidation {
    static let idKeys: [[UInt8]] = [Array("exception_id".utf8), Array("id".utf8)]

    static func check(
        _ members: [JSONMember], model: ServingModel, path: String, allowMissing: Bool, allowUnknownValues: Bool
    ) -> Result<CheckedException, FieldErrors> {
        let n = model.inputNames.count
        var slots = [FieldSlice](repeating: .absent, count: n)
        var seen = [Bool](repeating: false, count: n)
        var exceptionID = FieldSlice.absent
        var errors: [FieldError] = []
        func field(_ name: String) -> String { path.isEmpty ? name : path + "." + name }

        for member in members {
            guard let code = model.inputKeys.code(of: member.key.bytes) else {
                if idKeys.contains(where: { equal($0, member.key.bytes) }) {
                    switch member.kind {
                    case .string, .number: if exceptionID.count < 0 { exceptionID = member.value }
                    case .null: break
                    default:
                        errors.append(FieldError(field: field(text(member.key)), message: "expected a string, found \(member.kind.name)"))
                    }
                }
                continue
            }
            let slot = Int(code)
            let name = model.inputNames[slot]
            if seen[slot] {
                errors.append(FieldError(field: field(name), message: "appears more than once"))
                continue
            }
            seen[slot] = true
            switch member.kind {
            case .null:
                continue
            case .object, .array:
                errors.append(FieldError(field: field(name), message: "expected \(expected(slot, model)), found \(member.kind.name)"))
                continue
            case .bool where slot == model.timeSlot || model.numericSlots.contains(slot):
                errors.append(FieldError(field: field(name), message: "expected \(expected(slot, model)), found a boolean"))
                continue
            case .number where slot == model.timeSlot:
                errors.append(FieldError(
                    field: field(name), message: "expected an ISO 8601 time such as 2025-03-04T09:15:00Z, found a number"))
                continue
            default:
                break
            }
            let value = member.value
            if value.count > 0 {
                if slot == model.timeSlot {
                    guard ISO8601Parser.parse(value.bytes) != nil else {
                        errors.append(FieldError(
                            field: field(name),
                            message: "expected an ISO 8601 time such as 2025-03-04T09:15:00Z, found '\(clip(text(value)))'"))
                        continue
                    }
                } else if model.numericSlots.contains(slot) {
                    guard let x = Double(text(value)), x.isFinite else {
                        errors.append(FieldError(field: field(name), message: "expected a number, found '\(clip(text(value)))'"))
                        continue
                    }
                } else if !allowUnknownValues, let known = model.vocabulary[slot], known.code(of: value.bytes) == nil {
                    errors.append(FieldError(field: field(name), message: unknownValue(text(value), known: known)))
                    continue
                }
            }
            slots[slot] = value
        }
        if !allowMissing {
            for slot in 0..<n where !seen[slot] {
                errors.append(FieldError(
                    field: field(model.inputNames[slot]),
                    message: "required by model \(model.id) (send null if it is not known)"))
            }
        }
        if !errors.isEmpty { return .failure(FieldErrors(fields: errors)) }
        return .success(CheckedException(slots: slots, exceptionID: exceptionID))
    }

    private static func expected(_ slot: Int, _ model: ServingModel) -> String {
        if slot == model.timeSlot { return "an ISO 8601 time string" }
        if model.numericSlots.contains(slot) { return "a number" }
        return "a string"
    }

    private static func unknownValue(_ value: String, known: StringPool) -> String {
        let values = known.strings.sorted()
        let shown = values.prefix(20).joined(separator: ", ") + (values.count > 20 ? ", … (\(values.count) in all)" : "")
        return "unknown value '\(clip(value))'; the model knows: \(shown) (send null if it is not known)"
    }

    static func text(_ slice: FieldSlice) -> String { String(decoding: slice.bytes, as: UTF8.self) }

    static func clip(_ s: String) -> String { s.count > 60 ? String(s.prefix(57)) + "..." : s }

    private static func equal(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && a.withUnsafeBytes { $0.elementsEqual(b) }
    }
}
