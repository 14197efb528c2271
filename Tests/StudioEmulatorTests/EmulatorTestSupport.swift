import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import StudioEmulator

/// Shared helpers: fast options, an injected clock, and small request/JSON helpers.
enum Fixture {
    /// A 4x4 red PNG.
    static let redPNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg=="
    /// A 4x4 blue PNG.
    static let bluePNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGOQkzsBRwzEcQCcIxBBYbnFHgAAAABJRU5ErkJggg=="
    static let model = "veo-3.1-generate-preview"
    static let key = "test-key"

    static var logger: Logger {
        var logger = Logger(label: "emulator-tests")
        logger.logLevel = .critical
        return logger
    }

    /// Options for a fast, deterministic emulator that serves the built-in MP4.
    static func options(
        seed: UInt64 = 7, rpm: Int = 1000, render: Bool = false, faults: FaultPlan = .none,
        apiKeys: Set<String>? = nil, stateDirectory: URL? = nil
    ) -> EmulatorOptions {
        var options = EmulatorOptions()
        options.speed = 1000
        options.seed = seed
        options.requestsPerMinute = rpm
        options.renderWithFFmpeg = render
        options.faults = faults
        options.apiKeys = apiKeys
        options.stateDirectory = stateDirectory
        return options
    }

    /// Runs `body` against the shipped router, in memory.
    static func withEmulator<Value: Sendable>(
        _ options: EmulatorOptions = Fixture.options(),
        clock: ManualEmulatorClock = ManualEmulatorClock(),
        mode: TestingSetup = .router,
        _ body: @Sendable @escaping (EmulatorClient) async throws -> Value
    ) async throws -> Value {
        let app = try buildEmulatorApplication(options: options, logger: logger, clock: clock)
        return try await app.test(mode) { client in
            try await body(EmulatorClient(client: client, clock: clock))
        }
    }

    /// `options()` with `change` applied: `Fixture.options { $0.bearerTokens = ["good-token"] }`.
    static func options(_ change: (inout EmulatorOptions) -> Void) -> EmulatorOptions {
        var changed = options()
        change(&changed)
        return changed
    }

    /// A scratch directory removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("veo-emulator-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static var ffmpegAvailable: Bool { ProcessRunner.which("ffmpeg") != nil && ProcessRunner.which("ffprobe") != nil }
}

/// A test client that speaks the Gemini API routes.
struct EmulatorClient: Sendable {
    let client: any TestClientProtocol
    let clock: ManualEmulatorClock

    static func headers(key: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key, let name = HTTPFieldName("x-goog-api-key") { headers[name] = key }
        return headers
    }

    func submit(
        _ body: String, model: String = Fixture.model, version: String = "v1beta", key: String? = Fixture.key
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/\(version)/models/\(model):predictLongRunning", method: .post,
            headers: Self.headers(key: key), body: ByteBuffer(string: body))
    }

    func submit(_ body: JSONValue, model: String = Fixture.model, version: String = "v1beta") async throws -> TestResponse {
        try await submit(body.serialized(), model: model, version: version)
    }

    /// Submits and expects 200; returns the operation name.
    func start(_ body: JSONValue, model: String = Fixture.model) async throws -> String {
        let response = try await submit(body, model: model)
        #expect(response.status == .ok, "submit answered \(response.status): \(String(buffer: response.body))")
        return try response.json()["name"]?.stringValue ?? ""
    }

    func get(_ path: String, key: String? = Fixture.key) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: Self.headers(key: key))
    }

    func poll(_ name: String, version: String = "v1beta") async throws -> JSONValue {
        let response = try await get("/\(version)/\(name)")
        #expect(response.status == .ok, "poll answered \(response.status): \(String(buffer: response.body))")
        return try response.json()
    }

    /// Moves the clock past any latency (at most 360 s / speed) and polls.
    func finish(_ name: String) async throws -> JSONValue {
        clock.advance(by: 1)
        return try await poll(name)
    }

    /// Runs a request to done and returns the final operation JSON.
    func generate(_ body: JSONValue, model: String = Fixture.model) async throws -> JSONValue {
        try await finish(try await start(body, model: model))
    }

    func download(_ uri: String) async throws -> TestResponse {
        let id = SubmissionPlanner.fileID(fromURI: uri) ?? "missing"
        return try await get("/v1beta/files/\(id):download?alt=media")
    }

    func control(_ path: String, method: HTTPRequest.Method = .get, body: String? = nil) async throws -> TestResponse {
        try await client.execute(
            uri: "/_emulator/\(path)", method: method, headers: [.contentType: "application/json"],
            body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    func json() throws -> JSONValue {
        try JSONValue(parsing: body.readableBytesView)
    }

    /// `error.message` of a Google error body.
    var errorMessage: String? {
        (try? json())?["error"]?["message"]?.stringValue
    }

    var errorStatus: String? {
        (try? json())?["error"]?["status"]?.stringValue
    }
}

extension JSONValue {
    /// `response.generateVideoResponse.generatedSamples[].video.uri`.
    var sampleURIs: [String] {
        self["response"]?["generateVideoResponse"]?["generatedSamples"]?.arrayValue?.compactMap {
            $0["video"]?["uri"]?.stringValue
        } ?? []
    }

    var videoResponse: JSONValue? { self["response"]?["generateVideoResponse"] }
}

/// A parameterized test's argument, named in the test report by `name`.
protocol NamedCase: Sendable, CustomTestStringConvertible {
    var name: String { get }
}

extension NamedCase {
    var testDescription: String { name }
}

/// One row of a rules table: a request body for a model and what it must come to.
struct RuleCase: NamedCase {
    enum Expected: Sendable {
        /// 4xx at submit: HTTP code, google.rpc status, exact message.
        case submit(Int, String, String)
        /// Submit accepted, operation ends done with `error`: code, exact message.
        case operation(Int, String)
        /// Submit accepted, operation ends with this many videos.
        case videos(Int)
    }

    let name: String
    /// nil: the profile's usual model.
    let model: String?
    let body: String
    let expected: Expected

    init(_ name: String, model: String? = nil, _ body: String, _ expected: Expected) {
        self.name = name
        self.model = model
        self.body = body
        self.expected = expected
    }

    /// Checks `response`, the answer to this case's submit: the error it expects, or an operation that
    /// `poll` finds running and `finish` finds done with the expected error; `videos` checks a finished
    /// operation against the number of videos expected.
    func check(
        _ response: TestResponse,
        poll: (String) async throws -> JSONValue,
        finish: (String) async throws -> JSONValue,
        videos: (_ done: JSONValue, _ count: Int) -> Void
    ) async throws {
        switch expected {
        case .submit(let code, let status, let message):
            #expect(Int(response.status.code) == code)
            #expect(response.errorStatus == status)
            #expect(response.errorMessage == message)
            #expect(try response.json()["error"]?["code"] == .int(code))
        case .operation(let code, let message):
            #expect(response.status == .ok, "submit must be accepted: \(String(buffer: response.body))")
            let name = try #require(try response.json()["name"]?.stringValue)
            #expect(try await poll(name)["done"] == nil, "the error shows only when the operation finishes")
            let done = try await finish(name)
            #expect(done["done"] == true)
            #expect(done["response"] == nil)
            #expect(done["error"] == .object(["code": .int(code), "message": .string(message)]))
        case .videos(let count):
            #expect(response.status == .ok, "submit must be accepted: \(String(buffer: response.body))")
            let name = try #require(try response.json()["name"]?.stringValue)
            videos(try await finish(name), count)
        }
    }
}

/// A suite of rules tables: its rows are `Case`s, with the image and error helpers below.
protocol RuleTable {}

extension RuleTable {
    typealias Case = RuleCase
    typealias Expected = RuleCase.Expected

    /// A 4x4 red PNG image object as JSON text, for request bodies.
    static var image: String { #"{"bytesBase64Encoded": "\#(Fixture.redPNG)", "mimeType": "image/png"}"# }

    /// 400 `INVALID_ARGUMENT` at submit with exactly `message`.
    static func invalid(_ message: String) -> Expected { .submit(400, "INVALID_ARGUMENT", message) }
}

/// Request bodies used across tests.
enum Body {
    static func text(_ prompt: String = "A cat", parameters: JSONValue? = nil) -> JSONValue {
        var members = [JSONMember(key: "instances", value: [.object(["prompt": .string(prompt)])])]
        if let parameters { members.append(JSONMember(key: "parameters", value: parameters)) }
        return .object(members)
    }

    static func image(_ base64: String = Fixture.redPNG) -> JSONValue {
        .object(["bytesBase64Encoded": .string(base64), "mimeType": "image/png"])
    }

    static func references(_ types: [String], parameters: JSONValue? = nil) -> JSONValue {
        let refs: [JSONValue] = types.map { .object(["image": image(), "referenceType": .string($0)]) }
        var members = [JSONMember(key: "instances", value: [.object(["prompt": "refs", "referenceImages": .array(refs)])])]
        if let parameters { members.append(JSONMember(key: "parameters", value: parameters)) }
        return .object(members)
    }

    static func extend(_ uri: String, prompt: String = "continue", parameters: JSONValue? = nil) -> JSONValue {
        var members = [JSONMember(key: "instances", value: [.object(["prompt": .string(prompt), "video": .object(["uri": .string(uri)])])])]
        if let parameters { members.append(JSONMember(key: "parameters", value: parameters)) }
        return .object(members)
    }
}
