import Foundation
import TOMLKit

/// The presets in the config folder, one TOML file each (`presets/<name>.toml`), readable and
/// editable by hand; saved atomically, created 0600 like the config.
public struct PresetStore: Sendable {
    public let directory: URL

    public init(configDirectory: URL) {
        directory = configDirectory.appendingPathComponent("presets")
    }

    /// Every preset, by name, and what could not be read (a file each).
    public func all() -> (presets: [Preset], problems: [String]) {
        var presets: [Preset] = []
        var problems: [String] = []
        for (_, read) in readEach() {
            switch read {
            case .success(let preset): presets.append(preset)
            case .failure(let problem): problems.append(problem.text)
            }
        }
        return (presets, problems)
    }

    /// A preset by name (nil when there is none).
    public func preset(named name: String) throws -> Preset? {
        let url = file(for: name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try read(url)
    }

    /// Every preset as a draft, for batch lines and `--preset` (a preset that cannot be read is left out).
    public func drafts(reader: BatchSpecReader) -> [String: GenerationDraft] {
        checked(reader: reader).drafts
    }

    /// Every preset read as a batch line is: the good ones as drafts, and for each file that cannot be
    /// read or holds a key or value a line would refuse, what is wrong, by the preset's name.
    public func checked(reader: BatchSpecReader) -> (drafts: [String: GenerationDraft], problems: [String: String]) {
        var drafts: [String: GenerationDraft] = [:]
        var problems: [String: String] = [:]
        for (name, read) in readEach() {
            switch read {
            case .failure(let problem):
                problems[name] = problem.text
            case .success(let preset):
                let (draft, _, found) = reader.read(Self.line(of: preset))
                // A template's placeholders are filled where it is used, not in its file.
                if let first = found.first(where: { $0.code != "batch.var_missing" }) {
                    problems[name] = "\(preset.file.path): \(first.field): \(first.message) — \(first.fix)"
                } else {
                    drafts[name] = draft
                }
            }
        }
        return (drafts, problems)
    }

    /// A preset's fields as a draft (its prompt kept as a template, placeholders and all).
    public static func draft(of preset: Preset, reader: BatchSpecReader) -> GenerationDraft {
        reader.read(line(of: preset)).draft
    }

    /// A preset's fields as a batch line (a preset names no other preset and fills no vars).
    private static func line(of preset: Preset) -> BatchLine {
        var values = preset.values
        values["preset"] = nil
        values["vars"] = nil
        return BatchLine(number: 0, values: values)
    }

    /// Why a preset file could not be read, as one line.
    private struct ReadProblem: Error {
        let text: String
    }

    /// Each `.toml` file of the folder, by preset name, read or with what stopped it.
    private func readEach() -> [(name: String, read: Result<Preset, ReadProblem>)] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
        return files.map { file in
            let url = directory.appendingPathComponent(file)
            let name = url.deletingPathExtension().lastPathComponent
            do {
                return (name, .success(try read(url)))
            } catch let error as StudioError {
                return (name, .failure(ReadProblem(text: error.message + " — " + error.fix)))
            } catch {
                return (name, .failure(ReadProblem(text: "\(url.path): \(error)")))
            }
        }
    }

    /// Saves a preset (replacing one of that name); returns its file.
    @discardableResult
    public func save(_ name: String, values: [String: JSONValue]) throws -> URL {
        guard Self.isValidName(name) else {
            throw StudioError(field: "preset", code: "preset.name", message: "\"\(name)\" cannot name a preset",
                              fix: "use letters, digits, - and _ (e.g. vertical-teaser)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let table = TOMLTable()
        for key in values.keys.sorted() {
            if let value = values[key].flatMap(Self.toml) { table[key] = value }
        }
        let url = file(for: name)
        let text = "# Veo Studio preset \"\(name)\": the keys of a batch line; a prompt with {name} placeholders is a template.\n"
            + table.convert(to: .toml) + "\n"
        let temporary = directory.appendingPathComponent(".\(name).toml.part")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw StudioError(field: "preset", code: "preset.unwritable", message: "\(url.path) cannot be written",
                              fix: "check the permissions of \(directory.path)")
        }
        return url
    }

    /// The keys a draft's fields are saved under (what the form shows, as a batch line writes it).
    public static func values(of draft: GenerationDraft, catalog: ParameterCatalog) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        let set = draft.parameterValues
        for parameter in catalog.parameters {
            guard let value = set[parameter.name], parameter.flag != nil else { continue }
            values[parameter.batchKey] = value
        }
        if let labels = set["labels"] { values["labels"] = labels; values["label"] = nil }
        for key in ["provider", "model", "prompt", "image"] { values[key] = set[key] }
        values["last_frame"] = set["lastFrame"]
        if !draft.references.isEmpty {
            values["refs"] = .array(draft.references.map { .string($0.kind == .asset ? $0.path : "\($0.path):\($0.kind.rawValue)") })
        }
        return values
    }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !name.hasPrefix("-")
    }

    private func file(for name: String) -> URL { directory.appendingPathComponent("\(name).toml") }

    private func read(_ url: URL) throws -> Preset {
        let name = url.deletingPathExtension().lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw StudioError(field: "preset", code: "preset.unreadable", message: "\(url.path) cannot be read as UTF-8 text",
                              fix: "check the file, or remove it")
        }
        do {
            let table = try TOMLTable(string: text)
            let json = try JSONValue.decode(Data(table.convert(to: .json).utf8))
            return Preset(name: name, values: json.objectValue ?? [:], file: url)
        } catch let error as TOMLParseError {
            throw StudioError(field: "preset", code: "preset.toml", message: "\(url.path) line \(error.source.begin.line): \(error.description)",
                              fix: "fix the TOML there (strings in quotes, one key = value per line)")
        }
    }

    /// A JSON value as TOML writes it (numbers whole when they are).
    static func toml(_ value: JSONValue) -> (any TOMLValueConvertible)? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? Int(number) : number
        case .array(let items):
            let array = TOMLArray()
            for item in items { if let converted = toml(item) { array.append(converted) } }
            return array
        case .object(let members):
            let table = TOMLTable(inline: true)
            for (key, member) in members { if let converted = toml(member) { table[key] = converted } }
            return table
        case .null: return nil
        }
    }
}
