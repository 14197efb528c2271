import Foundation
import Hummingbird

/// `POST /token`: Google's OAuth 2 token endpoint for service accounts (JWT bearer grant,
/// RFC 7523), as `https://oauth2.googleapis.com/token` answers it. Form body
/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`; answers
/// `{"access_token","expires_in","token_type":"Bearer"}` or 400 `{"error","error_description"}`.
struct TokenRoutes: Sendable {
    let engine: EmulatorEngine

    func register(on router: Router<BasicRequestContext>) {
        let engine = self.engine
        router.post("token") { request, _ in
            let body = try await RouteSupport.body(of: request)
            let form = Self.formFields(String(decoding: body, as: UTF8.self))
            do {
                let issued = try await engine.issueToken(grantType: form["grant_type"], assertion: form["assertion"])
                return Reply.ok(.object([
                    "access_token": .string(issued.token),
                    "expires_in": .int(issued.expiresIn),
                    "token_type": "Bearer",
                ])).response()
            } catch let error as OAuthError {
                return Reply.json(status: error.httpStatus, body: error.body, headers: []).response()
            }
        }
    }

    /// Decodes `application/x-www-form-urlencoded` text (`+` is a space); the first value of a name wins.
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
