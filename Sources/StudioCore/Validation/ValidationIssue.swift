/// One problem (or warning) the validator found in a draft, named by field and stable code,
/// with a message a person understands and the fix.
public struct ValidationIssue: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable { case error, warning }
    public var field: String
    public var code: String
    public var message: String
    public var fix: String
    public var severity: Severity
    /// The registry rule that raised it, with its source and date, when it came from data.
    public var rule: String?
    public var source: String?
    public var asOf: String?

    public init(field: String, code: String, message: String, fix: String, severity: Severity = .error,
                rule: String? = nil, source: String? = nil, asOf: String? = nil) {
        self.field = field
        self.code = code
        self.message = message
        self.fix = fix
        self.severity = severity
        self.rule = rule
        self.source = source
        self.asOf = asOf
    }

    /// `field: message — fix`, the one-line form used by the CLI.
    public var line: String { "\(field): \(message) — \(fix)" }
}
