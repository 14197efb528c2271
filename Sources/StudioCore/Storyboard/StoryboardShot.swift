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

    /// The line a key of the shot is written on, else the shot's `[[shot]]` line.
    public func line(of key: String) -> Int { keyLines[key] ?? line }

    /// The prompt, for tables.
    public var prompt: String { values["prompt"].flatMap { BatchSpecReader.text($0) } ?? "" }
}
