import Foundation
import Hummingbird

/// The OpenAI-style relay (seeds/001; unspecified parts follow new-api, the open-source relay
/// serving this protocol). Every route needs `Authorization: Bearer KEY`; errors use the
/// `{"error":{"message","type","param","code"}}` envelope.
/// - `POST /v1/video/generations`, `GET /v1/video/generations/{task_id}` (new-api's task envelope)
/// - `POST /v1/videos` (JSON or multipart), `GET /v1/videos/{id}`, `GET /v1/videos/{id}/content[?variant=video]`
///   (OpenAI's Videos API, as the `openai` package calls it)
struct OpenAIRelayRoutes: ProfileRoutes {
    let engine: EmulatorEngine
    static let profile = EmulatorProfile.openAIRelay
    static let envelope = GatewayEnvelope.openAI(.openAIRelay)

    func register(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine, answer: { Self.envelope.reply($0) })
        let engine = self.engine
        router.post("v1/video/generations") { request, _ in
            try await gate.serve(.submit) {
                let key = try Self.authenticate(request, engine: engine)
                let body = try await RouteSupport.body(of: request)
                let parsed = try OpenAIRelayRequest.generations(body, rules: engine.rules)
                let record = try await Self.submit(parsed, key: key, engine: engine)
                return .ok(OpenAIRelayWire.submitted(record))
            }
        }
        router.get("v1/video/generations/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await gate.serve(.poll) {
                _ = try Self.authenticate(request, engine: engine)
                guard let (snapshot, files) = await engine.gatewayTask(profile: Self.profile, id: id) else {
                    return .json(status: 404, body: OpenAIRelayWire.taskNotExist, headers: [])
                }
                let outcome = OpenAIRelayWire.outcome(snapshot, files: files, now: engine.clock.now())
                var inline: Data?
                if case .succeeded(let files) = outcome, GatewayMarkers(prompt: snapshot.record.prompt).inline, let first = files.first {
                    inline = await engine.videoData(first)
                }
                let base = GatewaySupport.baseURL(request, engine: engine)
                return .ok(OpenAIRelayWire.task(snapshot.record, outcome: outcome, base: base, inlineVideo: inline))
            }
        }
        router.post("v1/videos") { request, _ in
            try await gate.serve(.submit) {
                let key = try Self.authenticate(request, engine: engine)
                let body = try await RouteSupport.body(of: request)
                let parsed = try Self.videosRequest(request, body: body, rules: engine.rules)
                let record = try await Self.submit(parsed, key: key, engine: engine)
                let outcome = OpenAIRelayWire.Outcome.running(GatewayProgress(phase: .queued, percent: 0))
                return .ok(OpenAIRelayWire.video(record, outcome: outcome, size: OpenAIRelayWire.size(record, rules: engine.rules)))
            }
        }
        router.get("v1/videos/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await gate.serve(.poll) {
                _ = try Self.authenticate(request, engine: engine)
                guard let (snapshot, files) = await engine.gatewayTask(profile: Self.profile, id: id) else {
                    throw GoogleAPIError(rule: engine.rules.rule("openai-relay.task.not_found"))
                }
                let outcome = OpenAIRelayWire.outcome(snapshot, files: files, now: engine.clock.now())
                return .ok(OpenAIRelayWire.video(
                    snapshot.record, outcome: outcome, size: OpenAIRelayWire.size(snapshot.record, rules: engine.rules)))
            }
        }
        router.get("v1/videos/{id}/content") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await gate.serve(.download) {
                _ = try Self.authenticate(request, engine: engine)
                let variant = request.uri.queryParameters.get("variant") ?? "video"
                guard variant == "video" else {
                    throw GoogleAPIError(rule: engine.rules.rule("openai-relay.content.variant"), ["variant": variant])
                }
                switch await engine.gatewayFile(profile: Self.profile, operationID: id) {
                case .ready(let file):
                    return .video(await engine.servedVideo(file))
                case .notReady(let snapshot):
                    let outcome = OpenAIRelayWire.outcome(snapshot, files: [], now: engine.clock.now())
                    let status: String = switch outcome {
                    case .running(let progress): progress.phase == .queued ? "queued" : "in_progress"
                    default: "failed"
                    }
                    throw GoogleAPIError(rule: engine.rules.rule("openai-relay.content.not_ready"), ["id": id, "status": status])
                case .expired:
                    throw GoogleAPIError(rule: engine.rules.rule("openai-relay.content.expired"), ["id": id])
                case .missing:
                    throw GoogleAPIError(rule: engine.rules.rule("openai-relay.task.not_found"))
                }
            }
        }
    }

    private static func authenticate(_ request: Request, engine: EmulatorEngine) throws(GoogleAPIError) -> String {
        try engine.authenticateGateway(
            authorization: RouteSupport.header("authorization", in: request), bareKeyAllowed: false,
            missingRule: "openai-relay.auth.missing", invalidRule: "openai-relay.auth.invalid")
    }

    private static func submit(_ parsed: OpenAIRelayRequest, key: String, engine: EmulatorEngine) async throws(GoogleAPIError) -> OperationRecord {
        try await engine.submit(
            profile: profile, apiVersion: "v1", modelID: parsed.model, apiKey: key, body: parsed.body.serializedData())
    }

    /// The Videos API body: multipart form (what the `openai` package sends) or JSON with the same keys.
    private static func videosRequest(_ request: Request, body: Data, rules: ServerRules) throws(GoogleAPIError) -> OpenAIRelayRequest {
        let contentType = request.headers[.contentType] ?? ""
        var fields: [String: String] = [:]
        var reference: Data?
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let form = MultipartForm(contentType: contentType, body: body) else {
                throw GoogleAPIError(rule: rules.rule("openai-relay.body.invalid_json"), ["detail": "malformed multipart/form-data body"])
            }
            for part in form.parts {
                if part.name == "input_reference" {
                    reference = part.data
                } else if part.name == "input_reference[image_url]" {
                    reference = try OpenAIRelayRequest.imageURL(part.text, rules: rules)
                } else {
                    fields[part.name] = part.text
                }
            }
        } else {
            let json: JSONValue
            do {
                json = try JSONValue(parsing: body)
            } catch {
                throw GoogleAPIError(rule: rules.rule("openai-relay.body.invalid_json"), ["detail": error.reason])
            }
            for key in ["model", "prompt", "seconds", "size"] {
                if let value = json[key] {
                    fields[key] = value.stringValue ?? value.integerValue.map(String.init) ?? value.serialized()
                }
            }
            if let url = json["input_reference"]?["image_url"]?.stringValue {
                reference = try OpenAIRelayRequest.imageURL(url, rules: rules)
            }
        }
        return try OpenAIRelayRequest.videos(fields: fields, inputReference: reference, rules: rules)
    }
}
