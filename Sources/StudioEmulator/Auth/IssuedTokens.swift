import Foundation

/// Access tokens the token endpoint issued, with their expiry (by the emulator clock). Kept
/// after they expire so an expired token is refused even when any other token is accepted.
/// Lives inside the `EmulatorEngine` actor.
struct IssuedTokens: Sendable {
    private(set) var expiries: [String: Date] = [:]

    /// Restores persisted tokens.
    init(_ tokens: [IssuedToken] = []) {
        for token in tokens { expiries[token.token] = token.expiresAt }
    }

    /// Records a new token.
    mutating func add(_ token: String, expiresAt: Date) {
        expiries[token] = expiresAt
    }

    /// When `token` expires, if this emulator issued it.
    func expiry(of token: String) -> Date? { expiries[token] }

    /// Every token, for persistence.
    var all: [IssuedToken] {
        expiries.map { IssuedToken(token: $0.key, expiresAt: $0.value) }.sorted { ($0.expiresAt, $0.token) < ($1.expiresAt, $1.token) }
    }

    /// A fresh opaque token: `ya29.` and 48 random base64url characters.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<36).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "ya29." + JWTAssertion.base64URLEncode(Data(bytes))
    }
}

/// One issued token, as persisted.
struct IssuedToken: Sendable, Codable, Equatable {
    var token: String
    var expiresAt: Date
}
