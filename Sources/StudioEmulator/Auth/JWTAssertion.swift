import Crypto
import Foundation
import _CryptoExtras

/// A service-account JWT sent to the token endpoint (RFC 7523 JWT bearer grant), parsed and
/// checked as Google's token endpoint does: RS256 signed by a known key, `iss` present,
/// `scope` naming cloud-platform, `aud` the token URL, and a short, current lifetime.
struct JWTAssertion: Sendable {
    /// The decoded header (`alg`, `typ`, `kid`).
    var header: JSONValue
    /// The decoded claims.
    var claims: JSONValue
    /// `base64url(header) + "." + base64url(claims)`, the signed bytes.
    var signingInput: Data
    /// The signature bytes.
    var signature: Data

    /// The scope every assertion must include.
    static let requiredScope = "https://www.googleapis.com/auth/cloud-platform"
    /// Allowed clock difference for `iat`.
    static let clockSkew: TimeInterval = 60
    /// Longest allowed `exp - iat`.
    static let maxLifetime: TimeInterval = 3600

    /// Splits and decodes a compact JWT (unpadded base64url parts, which `RequestParser.decodeBase64`
    /// reads); anything else is `oauth.malformed`.
    init(_ compact: String, rules: ServerRules) throws(OAuthError) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = RequestParser.decodeBase64(String(parts[0])),
            let claimsData = RequestParser.decodeBase64(String(parts[1])),
            let signature = RequestParser.decodeBase64(String(parts[2])),
            let header = try? JSONValue(parsing: headerData), header.isObject,
            let claims = try? JSONValue(parsing: claimsData), claims.isObject
        else {
            throw OAuthError(rule: rules.rule("oauth.malformed"))
        }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// Checks algorithm, signature (against any of `keys`; the engine refuses first when none is
    /// configured) and claims at `now`.
    func verify(keys: [_RSA.Signing.PublicKey], now: Date, rules: ServerRules) throws(OAuthError) {
        let algorithm = header["alg"]?.stringValue ?? "(none)"
        guard algorithm == "RS256" else { throw OAuthError(rule: rules.rule("oauth.algorithm"), ["alg": algorithm]) }
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        guard keys.contains(where: { $0.isValidSignature(rsaSignature, for: signingInput, padding: .insecurePKCS1v1_5) }) else {
            throw OAuthError(rule: rules.rule("oauth.signature"))
        }
        guard let issuer = claims["iss"]?.stringValue, !issuer.isEmpty else {
            throw OAuthError(rule: rules.rule("oauth.issuer"))
        }
        let scopes = (claims["scope"]?.stringValue ?? "").split(separator: " ").map(String.init)
        guard scopes.contains(Self.requiredScope) else {
            throw OAuthError(rule: rules.rule("oauth.scope"), ["scope": Self.requiredScope])
        }
        let audience = claims["aud"]?.stringValue ?? ""
        guard audience.hasSuffix("/token") else {
            throw OAuthError(rule: rules.rule("oauth.audience"), ["aud": audience.isEmpty ? "(none)" : audience])
        }
        let nowSeconds = now.timeIntervalSince1970
        guard let issuedAt = claims["iat"]?.doubleValue, let expiresAt = claims["exp"]?.doubleValue,
            expiresAt > nowSeconds, issuedAt <= nowSeconds + Self.clockSkew,
            expiresAt > issuedAt, expiresAt - issuedAt <= Self.maxLifetime
        else {
            throw OAuthError(rule: rules.rule("oauth.lifetime"))
        }
    }

    /// Encodes bytes as unpadded base64url.
    static func base64URLEncode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
