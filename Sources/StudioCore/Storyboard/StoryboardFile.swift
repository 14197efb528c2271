import Foundation
import TOMLKit

/// Reads a storyboard file (TOML): a top-level `title`, `[defaults]` with any spec key, then
/// `[[shot]]` tables with `prompt`, `continue`, optional `refs`, `image`, `takes` and any spec key.
/// What is wrong is named by line, key and fix; a file that is not TOML at all throws.
public enum StoryboardFile {
    /// Keys of a shot (or the defaults) beyond the batch's spec keys.
    static let shotKeys: Set<String> = ["continue", "takes"]
    /// Batch keys a storyboard does not take (`takes` says it per shot).
    static let batchOnlyKeys: Set<String> = ["variants"]
    /// Inputs the defaults give only to shots that start fresh (`cut`, `ingredients`): a chained
    /// shot's first frame or video comes from the shot before.
    static let freshShotInputs: Set<String> = ["image", "last_frame", "refs", "video", "mode"]

    /// Reads the file at `url`; returns its text too (a run is known by it).
    public static func read(_ url: URL, reader: BatchSpecReader) throws -> (document: StoryboardDocument, problems: [BatchProblem], text: String) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StudioError(field: "file", code: "storyboard.unreadable", message: "cannot read \(url.path)",
                              fix: "check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudioError(field: "file", code: "storyboard.not_utf8", message: "\(url.lastPathComponent) is not UTF-8 text",
                              fix: "save it as UTF-8")
        }
        let (document, problems) = try parse(text, fileName: url.lastPathComponent, directory: url.deletingLastPathComponent().path, reader: reader)
        return (document, problems, text)
    }

    /// Reads a storyboard's text.
    public static func parse(_ text: String, fileName: String, directory: String, reader: BatchSpecReader) throws -> (StoryboardDocument, [BatchProblem]) {
        let root: [String: JSONValue]
        do {
            let table = try TOMLTable(string: text)
            root = try JSONValue.decode(Data(table.convert(to: .json).utf8)).objectValue ?? [:]
        } catch let error as TOMLParseError {
            throw StudioError(field: "file", code: "storyboard.toml",
                              message: "\(fileName) line \(error.source.begin.line): \(error.description)",
                              fix: "fix the TOML there (strings in quotes, one key = value per line, [[shot]] before each shot)")
        }
        let lines = TOMLKeyLines(text)
        var problems: [BatchProblem] = []
        let top = TOMLKeyLines.Section(name: "", occurrence: 1)
        let defaultsSection = TOMLKeyLines.Section(name: "defaults", occurrence: 1)
        for key in root.keys.sorted() where !["title", "defaults", "shot"].contains(key) {
            problems.append(BatchProblem(line: lines.line(of: key, in: top), field: key, code: "storyboard.unknown_key",
                                         message: "no such key at the top of a storyboard",
                                         fix: "use title, [defaults] and [[shot]] tables"))
        }
        let known = Set(reader.knownKeys).union(shotKeys).subtracting(batchOnlyKeys)
        let knownKeys = known.sorted()
        let defaults = root["defaults"]?.objectValue ?? [:]
        for key in defaults.keys.sorted() where !known.contains(key) {
            problems.append(BatchProblem(line: lines.line(of: key, in: defaultsSection), field: key, code: "storyboard.unknown_key",
                                         message: "no such key in [defaults]", fix: KeySuggestion.fix(for: key, known: knownKeys)))
        }
        let tables = root["shot"]?.arrayValue ?? []
        if tables.isEmpty {
            problems.append(BatchProblem(line: max(1, lines.line(of: "title", in: top)), field: "shot", code: "storyboard.no_shots",
                                         message: "the storyboard has no shot", fix: "add a [[shot]] table with a prompt"))
        }
        var shots: [StoryboardShot] = []
        for (offset, table) in tables.enumerated() {
            let index = offset + 1
            let section = TOMLKeyLines.Section(name: "shot", occurrence: index)
            let header = lines.shot(index)
            func problem(_ key: String, _ code: String, _ message: String, _ fix: String) {
                problems.append(BatchProblem(line: lines.line(of: key, in: section), field: key, code: code,
                                             message: "shot \(index): \(message)", fix: fix))
            }
            let own = table.objectValue ?? [:]
            for key in own.keys.sorted() where !known.contains(key) {
                problem(key, "storyboard.unknown_key", "no such key", KeySuggestion.fix(for: key, known: knownKeys))
            }
            var continuation = ShotContinuation.cut
            if let value = own["continue"] ?? defaults["continue"] {
                if let parsed = BatchSpecReader.text(value).flatMap(ShotContinuation.init(rawValue:)) {
                    continuation = parsed
                } else {
                    problem("continue", "storyboard.continue", "\"\(BatchSpecReader.text(value) ?? "")\" is not a way to continue",
                            "write extend, last-frame, ingredients or cut")
                }
            }
            if index == 1, continuation.chainsToPrevious {
                problem("continue", "storyboard.continues_from_nothing", "continues (\(continuation.rawValue)) from nothing: it is the first shot",
                        "make the first shot cut or ingredients")
                continuation = .cut
            }
            var takes = 1
            if let value = own["takes"] ?? defaults["takes"] {
                if let count = BatchSpecReader.text(value).flatMap({ Int($0) }), (1...20).contains(count) {
                    takes = count
                } else {
                    problem("takes", "storyboard.takes", "\"\(BatchSpecReader.text(value) ?? "")\" is not a number of takes", "write 1 to 20")
                }
            }
            if continuation == .lastFrame, own["image"] != nil {
                problem("image", "storyboard.image_on_last_frame", "its first frame is the previous shot's last frame",
                        "remove image, or make the shot cut")
            }
            if continuation == .extend {
                for key in ["image", "last_frame", "refs"] where own[key] != nil {
                    problem(key, "storyboard.input_on_extend", "an extension takes the previous shot's video and no \(key)",
                            "remove \(key), or make the shot cut")
                }
            }
            var values: [String: JSONValue] = [:]
            var keyLines: [String: Int] = [:]
            for (key, value) in defaults where !shotKeys.contains(key) && known.contains(key) {
                if continuation.chainsToPrevious, freshShotInputs.contains(key) { continue }
                values[key] = value
                keyLines[key] = lines.line(of: key, in: defaultsSection)
            }
            for (key, value) in own where known.contains(key) {
                keyLines[key] = lines.line(of: key, in: section)
                if !shotKeys.contains(key) { values[key] = value }
            }
            shots.append(StoryboardShot(index: index, line: header, continuation: continuation, takes: takes, values: values, keyLines: keyLines))
        }
        let title = root["title"].flatMap { BatchSpecReader.text($0) } ?? (fileName as NSString).deletingPathExtension
        problems.sort { ($0.line, $0.field) < ($1.line, $1.field) }
        return (StoryboardDocument(title: title, fileName: fileName, directory: directory, shots: shots), problems)
    }
}
