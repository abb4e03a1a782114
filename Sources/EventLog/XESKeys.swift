/// Attribute keys of the XES standard extensions (IEEE 1849-2016) that map onto the
/// standard columns of an ``EventLog``.
public enum XESKeys {
    /// Concept extension: the name of a trace (the case id) or of an event (the activity).
    public static let conceptName = "concept:name"
    /// Time extension: when an event happened (`date`).
    public static let timeTimestamp = "time:timestamp"
    /// Organizational extension: who executed the event.
    public static let orgResource = "org:resource"
    /// Organizational extension: the group (team) of the resource.
    public static let orgGroup = "org:group"
    /// Lifecycle extension: the transition (`start`, `complete`, `schedule`, …).
    public static let lifecycleTransition = "lifecycle:transition"

    /// The extensions a writer declares: (name, prefix, URI).
    public static let standardExtensions: [(name: String, prefix: String, uri: String)] = [
        ("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
        ("Time", "time", "http://www.xes-standard.org/time.xesext"),
        ("Organizational", "org", "http://www.xes-standard.org/org.xesext"),
        ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
    ]
}

/// The XES elements the reader tells apart, by local name (a namespace prefix such as
/// `xes:` is ignored).
enum XESElement: UInt8 {
    case log, trace, event
    // Attribute elements.
    case string, date, int, float, boolean, id, list, container
    // Elements whose content the reader skips.
    case values, global, extensionDeclaration, classifier
    case other

    /// Whether this element is a XES attribute (`<string key=… value=…/>` and friends).
    var isAttribute: Bool { rawValue >= XESElement.string.rawValue && rawValue <= XESElement.container.rawValue }

    /// Whether this attribute type carries a single value (`list` and `container` do not).
    var isScalar: Bool { rawValue >= XESElement.string.rawValue && rawValue <= XESElement.id.rawValue }

    /// Classifies the element name `b[start..<end]` by its local name.
    @inline(__always)
    static func classify(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> XESElement {
        let element = classifyLocal(b + start, end - start)
        guard element == .other else { return element }
        // A prefixed name (`xes:string`): classify what follows the last ':'.
        var k = end - 1
        while k > start {
            if b[k] == UInt8(ascii: ":") { return classifyLocal(b + k + 1, end - k - 1) }
            k -= 1
        }
        return .other
    }

    @inline(__always)
    private static func classifyLocal(_ s: UnsafePointer<UInt8>, _ n: Int) -> XESElement {
        @inline(__always) func eq(_ word: StaticString) -> Bool {
            let w = word.utf8Start
            for i in 0..<n where s[i] != w[i] { return false }
            return true
        }
        switch n {
        case 2: return eq("id") ? .id : .other
        case 3: return s[0] == UInt8(ascii: "i") ? (eq("int") ? .int : .other) : (eq("log") ? .log : .other)
        case 4: return s[0] == UInt8(ascii: "d") ? (eq("date") ? .date : .other) : (eq("list") ? .list : .other)
        case 5:
            switch s[0] {
            case UInt8(ascii: "e"): return eq("event") ? .event : .other
            case UInt8(ascii: "t"): return eq("trace") ? .trace : .other
            case UInt8(ascii: "f"): return eq("float") ? .float : .other
            default: return .other
            }
        case 6:
            switch s[0] {
            case UInt8(ascii: "s"): return eq("string") ? .string : .other
            case UInt8(ascii: "g"): return eq("global") ? .global : .other
            case UInt8(ascii: "v"): return eq("values") ? .values : .other
            default: return .other
            }
        case 7: return eq("boolean") ? .boolean : .other
        case 9: return s[0] == UInt8(ascii: "c") ? (eq("container") ? .container : .other) : (eq("extension") ? .extensionDeclaration : .other)
        case 10: return eq("classifier") ? .classifier : .other
        default: return .other
        }
    }
}
