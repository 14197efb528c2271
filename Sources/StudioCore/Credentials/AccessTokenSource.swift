/// Where Vertex AI access tokens come from (a service-account key, gcloud, an environment variable).
/// A source caches its token and renews it before it expires; the token itself is never logged or stored.
public protocol AccessTokenSource: Sendable {
    /// Says where the token comes from, for messages ("service-account key … (GOOGLE_APPLICATION_CREDENTIALS)").
    var origin: String { get }
    /// How to fix a missing or refused credential of this kind.
    var fix: String { get }
    /// A valid access token; `renew` drops the cached one first (after the service refused it).
    func token(renew: Bool) async throws -> String
    /// Where the last token came from and how to fix it, for a refusal (a chain names the member that gave it).
    func lastTokenOrigin() async -> (origin: String, fix: String)
}

extension AccessTokenSource {
    public func lastTokenOrigin() async -> (origin: String, fix: String) { (origin, fix) }
}
