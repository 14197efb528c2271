import Foundation

/// How a batch line's keys become a draft. The keys are the spec flags' names in snake_case —
/// every parameter's from the parameter catalog (`--aspect-ratio` → `aspect_ratio`), and the inputs'
/// (`prompt`, `provider`, `model`, `image`, `last_frame`, `refs`, `video`, `ref_video`, `mode`,
/// `params`) — plus `preset` (a saved set of fields under the line), `vars` (filling `{name}` in the
/// prompt) and `variants` (takes of the line). The storyboard file uses the same keys.
public struct BatchSpecReader: Sendable {
    /// Batch key → the draft field it sets (catalog parameters).
    let parameterKeys: [String: String]
    /// Saved presets by name (`preset = "…"`).
    let presets: [String: GenerationDraft]
    /// The catalog the keys come from (a parameter without a field of its own is kept by name).
    let catalog: ParameterCatalog
    /// Why each preset that cannot be used cannot (its file, a key), by name.
    var presetProblems: [String: String] = [:]

    static let inputKeys: Set<String> = ["prompt", "provider", "model", "image", "last_frame", "refs", "video", "ref_video", "mode", "params"]
    static let batchKeys: Set<String> = ["preset", "vars", "variants"]

    public init(catalog: ParameterCatalog, presets: PresetBook) {
        self.init(catalog: catalog, presets: presets.drafts)
        presetProblems = presets.problems
    }

    public init(catalog: ParameterCatalog, presets: [String: GenerationDraft] = [:]) {
        var keys: [String: String] = [:]
        for parameter in catalog.parameters {
            keys[parameter.name] = parameter.name
            keys[parameter.batchKey] = parameter.name
        }
        keys["labels"] = "labels"
        parameterKeys = keys
        self.presets = presets
        self.catalog = catalog
    }

    /// The key that sets a draft field or input (`aspectRatio` → `aspect_ratio`, `referenceImages[0]` → `refs`),
    /// for naming a validator's finding by the line's key.
    public func key(forField field: String) -> String {
        let root = field.split(separator: "[").first.map(String.init) ?? field
        switch root {
        case "referenceImages": return "refs"
        case "referenceVideos": return "ref_video"
        case "lastFrame": return "last_frame"
        default: return catalog.parameter(named: root)?.batchKey ?? root
        }
    }

    /// Every key a line may use, sorted (for the message about an unknown one).
    public var knownKeys: [String] {
        (Set(parameterKeys.keys.filter { $0.contains("_") || !$0.contains(where: \.isUppercase) })
            .union(Self.inputKeys).union(Self.batchKeys)).sorted()
    }

    /// The draft a line describes, how many takes it asks for, and what is wrong with it.
    public func read(_ line: BatchLine, defaultVariants: Int = 1) -> (draft: GenerationDraft, variants: Int, problems: [BatchProblem]) {
        var problems: [BatchProblem] = []
        func problem(_ field: String, _ code: String, _ message: String, _ fix: String) {
            problems.append(BatchProblem(line: line.number, field: field, code: code, message: message, fix: fix))
        }
        var draft = GenerationDraft()
        if let name = line.values["preset"].flatMap(Self.text) {
            if let preset = presets[name] {
                draft = preset
            } else if let cause = presetProblems[name] {
                problem("preset", "batch.preset_broken", "preset \"\(name)\" cannot be used: \(cause)", "fix its file, then run the batch again")
            } else {
                problem("preset", "batch.preset_unknown", "no preset named \"\(name)\"",
                        presets.isEmpty ? "save one first (veo-studio presets lists them)" : "use one of: \(presets.keys.sorted().joined(separator: ", "))")
            }
        }
        var variants = defaultVariants
        for key in line.values.keys.sorted() {
            guard let value = line.values[key], value != .null else { continue }
            switch key {
            case "preset", "vars": continue
            case "variants":
                guard let count = Self.text(value).flatMap({ Int($0) }), (1...20).contains(count) else {
                    problem(key, "batch.variants", "\"\(Self.text(value) ?? value.encodedString())\" is not a number of takes", "write 1 to 20")
                    continue
                }
                variants = count
            case "prompt", "provider", "model", "image":
                draft.set(key, text: Self.text(value))
            case "last_frame":
                draft.lastFrame = Self.text(value)
            case "video":
                draft.video = Self.text(value).map(VideoInput.parse)
            case "mode":
                switch Self.text(value)?.lowercased() {
                case "extend", nil: break
                case "edit": draft.edit = true
                case "upscale": draft.upscale = true
                default: problem(key, "batch.mode", "\"\(Self.text(value) ?? "")\" is not extend, edit or upscale", "write extend, edit or upscale (with video)")
                }
            case "refs":
                draft.references = Self.list(value).map(ReferenceImageInput.parse)
            case "ref_video":
                draft.referenceVideos = Self.list(value)
            case "params":
                guard let object = value.objectValue else {
                    problem(key, "batch.params", "not an object", "write params as {\"name\": value}")
                    continue
                }
                for (name, parameter) in object { draft.extraParameters[name] = parameter }
            case "labels":
                let text = value.objectValue.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.text($0.value) ?? "")" }.joined(separator: ", ") }
                    ?? Self.text(value)
                if let message = draft.set("labels", text: text) { problem(key, "batch.value", message, "write labels as {\"key\": \"value\"}") }
            default:
                guard let field = parameterKeys[key] else {
                    problem(key, "batch.unknown_key", "no such key", KeySuggestion.fix(for: key, known: knownKeys))
                    continue
                }
                if let message = draft.set(field, text: Self.text(value), catalog: catalog) {
                    // The draft names its own field first ("durationSeconds: …"); the line's key is said already.
                    let said = message.hasPrefix(field + ": ") ? String(message.dropFirst(field.count + 2)) : message
                    problem(key, "batch.value", said, "write it as the --\(key.replacingOccurrences(of: "_", with: "-")) flag takes it")
                }
            }
        }
        if let vars = line.values["vars"] {
            guard let object = Self.vars(vars) else {
                problem("vars", "batch.vars", "not an object",
                        "write vars as {\"name\": \"value\"} (in a CSV cell also name=value;name=value)")
                return (draft, variants, problems)
            }
            // A var the prompt does not use is a typo or a stale line: said, as --var says it.
            let names = Self.placeholders(draft.prompt ?? "")
            for name in object.keys.sorted() where !names.contains(name) {
                let fix: String
                if let nearest = KeySuggestion.nearest(to: name, in: names) {
                    fix = "did you mean \(nearest)? rename it, or remove it"
                } else if names.isEmpty {
                    fix = "remove it: the prompt has no placeholders"
                } else {
                    fix = "the prompt's placeholders are \(names.map { "{\($0)}" }.joined(separator: ", "))"
                }
                problem("vars", "batch.var_unused", "the prompt has no {\(name)}", fix)
            }
            draft.prompt = fill(draft.prompt, vars: object, line: line.number, problems: &problems)
        } else if let prompt = draft.prompt, let name = Self.placeholders(prompt).first {
            problem("prompt", "batch.var_missing", "{\(name)} has no value", "give it under vars: {\"\(name)\": \"…\"}")
        }
        return (draft, variants, problems)
    }

    /// The prompt with each `{name}` replaced by its var; a placeholder without one is a problem.
    func fill(_ prompt: String?, vars: [String: JSONValue], line: Int, problems: inout [BatchProblem]) -> String? {
        guard var text = prompt else { return nil }
        for name in Self.placeholders(text) {
            guard let value = vars[name].flatMap(Self.text) else {
                problems.append(BatchProblem(line: line, field: "prompt", code: "batch.var_missing", message: "{\(name)} has no value",
                                             fix: "give it under vars: {\"\(name)\": \"…\"}"))
                continue
            }
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// A line's vars: a JSON object, or (a CSV cell is text) the object's JSON text or
    /// `name=value;name=value`. Nil when it is none of these.
    static func vars(_ value: JSONValue) -> [String: JSONValue]? {
        if let object = value.objectValue { return object }
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.hasPrefix("{") { return (try? JSONValue.decode(Data(text.utf8)))?.objectValue }
        var object: [String: JSONValue] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { return nil }
            object[parts[0]] = .string(parts[1])
        }
        return object.isEmpty ? nil : object
    }

    /// The `{name}` placeholders of a prompt template, in order, once each.
    public static func placeholders(_ text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !names.contains(name) { names.append(name) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// A value as the flag would take it: text as is, a whole number without `.0`, a switch as on/off.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): return flag ? "on" : "off"
        case .null: return nil
        default: return value.encodedString()
        }
    }

    /// A value for a line of text (`veo-studio presets`).
    public static func display(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let items = value.arrayValue { return items.compactMap(text).joined(separator: ";") }
        return text(value) ?? ""
    }

    /// A list given as a JSON array, or as text split by `;` (CSV cells).
    static func list(_ value: JSONValue) -> [String] {
        if let items = value.arrayValue { return items.compactMap(text) }
        return (text(value) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
