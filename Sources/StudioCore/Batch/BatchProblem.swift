/// What is wrong with a line of a batch: where (line, field), why, and how to fix it.
public struct BatchProblem: Sendable, Hashable {
    public var line: Int
    public var field: String
    public var code: String
    public var message: String
    public var fix: String

    public init(line: Int, field: String, code: String, message: String, fix: String) {
        self.line = line
        self.field = field
        self.code = code
        self.message = message
        self.fix = fix
    }

    /// `line 3, duration: "eight" is not a whole number — write seconds as a number [batch.value]`.
    public var text: String { "line \(line), \(field): \(message) — \(fix) [\(code)]" }
}
