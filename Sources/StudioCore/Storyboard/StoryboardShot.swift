/// One shot of a storyboard file: its keys (the batch keys, merged over the file's defaults), how
/// it continues from the shot before, how many takes to make, and the line it starts on.
public struct StoryboardShot: Codable, Sendable, Hashable {
    /// 1-based position in the film.
    public var index: Int
    /// The line of its `[[shot]]` header in the file.
    public var line: Int
    public var continuation: ShotContinuation
    public var takes: Int
    /// The spec keys of the shot, the defaults already under them (`prompt`, `model`, `refs`, …).
    public var values: [String: JSONValue]
    /// The line each key is written on (the shot's own, else the defaults').
    public var keyLines: [String: Int]

    public init(index: Int, line: Int, continuation: ShotContinuation, takes: Int, values: [String: JSONValue],
                keyLines: [String: Int] = [:]) {
        self.index = index
        self.line = line
        self.continuation = continuation
        self.takes = takes
        self.values = values
        self.keyLines = keyLines
    }

    private enum CodingKeys: String, CodingKey { case index, line, continuation, takes, values, keyLines }

    /// Reads a shot kept in the journal (one kept before key lines were recorded has none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decode(Int.self, forKey: .index)
        line = try container.decode(Int.self, forKey: .line)
        continuation = try container.decode(ShotContinuation.self, forKey: .continuation)
        takes = try container.decode(Int.self, forKey: .takes)
        values = try container.decode([String: JSONValue].self, forKey: .values)
        keyLines = try container.decodeIfPresent([String: Int].self, forKey: .keyLines) ?? [:]
    }

    /// The line a key of the shot is written on, else the shot's `[[shot]]` line.
    public func line(of key: String) -> Int { keyLines[key] ?? line }

    /// The prompt, for tables.
    public var prompt: String { values["prompt"].flatMap { BatchSpecReader.text($0) } ?? "" }
}
