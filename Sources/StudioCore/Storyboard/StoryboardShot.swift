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

    public init(index: Int, line: Int, continuation: ShotContinuation, takes: Int, values: [String: JSONValue]) {
        self.index = index
        self.line = line
        self.continuation = continuation
        self.takes = takes
        self.values = values
    }

    /// The prompt, for tables.
    public var prompt: String { values["prompt"].flatMap { BatchSpecReader.text($0) } ?? "" }
}
