import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Vertex AI authentication and the token endpoint")
struct VertexAuthTests {
    static let missing = "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
    static let invalid = "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."

    static func expectUnauthenticated(_ response: TestResponse, _ message: String) throws {
        #expect(response.status == .unauthorized)
        let error = try #require(try response.json()["error"])
        #expect(error["code"] == 401)
        #expect(error["status"] == "UNAUTHENTICATED")
        #expect(error["message"] == .string(message))
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
    }

    @Test("no Authorization header answers 401 on every Vertex and storage route", arguments: ["submit", "fetch", "media", "metadata", "upload"])
    func missingToken(route: String) async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let response: TestResponse
            switch route {
            case "submit": response = try await vertex.submit(VertexBody.instance(["prompt": "p"]).serialized(), token: nil)
            case "fetch": response = try await vertex.fetch(String(VertexClient.resource().dropFirst(9)) + "/operations/x", token: nil)
            case "media": response = try await vertex.object("gs://bucket/a.png", token: nil)
            case "metadata": response = try await vertex.object("gs://bucket/a.png", media: false, token: nil)
            default: response = try await vertex.upload(Data([1, 2, 3]), to: "gs://bucket/a.png", token: nil)
            }
            try Self.expectUnauthenticated(response, Self.missing)
            #expect(try response.json()["error"]?["details"]?.arrayValue?.first?["reason"] == "CREDENTIALS_MISSING")
        }
    }

    @Test("a token outside --bearer-token, or a non-Bearer scheme, answers 401 invalid credentials")
    func unacceptedToken() async throws {
        try await Fixture.withEmulator(Fixture.options { $0.bearerTokens = ["good-token"] }) { emulator in
            let vertex = emulator.vertex
            let body = VertexBody.instance(["prompt": "p"]).serialized()
            try Self.expectUnauthenticated(try await vertex.submit(body, token: "bad-token"), Self.invalid)
            #expect(try await vertex.submit(body, token: "good-token").status == .ok)
            let basic = try await emulator.client.execute(
                uri: VertexClient.resource() + ":predictLongRunning", method: .post,
                headers: [.contentType: "application/json", .authorization: "Basic dXNlcjpwYXNz"], body: ByteBuffer(string: body))
            try Self.expectUnauthenticated(basic, Self.invalid)
        }
    }

    @Test("a service-account JWT signed by the configured key gets a token that works until it expires by the emulator clock")
    func tokenLifecycle() async throws {
        let account = try TestServiceAccount()
        let options = Fixture.options {
            $0.serviceAccountKeys = [account.publicKeyPEM]
            $0.bearerTokens = ["static-token"]
            $0.tokenLifetime = .seconds(600)
        }
        let clock = ManualEmulatorClock()
        try await Fixture.withEmulator(options, clock: clock) { emulator in
            let vertex = emulator.vertex
            let answer = try await vertex.token(assertion: try account.assertion(now: clock.now()))
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            let json = try answer.json()
            #expect(json.keys.sorted() == ["access_token", "expires_in", "token_type"])
            #expect(json["expires_in"] == 600)
            #expect(json["token_type"] == "Bearer")
            let token = try #require(json["access_token"]?.stringValue)
            #expect(token.count > 20 && token != "static-token")

            let body = VertexBody.instance(["prompt": "p"]).serialized()
            #expect(try await vertex.submit(body, token: token).status == .ok, "an issued token is accepted beside --bearer-token")
            clock.advance(by: 599)
            #expect(try await vertex.submit(body, token: token).status == .ok)
            clock.advance(by: 1)
            let expired = try await vertex.submit(body, token: token)
            try Self.expectUnauthenticated(expired, Self.invalid)
            #expect(try expired.json()["error"]?["details"]?.arrayValue?.first?["reason"] == "ACCESS_TOKEN_EXPIRED")
            try Self.expectUnauthenticated(try await vertex.object("gs://bucket/a.png", token: token), Self.invalid)

            let log = try await emulator.control("requests").json().arrayValue ?? []
            #expect(log.first?["path"] == "/token")
            #expect(log.first?["body"] == .null, "the signed assertion is not recorded")
        }
    }

    @Test("an expired issued token is refused even when any token is accepted")
    func expiredIssuedTokenWithoutList() async throws {
        let account = try TestServiceAccount()
        let clock = ManualEmulatorClock()
        try await Fixture.withEmulator(Fixture.options { $0.serviceAccountKeys = [account.publicKeyPEM] }, clock: clock) { emulator in
            let vertex = emulator.vertex
            let token = try #require(try await vertex.token(assertion: try account.assertion(now: clock.now())).json()["access_token"]?.stringValue)
            let body = VertexBody.instance(["prompt": "p"]).serialized()
            #expect(try await vertex.submit(body, token: "anything").status == .ok)
            clock.advance(by: 3600)
            try Self.expectUnauthenticated(try await vertex.submit(body, token: token), Self.invalid)
            #expect(try await vertex.submit(body, token: "anything").status == .ok)
        }
    }

    enum Refusal: String, CaseIterable, Sendable {
        case wrongKey, expired, wrongScope, noScope, longLived, futureIssue, badAudience, noIssuer, algorithm, malformed, grantType, noAssertion
    }

    @Test("bad assertions are refused with 400 and the OAuth error body", arguments: Refusal.allCases)
    func refusals(_ refusal: Refusal) async throws {
        let account = try TestServiceAccount()
        let clock = ManualEmulatorClock()
        try await Fixture.withEmulator(Fixture.options { $0.serviceAccountKeys = [account.publicKeyPEM] }, clock: clock) { emulator in
            let now = clock.now()
            let lifetime = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
            let scope = "Invalid OAuth scope or ID token audience provided: the scope claim must include https://www.googleapis.com/auth/cloud-platform."
            var (grantType, error) = (VertexClient.jwtBearerGrant, "invalid_grant")
            let (assertion, description): (String, String)
            switch refusal {
            case .wrongKey: (assertion, description) = (try TestServiceAccount().assertion(now: now), "Invalid JWT Signature.")
            case .expired: (assertion, description) = (try account.assertion(now: now.addingTimeInterval(-7200)), lifetime)
            case .wrongScope:
                (assertion, description) = (try account.assertion(now: now, claims: ["scope": "https://www.googleapis.com/auth/devstorage.read_only"]), scope)
            case .noScope: (assertion, description) = (try account.assertion(now: now, claims: ["scope": .null]), scope)
            case .longLived: (assertion, description) = (try account.assertion(now: now, lifetime: 7200), lifetime)
            case .futureIssue: (assertion, description) = (try account.assertion(now: now.addingTimeInterval(120)), lifetime)
            case .badAudience:
                assertion = try account.assertion(now: now, claims: ["aud": "https://example.com/other"])
                description = "Invalid JWT: Failed audience check. The aud claim must be the token endpoint URL (ending in /token), got https://example.com/other."
            case .noIssuer:
                assertion = try account.assertion(now: now, claims: ["iss": .null])
                description = "Invalid JWT: the iss claim (the service account's e-mail) is missing."
            case .algorithm:
                assertion = try account.assertion(now: now, header: ["alg": "HS256"])
                description = "Invalid JWT: the header must name alg RS256, got HS256."
            case .malformed:
                assertion = "not.a-jwt"
                description = "Invalid JWT: the assertion must be three base64url parts (header, claims, signature) with JSON header and claims."
            case .grantType:
                (assertion, description) = (try account.assertion(now: now), "Invalid grant_type: client_credentials")
                (grantType, error) = ("client_credentials", "unsupported_grant_type")
            case .noAssertion:
                (assertion, description) = ("", "Missing required parameter: assertion")
                error = "invalid_request"
            }
            let response = try await emulator.vertex.token(assertion: assertion, grantType: grantType)
            #expect(response.status == .badRequest)
            #expect(try response.json() == .object(["error": .string(error), "error_description": .string(description)]))
        }
    }

    @Test("without a configured key every assertion is refused, naming the missing key")
    func noKeyConfigured() async throws {
        let account = try TestServiceAccount()
        let clock = ManualEmulatorClock()
        try await Fixture.withEmulator(Fixture.options(), clock: clock) { emulator in
            let response = try await emulator.vertex.token(assertion: try account.assertion(now: clock.now()))
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json["error"] == "invalid_grant")
            #expect(json["error_description"]?.stringValue?.contains("no service-account key is configured") == true)
        }
    }

    @Test("keys load from a PEM public key, a PEM private key or a service-account JSON file; junk is refused")
    func keyFiles() throws {
        let account = try TestServiceAccount()
        let fromPublic = try ServiceAccountKey.publicKeyPEM(fromFileContents: account.publicKeyPEM, source: "pub.pem")
        #expect(fromPublic == account.publicKeyPEM)
        let privatePEM = account.key.pemRepresentation
        #expect(try ServiceAccountKey.publicKeyPEM(fromFileContents: privatePEM, source: "key.pem") == account.publicKeyPEM)
        let pkcs8 = account.key.pkcs8PEMRepresentation
        let json = JSONValue.object([
            "type": "service_account", "project_id": "my-project", "private_key_id": "abc",
            "private_key": .string(pkcs8), "client_email": "studio@my-project.iam.gserviceaccount.com",
            "token_uri": "http://127.0.0.1:8765/token",
        ]).serialized()
        #expect(try ServiceAccountKey.publicKeyPEM(fromFileContents: json, source: "sa.json") == account.publicKeyPEM)
        #expect(throws: EmulatorSetupError.self) { try ServiceAccountKey.publicKeyPEM(fromFileContents: "hello", source: "junk") }
        #expect(throws: EmulatorSetupError.self) { try ServiceAccountKey.publicKeyPEM(fromFileContents: #"{"type":"x"}"#, source: "x.json") }
        var options = Fixture.options()
        options.serviceAccountKeys = ["-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"]
        #expect(throws: EmulatorSetupError.self) { _ = try buildEmulatorApplication(options: options, logger: Fixture.logger) }
    }
}
