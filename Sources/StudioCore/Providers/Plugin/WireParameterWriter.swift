/// Writes a validated spec's parameters into a request body as the parameter catalog says for one
/// wire protocol: each parameter at its paths, in the wire's spelling, and the parameters the
/// catalog does not know (`--param`) where the wire keeps them. The encoders write the prompt and
/// the inputs; everything else comes from here, so a new parameter is a catalog entry and its rules.
public struct WireParameterWriter: Sendable {
    public let wire: WireProtocol
    let catalog: ParameterCatalog

    /// - Parameter catalog: the catalog to follow; the built-in one when nil.
    public init(wire: WireProtocol, catalog: ParameterCatalog? = nil) throws {
        self.wire = wire
        self.catalog = try catalog ?? ParameterCatalog.shared()
    }

    /// Writes the spec's parameters into `body`. `effective`: the wires the catalog says always carry
    /// the validated value take it even when the person set nothing (a further Omni turn does not).
    public func write(_ spec: GenerationSpec, into body: inout [String: JSONValue], effective: Bool = true) {
        let set = spec.draft.parameterValues
        for parameter in catalog.parameters {
            guard let paths = parameter.wire[wire.rawValue] else { continue }
            // A value the validated spec sets, as it was set; where the wire always carries one and
            // nothing was set, the value the spec settled on.
            let always = effective && parameter.effective?.contains(wire.rawValue) == true
            guard let value = set[parameter.name] ?? (always ? spec.effective.value(named: parameter.name) : nil) else { continue }
            let spelled = Self.spell(value, parameter.spelling?[wire.rawValue])
            for path in paths {
                let whole = path.hasSuffix(".*") ? String(path.dropLast(2)) : path
                Self.put(spelled, at: whole.split(separator: ".").map(String.init), in: &body)
            }
        }
        guard !spec.draft.extraParameters.isEmpty, let place = catalog.extras[wire.rawValue] else { return }
        let prefix = place.split(separator: ".").map(String.init)
        for (key, value) in spec.draft.extraParameters {
            Self.put(value, at: prefix + [key], in: &body)
        }
    }

    static func spell(_ value: JSONValue, _ spelling: String?) -> JSONValue {
        switch (spelling, value) {
        case ("upper", .string(let text)): return .string(text.uppercased())
        case ("seconds", .number(let seconds)): return .string("\(Int(seconds))s")
        default: return value
        }
    }

    /// Sets `value` at a path of object keys, creating (or keeping) the objects on the way.
    static func put(_ value: JSONValue, at path: [String], in object: inout [String: JSONValue]) {
        guard let key = path.first else { return }
        if path.count == 1 {
            object[key] = value
            return
        }
        var inner = object[key]?.objectValue ?? [:]
        put(value, at: Array(path.dropFirst()), in: &inner)
        object[key] = .object(inner)
    }
}
