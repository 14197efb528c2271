import _CryptoExtras
import Foundation
import Testing
@testable import StudioCore

/// Vertex AI credentials: the signed assertion, the order of sources, and messages that name the
/// source and the fix without ever showing a secret.
struct CredentialsTests {
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)")
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }

    @Test func theAssertionIsAnRS256JWTTheKeysPublicHalfVerifies() throws {
        let account = try TestServiceAccount()
        let key = try JSONDecoder().decode(ServiceAccountKey.self, from: account.keyFile(tokenURI: "https://oauth2.example/token"))
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let jwt = try JSONWebToken.assertion(for: key, issuedAt: issued)
        let parts = jwt.split(separator: ".")
        #expect(parts.count == 3 && !jwt.contains("="))
        let header = try JSONValue.decode(try #require(Self.base64URLDecode(parts[0])))
        let claims = try JSONValue.decode(try #require(Self.base64URLDecode(parts[1])))
        #expect(header["alg"] == "RS256" && header["kid"] == "k1")
        #expect(claims["iss"] == .string(account.email) && claims["aud"] == "https://oauth2.example/token")
        #expect(claims["scope"] == .string(JSONWebToken.cloudPlatformScope))
        #expect(claims["iat"]?.intValue == 1_800_000_000 && claims["exp"]?.intValue == 1_800_003_600)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Self.base64URLDecode(parts[2])))
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        #expect(account.privateKey.publicKey.isValidSignature(signature, for: signed, padding: .insecurePKCS1v1_5))
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        #expect(!other.publicKey.isValidSignature(signature, for: signed, padding: .insecurePKCS1v1_5))
    }

    @Test func nothingConfiguredNamesEverySourceAndTheFix() {
        let error = #expect(throws: StudioError.self) {
            _ = try VertexCredentials.resolve(environment: ["PATH": "/nonexistent"])
        }
        #expect(error?.code == "credentials.missing")
        for name in ["GOOGLE_APPLICATION_CREDENTIALS", "gcloud", "GOOGLE_OAUTH_ACCESS_TOKEN"] {
            #expect(error?.message.contains(name) == true)
            #expect(error?.fix.contains(name) == true)
        }
    }

    @Test func aBrokenKeyFileIsNamedNotShown() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = #expect(throws: StudioError.self) {
            _ = try VertexCredentials.resolve(environment: ["GOOGLE_APPLICATION_CREDENTIALS": folder.appendingPathComponent("none.json").path])
        }
        #expect(missing?.message.contains("none.json") == true && missing?.code == "credentials.unreadable")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let user = folder.appendingPathComponent("adc.json")
        try Data(#"{"type": "authorized_user", "client_email": "x", "private_key": "SECRET-MATERIAL"}"#.utf8).write(to: user)
        let wrongType = #expect(throws: StudioError.self) {
            _ = try VertexCredentials.resolve(environment: ["GOOGLE_APPLICATION_CREDENTIALS": user.path])
        }
        #expect(wrongType?.message.contains("authorized_user") == true)
        #expect(wrongType?.description.contains("SECRET-MATERIAL") == false)
    }

    /// A fake gcloud that prints a token, or fails like a logged-out gcloud.
    static func fakeGcloud(in folder: URL, succeed: Bool) throws -> [String: String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("gcloud")
        let body = succeed
            ? "#!/bin/sh\necho $$ >> \"\(folder.path)/calls\"\necho ya29.from-gcloud\n"
            : "#!/bin/sh\necho 'ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected.' >&2\nexit 1\n"
        try Data(body.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return ["PATH": folder.path]
    }

    @Test func gcloudTokensAreCachedAndRenewedOnRequest() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let environment = try Self.fakeGcloud(in: folder, succeed: true)
        let source = GcloudTokenSource(executable: try #require(ExecutableSearch.find("gcloud", environment: environment)), clock: clock)
        #expect(try await source.token(renew: false) == "ya29.from-gcloud")
        #expect(try await source.token(renew: false) == "ya29.from-gcloud")
        func calls() -> Int { (try? String(contentsOfFile: folder.appendingPathComponent("calls").path, encoding: .utf8))?.split(separator: "\n").count ?? 0 }
        #expect(calls() == 1)
        _ = try await source.token(renew: true)
        #expect(calls() == 2)
        await clock.advance(by: 601)
        _ = try await source.token(renew: false)
        #expect(calls() == 3)
    }

    @Test func aLoggedOutGcloudFallsBackToTheEnvironmentTokenAndSaysWhatItTried() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = try Self.fakeGcloud(in: folder, succeed: false)
        let alone = try VertexCredentials.resolve(environment: environment).source
        let error = await #expect(throws: StudioError.self) { _ = try await alone.token(renew: false) }
        #expect(error?.message.contains("do not currently have an active account") == true)
        #expect(error?.fix.contains("gcloud auth login") == true)
        environment["GOOGLE_OAUTH_ACCESS_TOKEN"] = "ya29.from-env"
        let chained = try VertexCredentials.resolve(environment: environment).source
        #expect(try await chained.token(renew: false) == "ya29.from-env")
        #expect(chained.origin.contains("gcloud") && chained.origin.contains("GOOGLE_OAUTH_ACCESS_TOKEN"))
        #expect(await chained.lastTokenOrigin().origin == "GOOGLE_OAUTH_ACCESS_TOKEN", "a refusal names the source that gave the token")
    }

    @Test func settingsComeFromFlagsThenEnvironmentThenConfigThenKey() throws {
        var config = StudioConfig.ProviderSettings()
        config.project = "from-config"
        config.location = "europe-west4"
        config.quotaProject = "billing"
        let fromConfig = try VertexSettings.resolve(project: nil, location: nil, baseURL: nil, environment: [:], config: config, key: nil)
        #expect(fromConfig.project == "from-config" && fromConfig.location == "europe-west4" && fromConfig.quotaProject == "billing")
        #expect(fromConfig.endpoint.baseURL == "https://europe-west4-aiplatform.googleapis.com")
        let fromEnvironment = try VertexSettings.resolve(project: nil, location: nil, baseURL: nil,
                                                         environment: ["GOOGLE_CLOUD_PROJECT": "env-p", "GOOGLE_CLOUD_LOCATION": "global"],
                                                         config: config, key: nil)
        #expect(fromEnvironment.project == "env-p" && fromEnvironment.endpoint.baseURL == "https://aiplatform.googleapis.com")
        let fromFlags = try VertexSettings.resolve(project: "flag-p", location: "us-east4", baseURL: nil,
                                                   environment: ["GOOGLE_CLOUD_PROJECT": "env-p"], config: config, key: nil)
        #expect(fromFlags.project == "flag-p" && fromFlags.location == "us-east4")
        let missing = #expect(throws: StudioError.self) {
            _ = try VertexSettings.resolve(project: nil, location: nil, baseURL: nil, environment: [:], config: .init(), key: nil)
        }
        #expect(missing?.field == "project" && missing?.fix.contains("--project") == true)
        #expect(throws: StudioError.self) {
            _ = try VertexSettings.resolve(project: "p", location: "us central", baseURL: nil, environment: [:], config: .init(), key: nil)
        }
    }
}
