import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends `WireRequest`s through AsyncHTTPClient and sorts failures into
/// not sent / unknown outcome / HTTP error / malformed.
public struct HTTPTransport: Sendable {
    /// The most a JSON answer may weigh before it is refused.
    public static let maxJSONBytes = 64 * 1024 * 1024
    public var timeout: TimeAmount
    let client: HTTPClient

    /// The studio's one HTTP client: follows redirects, and fails at once when a connection cannot be
    /// opened (the tracker has its own backoff; a submit that never left must be reported as such).
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.timeout = .init(connect: .seconds(15), read: .seconds(120))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(timeout: TimeAmount = .seconds(60), client: HTTPClient = HTTPTransport.sharedClient) {
        self.timeout = timeout
        self.client = client
    }

    /// The same client with a deadline long enough for large videos (the read timeout still catches a stall).
    public func forDownloads() -> HTTPTransport {
        HTTPTransport(timeout: .minutes(30), client: client)
    }

    /// Sends a request and decodes a JSON answer; any status outside 2xx is an error.
    public func sendJSON(_ request: WireRequest, stage: ServerAnswer.Stage) async throws -> JSONValue {
        try await json(from: try await execute(request), stage: stage)
    }

    /// Sends raw bytes as the body (an upload) and decodes a JSON answer.
    public func sendJSON(_ request: WireRequest, rawBody: Data, stage: ServerAnswer.Stage) async throws -> JSONValue {
        try await json(from: try await execute(request, rawBody: rawBody), stage: stage)
    }

    /// Reads a whole (bounded) JSON answer; any status outside 2xx is an error (gateways answer 201 or 202 too).
    public func json(from response: HTTPClientResponse, stage: ServerAnswer.Stage) async throws -> JSONValue {
        guard (200..<300).contains(response.status.code) else { throw await Self.failure(of: response, stage: stage) }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maxJSONBytes)
        } catch {
            throw ProviderFailure.transport("the answer was cut off: \(error)")
        }
        let data = Data(body.readableBytesView)
        do {
            return try JSONValue.decode(data)
        } catch {
            let head = String(decoding: data.prefix(120), as: UTF8.self)
            throw ProviderFailure.malformed("expected JSON, got \(data.count) bytes starting \"\(head)\"")
        }
    }

    /// The error an answer other than 200 stands for (its body read up to 1 MB).
    public static func failure(of response: HTTPClientResponse, stage: ServerAnswer.Stage) async -> ProviderFailure {
        let body = (try? await response.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
        return GoogleErrorDecoder.failure(status: Int(response.status.code), reason: response.status.reasonPhrase,
                                          headers: response.headers, body: body, stage: stage)
    }

    /// Posts an `application/x-www-form-urlencoded` form (an OAuth token exchange) and returns status and body.
    public func postForm(url: String, fields: [(String, String)]) async throws -> (status: Int, body: Data) {
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? text }
        let form = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = .POST
        outgoing.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        outgoing.body = .bytes(ByteBuffer(string: form))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: timeout)
        } catch {
            throw Self.classify(error)
        }
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(body.readableBytesView))
    }

    /// Starts a request and returns the response head (for streaming bodies).
    /// `rawBody` replaces the JSON body with bytes as they are.
    public func execute(_ request: WireRequest, rawBody: Data? = nil) async throws -> HTTPClientResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let rawBody {
            outgoing.body = .bytes(ByteBuffer(bytes: rawBody))
        } else if let body = request.body, !request.payloads.isEmpty {
            outgoing.body = try StreamedRequestBody(encoded: body.encoded(), payloads: request.payloads).httpBody
        } else if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body.encoded()))
        }
        do {
            return try await client.execute(outgoing, timeout: timeout)
        } catch {
            throw Self.classify(error)
        }
    }

    /// A connection that never opened is "not sent"; anything later leaves the outcome unknown.
    static func classify(_ error: Error) -> ProviderFailure {
        if let failure = error as? ProviderFailure { return failure }
        let text = String(describing: error)
        let neverConnected = ["connectTimeout", "Connection refused", "connectFailed", "NIOConnectionError",
                              "dns", "DNS", "unresolved", "Network is unreachable", "invalidURL", "emptyHost"]
        if neverConnected.contains(where: text.contains) {
            return .notSent(text)
        }
        return .transport(text)
    }
}
