import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

/// Requests to the gateway profiles: Bearer keys, JSON bodies, and moving the clock through a task.
extension EmulatorClient {
    static let gatewayKey = "gw-secret-key-0123456789"

    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, body: String? = nil,
        authorization: String? = "Bearer \(EmulatorClient.gatewayKey)", contentType: String = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let authorization { headers[.authorization] = authorization }
        let text = json?.serialized() ?? body
        return try await client.execute(uri: uri, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) })
    }

    /// Stores `data` with `PUT /_emulator/uploads/{name}`; returns its URL.
    func upload(_ name: String, _ data: Data) async throws -> String {
        let response = try await client.execute(
            uri: "/_emulator/uploads/\(name)", method: .put, body: ByteBuffer(bytes: data))
        #expect(response.status == .ok)
        return try response.json()["url"]?.stringValue ?? ""
    }

    /// The emulator's view of an operation (gateway names are the task ids); without a name, the
    /// last in the list (use it when there is only one).
    func lastOperation(_ name: String? = nil) async throws -> JSONValue {
        let operations = try await control("operations").json().arrayValue ?? []
        guard let name else { return operations.last ?? .null }
        return operations.first { $0["name"]?.stringValue == name } ?? .null
    }

    /// Moves the clock to `share` of an operation's latency (0.5 = half way; 1 = just past the end).
    func advanceLastOperation(_ name: String? = nil, to share: Double) async throws {
        let operation = try await lastOperation(name)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let created = try #require(formatter.date(from: operation["createdAt"]?.stringValue ?? ""))
        let finish = try #require(formatter.date(from: operation["finishAt"]?.stringValue ?? ""))
        // The control endpoint prints milliseconds: step past the end when asked for the end.
        let extra = share >= 1 ? 0.01 : 0
        clock.set(created.addingTimeInterval(finish.timeIntervalSince(created) * share + extra))
    }

    /// Waits (without sleeping) until the emulator holds `count` operations.
    func waitForOperations(_ count: Int = 1) async throws {
        while (try await control("operations").json().arrayValue?.count ?? 0) < count {
            await Task.yield()
        }
    }
}

enum GatewayFixture {
    static let png = Data(base64Encoded: Fixture.redPNG)!

    /// Whether bytes are an MP4 (an `ftyp` box first).
    static func isMP4(_ data: Data) -> Bool {
        data.count > 8 && data[data.startIndex + 4..<data.startIndex + 8] == Data("ftyp".utf8)
    }

    static func isMP4(_ response: TestResponse) -> Bool {
        isMP4(Data(response.body.readableBytesView))
    }
}

/// `["key": value]` literals for request bodies and expected answers.
extension JSONValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { JSONMember(key: $0.0, value: $0.1) })
    }
}
