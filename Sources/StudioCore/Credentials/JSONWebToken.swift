import _CryptoExtras
import Foundation

/// The signed assertion a service account trades for an access token (RFC 7523): an RS256 JWT
/// with `iss` = the account, `scope`, `aud` = the token endpoint, and one hour of validity.
public enum JSONWebToken {
    /// The scope Vertex AI and Cloud Storage accept.
    public static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

    /// `header.claims.signature`, each base64url without padding.
    public static func assertion(for key: ServiceAccountKey, issuedAt: Date, lifetime: TimeInterval = 3600) throws -> String {
        var header: [String: JSONValue] = ["alg": .string("RS256"), "typ": .string("JWT")]
        if let id = key.privateKeyID { header["kid"] = .string(id) }
        let issued = Double(Int(issuedAt.timeIntervalSince1970))
        let claims: JSONValue = .object(["iss": .string(key.clientEmail), "scope": .string(cloudPlatformScope),
                                         "aud": .string(key.tokenURI), "iat": .number(issued),
                                         "exp": .number(issued + lifetime)])
        let signingInput = base64URL(JSONValue.object(header).encoded()) + "." + base64URL(claims.encoded())
        let privateKey: _RSA.Signing.PrivateKey
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: key.privateKey)
        } catch {
            throw StudioError(field: "credentials", code: "credentials.invalid",
                              message: "the private_key of the service-account key for \(key.clientEmail) is not an RSA key in PEM form",
                              fix: "download a new JSON key for the service account")
        }
        let signature = try privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }

    /// Base64url without padding (RFC 7515 §2).
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
