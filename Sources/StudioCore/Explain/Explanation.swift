/// What a server answer means for this request: a stable code, the cause and the fix,
/// plus the likely causes when the server does not say which part it refused.
public struct Explanation: Codable, Sendable, Hashable {
    public var code: String
    public var cause: String
    public var fix: String
    public var likelyCauses: [String]
    public var retryable: Bool
    public var source: String?

    /// `cause — fix`, with the likely causes after it.
    public var text: String {
        var line = "\(cause) — \(fix)"
        if !likelyCauses.isEmpty { line += ". Likely here: " + likelyCauses.joined(separator: "; ") }
        return line
    }
}

/// One safety-filter reason with the category its support codes name.
public struct SafetyFinding: Codable, Sendable, Hashable {
    public var reason: String
    public var supportCodes: [String]
    public var category: String
    public var advice: String
}
