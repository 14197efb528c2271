import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import _CryptoExtras

@testable import StudioEmulator

/// A test client that speaks the Vertex AI routes, the Cloud Storage subset and the token endpoint.
struct VertexClient: Sendable {
    let client: any TestClientProtocol
    let clock: ManualEmulatorClock

    static let project = "my-project"
    static let location = "us-central1"
    static let model = "veo-3.1-generate-001"
    static let token = "test-token"
    /// The `grant_type` of a service-account token request.
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    static func headers(token: String?, extra: [String: String] = [:]) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        for (name, value) in extra {
            if let field = HTTPFieldName(name) { headers[field] = value }
        }
        return headers
    }

    static func resource(model: String = VertexClient.model, version: String = "v1beta1") -> String {
        "/\(version)/projects/\(project)/locations/\(location)/publishers/google/models/\(model)"
    }

    func submit(
        _ body: String, model: String = VertexClient.model, version: String = "v1beta1", token: String? = VertexClient.token,
        extra: [String: String] = [:]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: Self.resource(model: model, version: version) + ":predictLongRunning", method: .post,
            headers: Self.headers(token: token, extra: extra), body: ByteBuffer(string: body))
    }

    func submit(_ body: JSONValue, model: String = VertexClient.model, version: String = "v1beta1") async throws -> TestResponse {
        try await submit(body.serialized(), model: model, version: version)
    }

    /// Submits and expects 200; returns the operation name.
    func start(_ body: JSONValue, model: String = VertexClient.model, version: String = "v1beta1") async throws -> String {
        let response = try await submit(body, model: model, version: version)
        #expect(response.status == .ok, "submit answered \(response.status): \(String(buffer: response.body))")
        return try response.json()["name"]?.stringValue ?? ""
    }

    /// `:fetchPredictOperation` for `name` on the resource the name belongs to.
    func fetch(
        _ name: String, version: String = "v1beta1", token: String? = VertexClient.token, extra: [String: String] = [:]
    ) async throws -> TestResponse {
        let resource = name.components(separatedBy: "/operations/").first ?? name
        return try await client.execute(
            uri: "/\(version)/\(resource):fetchPredictOperation", method: .post, headers: Self.headers(token: token, extra: extra),
            body: ByteBuffer(string: JSONValue.object(["operationName": .string(name)]).serialized()))
    }

    func poll(_ name: String, version: String = "v1beta1") async throws -> JSONValue {
        let response = try await fetch(name, version: version)
        #expect(response.status == .ok, "fetchPredictOperation answered \(response.status): \(String(buffer: response.body))")
        return try response.json()
    }

    /// Moves the clock past any latency (at most 360 s / speed) and polls.
    func finish(_ name: String, version: String = "v1beta1") async throws -> JSONValue {
        clock.advance(by: 1)
        return try await poll(name, version: version)
    }

    /// Runs a request to done and returns the final operation JSON.
    func generate(_ body: JSONValue, model: String = VertexClient.model, version: String = "v1beta1") async throws -> JSONValue {
        try await finish(try await start(body, model: model, version: version), version: version)
    }

    /// `POST /upload/storage/v1/b/{bucket}/o?uploadType=media&name=…`.
    func upload(
        _ data: Data, to uri: String, contentType: String = "image/png", token: String? = VertexClient.token
    ) async throws -> TestResponse {
        let location = try #require(GCSLocation(uri: uri))
        let name = location.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? location.name
        var headers = Self.headers(token: token)
        headers[.contentType] = contentType
        return try await client.execute(
            uri: "/upload/storage/v1/b/\(location.bucket)/o?uploadType=media&name=\(name)", method: .post,
            headers: headers, body: ByteBuffer(bytes: data))
    }

    /// Uploads and expects 200.
    func put(_ data: Data, at uri: String, contentType: String = "image/png") async throws {
        let response = try await upload(data, to: uri, contentType: contentType)
        #expect(response.status == .ok, "upload answered \(response.status): \(String(buffer: response.body))")
    }

    /// `GET /storage/v1/b/{bucket}/o/{percent-encoded name}` with or without `alt=media`.
    func object(_ uri: String, media: Bool = true, token: String? = VertexClient.token) async throws -> TestResponse {
        let location = try #require(GCSLocation(uri: uri))
        let name = location.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? location.name
        return try await client.execute(
            uri: "/storage/v1/b/\(location.bucket)/o/\(name)" + (media ? "?alt=media" : ""), method: .get,
            headers: Self.headers(token: token))
    }

    /// `POST /token` with a form body.
    func token(assertion: String, grantType: String = VertexClient.jwtBearerGrant) async throws -> TestResponse {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let form = "grant_type=\(grantType.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")&assertion=\(assertion)"
        return try await client.execute(
            uri: "/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form))
    }
}

extension EmulatorClient {
    /// The same emulator through its Vertex routes.
    var vertex: VertexClient { VertexClient(client: client, clock: clock) }
}

extension JSONValue {
    /// `response.videos` of a finished Vertex operation.
    var vertexVideos: [JSONValue] { self["response"]?["videos"]?.arrayValue ?? [] }

    /// The decoded `bytesBase64Encoded` of each inline video.
    var inlineVideos: [Data] {
        vertexVideos.compactMap { $0["bytesBase64Encoded"]?.stringValue.flatMap { Data(base64Encoded: $0) } }
    }

    /// The `gcsUri` of each stored video.
    var storedVideos: [String] { vertexVideos.compactMap { $0["gcsUri"]?.stringValue } }
}

extension Data {
    /// Whether the bytes start like an MP4 (`ftyp` box).
    var isMP4: Bool { count > 8 && Array(self[startIndex + 4..<startIndex + 8]) == Array("ftyp".utf8) }
}

/// Vertex request bodies.
enum VertexBody {
    static func instance(_ fields: KeyValuePairs<String, JSONValue>, parameters: JSONValue? = nil) -> JSONValue {
        var members = [JSONMember(key: "instances", value: [.object(fields)])]
        if let parameters { members.append(JSONMember(key: "parameters", value: parameters)) }
        return .object(members)
    }

    static func gcsImage(_ uri: String) -> JSONValue {
        .object(["gcsUri": .string(uri), "mimeType": "image/png"])
    }

    static func video(gcs uri: String) -> JSONValue {
        .object(["gcsUri": .string(uri), "mimeType": "video/mp4"])
    }

    static func video(bytes: Data) -> JSONValue {
        .object(["bytesBase64Encoded": .string(bytes.base64EncodedString()), "mimeType": "video/mp4"])
    }
}

/// Service-account JWTs for the token endpoint tests.
struct TestServiceAccount: Sendable {
    let key: _RSA.Signing.PrivateKey

    init() throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    var publicKeyPEM: String { key.publicKey.pemRepresentation }

    /// A signed compact JWT; `claims` and `header` replace the defaults given.
    func assertion(
        now: Date, lifetime: TimeInterval = 3600, claims: [String: JSONValue] = [:], header: [String: JSONValue] = [:]
    ) throws -> String {
        var claimValues: [String: JSONValue] = [
            "iss": "studio@my-project.iam.gserviceaccount.com",
            "scope": "https://www.googleapis.com/auth/cloud-platform",
            "aud": "https://oauth2.googleapis.com/token",
            "iat": .int(Int(now.timeIntervalSince1970)),
            "exp": .int(Int(now.timeIntervalSince1970 + lifetime)),
        ]
        claimValues.merge(claims) { $1 }
        var headerValues: [String: JSONValue] = ["alg": "RS256", "typ": "JWT", "kid": "test-key-1"]
        headerValues.merge(header) { $1 }
        func encode(_ values: [String: JSONValue]) -> String {
            let object = JSONValue.object(values.filter { $0.value != .null }.map { JSONMember(key: $0.key, value: $0.value) })
            return JWTAssertion.base64URLEncode(object.serializedData())
        }
        let signingInput = encode(headerValues) + "." + encode(claimValues)
        let signature = try key.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + JWTAssertion.base64URLEncode(signature.rawRepresentation)
    }
}
