import Foundation

/// The parameters a generation takes, as data (`Resources/parameters.json`): for each, its name in
/// the draft, its CLI flag, its form field, and its name on each wire protocol; beside them, the
/// structural fields each wire carries (the prompt, the inputs). A test fails when an encoder sends
/// a field the catalog does not list for its wire.
public struct ParameterCatalog: Codable, Sendable {
    /// One parameter.
    public struct Parameter: Codable, Sendable, Hashable {
        /// Its name in the draft and the registry's rules (`aspectRatio`).
        public var name: String
        /// Its `veo-studio generate` flag (`--aspect`), nil when it has none.
        public var flag: String?
        /// Its form field's id, nil when the form does not show it.
        public var field: String?
        /// Its JSON paths in a request body, by wire protocol (`parameters.aspectRatio`).
        public var wire: [String: [String]]
        /// How a wire writes the value, when not as the draft holds it: `upper` (in capitals), `seconds` (`"8s"`).
        public var spelling: [String: String]?
        /// The wires that always carry the validated value, set by the person or not.
        public var effective: [String]?
        /// `integer`, `number`, `boolean` or `string` (the default): how text becomes its value.
        public var type: String?

        /// Its key in a batch line, a preset or a storyboard: the flag's name in snake_case
        /// (`--aspect-ratio` → `aspect_ratio`), else its name.
        public var batchKey: String {
            flag.map { String($0.drop { $0 == "-" }).replacingOccurrences(of: "-", with: "_") } ?? name
        }

        /// Text as this parameter's value (nil text: unset), or what is wrong with it.
        public func value(from text: String?) -> (JSONValue?, String?) {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return (nil, nil) }
            switch type {
            case "integer":
                guard let whole = Int64(text) else { return (nil, "\(name): \"\(text)\" is not a whole number") }
                return (.number(Double(whole)), nil)
            case "number":
                guard let number = Double(text), number.isFinite else { return (nil, "\(name): \"\(text)\" is not a number") }
                return (.number(number), nil)
            case "boolean":
                switch text.lowercased() {
                case "on", "true", "yes": return (.bool(true), nil)
                case "off", "false", "no": return (.bool(false), nil)
                default: return (nil, "\(name): say on or off")
                }
            default:
                return (.string(text), nil)
            }
        }
    }

    public var source: String
    public var as_of: String
    public var parameters: [Parameter]
    /// What each wire's body carries besides the parameters: the prompt, the inputs, the model.
    public var structure: [String: [String]]
    /// Where each wire puts parameters the catalog does not name (`--param KEY=VALUE`); `""` is the body itself.
    public var extras: [String: String]

    /// The built-in catalog, read once; nil when the installation lacks it (`builtIn()` says why).
    static let bundled: ParameterCatalog? = try? builtIn()

    /// The built-in catalog, read once.
    public static func shared() throws -> ParameterCatalog {
        if let bundled { return bundled }
        return try builtIn()
    }

    /// The catalog shipped with the studio.
    public static func builtIn() throws -> ParameterCatalog {
        guard let url = Bundle.module.url(forResource: "parameters", withExtension: "json") else {
            throw StudioError(field: "parameters", code: "parameters.missing",
                              message: "the built-in parameter catalog is missing from the installation", fix: "reinstall veo-studio")
        }
        return try JSONDecoder().decode(ParameterCatalog.self, from: Data(contentsOf: url))
    }

    /// A parameter by its name.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// Every body path a wire may carry: its parameters' and its structure's (`x.*` covers what lies under `x`).
    public func paths(wire: String) -> Set<String> {
        Set(parameters.flatMap { $0.wire[wire] ?? [] } + (structure[wire] ?? []))
    }

    /// True when the catalog lists a body path for a wire.
    public func lists(_ path: String, wire: String) -> Bool {
        paths(wire: wire).contains { listed in
            listed == path || (listed.hasSuffix(".*") && path.hasPrefix(String(listed.dropLast(1))))
        }
    }
}
