import Foundation

/// Access tokens for a service account: signs a JWT with the key file's private key, exchanges it at
/// the file's `token_uri`, caches the token and renews it `renewBefore` seconds before it expires.
public actor ServiceAccountTokenSource: AccessTokenSource {
    public nonisolated let origin: String
    public nonisolated let fix: String
    private let key: ServiceAccountKey
    private let transport: HTTPTransport
    private let clock: any StudioClock
    private let renewBefore: TimeInterval
    private var cached: (token: String, expiresAt: Date)?
    /// Token exchanges made so far (tests check caching and renewal with it).
    public private(set) var exchanges = 0

    public init(key: ServiceAccountKey, path: String, transport: HTTPTransport = HTTPTransport(),
                clock: any StudioClock = SystemClock(), renewBefore: TimeInterval = 300) {
        self.key = key
        self.origin = "the service-account key \(path) (GOOGLE_APPLICATION_CREDENTIALS, \(key.clientEmail))"
        self.fix = "check that the key is still active (gcloud iam service-accounts keys list --iam-account=\(key.clientEmail)) and that the account has the Vertex AI User role"
        self.transport = transport
        self.clock = clock
        self.renewBefore = renewBefore
    }

    public func token(renew: Bool) async throws -> String {
        let now = clock.now()
        if !renew, let cached, cached.expiresAt.timeIntervalSince(now) > renewBefore { return cached.token }
        let assertion = try JSONWebToken.assertion(for: key, issuedAt: now)
        let answer: (status: Int, body: Data)
        do {
            answer = try await transport.postForm(url: key.tokenURI, fields: [
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)])
        } catch {
            throw StudioError(field: "credentials", code: "credentials.unreachable",
                              message: "could not reach the token endpoint \(key.tokenURI) for \(origin): \(error)",
                              fix: "check the network, then try again")
        }
        exchanges += 1
        let json = try? JSONValue.decode(answer.body)
        guard answer.status == 200, let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            let reason = [json?["error"]?.stringValue, json?["error_description"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            throw StudioError(field: "credentials", code: "credentials.rejected",
                              message: "\(key.tokenURI) refused \(origin) (HTTP \(answer.status)\(reason.isEmpty ? "" : ", \(reason)"))",
                              fix: fix)
        }
        let lifetime = json?["expires_in"]?.doubleValue ?? 3600
        cached = (token, now.addingTimeInterval(lifetime))
        return token
    }
}
