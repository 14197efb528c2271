/// An error a person can act on: which field, a stable code, what happened and how to fix it.
public struct StudioError: Error, CustomStringConvertible, Sendable, Equatable, Codable {
    public var field: String
    public var code: String
    public var message: String
    public var fix: String

    public init(field: String, code: String, message: String, fix: String) {
        self.field = field
        self.code = code
        self.message = message
        self.fix = fix
    }

    public var description: String {
        fix.isEmpty ? "\(field): \(message)" : "\(field): \(message) — \(fix)"
    }
}
