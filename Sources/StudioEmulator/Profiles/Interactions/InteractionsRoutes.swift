import Foundation
import Hummingbird

/// The Gemini API's Interactions profile (Gemini Omni), served under each version in
/// `server-rules.json` (`v1beta`, `v1`), with API-key auth:
/// - `POST   /{ver}/interactions` (blocking, `background: true`, or `stream: true` as Server-Sent Events)
/// - `GET    /{ver}/interactions/{id}` (`include_input=true` adds the `user_input` step; `stream=true`
///   with an optional `last_event_id` streams it)
/// - `POST   /{ver}/interactions/{id}/cancel`
/// - `DELETE /{ver}/interactions/{id}`
/// - `POST   /{ver}/models/{model}:generateContent` on an Omni model: 400 (when the gemini profile is
///   not served; otherwise `GeminiRoutes` answers it through `refuseGenerateContent`)
///
/// The Files API routes it relies on live in `FilesRoutes`. Vertex AI's interactions are served
/// beside them (see `registerVertex`).
struct InteractionsRoutes: ProfileRoutes {
    let engine: EmulatorEngine
    let rules: InteractionsRules

    func register(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine)
        let engine = self.engine
        for version in rules.apiVersions {
            let group = router.group(RouterPath(version))
            group.post("interactions") { request, _ in
                try await gate.serve(.submit) {
                    let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    let body = try await RouteSupport.body(of: request)
                    var (record, parsed) = try await engine.createInteraction(apiVersion: version, apiKey: key, body: body)
                    if parsed.stream {
                        return .prepared(InteractionStream(engine: engine, id: record.id).response(created: record))
                    }
                    let background = parsed.background
                    if !background {
                        let hold = try await engine.blockingHold(for: record.id)
                        if hold > 0 { try await Task.sleep(for: .seconds(hold)) }
                        record = try await engine.completeBlocking(id: record.id)
                    }
                    return .ok(await engine.interactionAnswer(record, includeInput: !background))
                }
            }
            group.get("interactions/{id}") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await gate.serve(.poll) {
                    let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    let record = try await engine.interaction(id: id, apiKey: key)
                    if request.uri.queryParameters.get("stream") == "true" {
                        let last = request.uri.queryParameters.get("last_event_id").map { String($0) }
                        let stream = InteractionStream(engine: engine, id: id, skipThrough: InteractionStream.eventNumber(last))
                        return .prepared(stream.response(created: record))
                    }
                    let includeInput = request.uri.queryParameters.get("include_input") == "true"
                    return .ok(await engine.interactionAnswer(record, includeInput: includeInput))
                }
            }
            group.post("interactions/{id}/cancel") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await gate.serve(.poll) {
                    let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    let record = try await engine.cancelInteraction(id: id, apiKey: key)
                    return .ok(await engine.interactionAnswer(record, includeInput: false))
                }
            }
            group.delete("interactions/{id}") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await gate.serve(.poll) {
                    let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    try await engine.deleteInteraction(id: id, apiKey: key)
                    return .ok(.object([]))
                }
            }
            if !engine.options.profiles.contains(.gemini) {
                group.post("models/{model}") { request, context in
                    guard let (model, action) = RouteSupport.splitAction(context.parameters.get("model")) else {
                        throw HTTPError(.notFound)
                    }
                    return try await Self.refuseGenerateContent(model: model, action: action, request: request, engine: engine)
                }
            }
        }
        registerVertex(on: router)
    }

    /// Vertex AI's interactions, `/{ver}/projects/{p}/locations/{l}/interactions…` under
    /// `v1beta1` and `v1`, with a Bearer token (or an express-mode key): the same interactions,
    /// owned by the caller, delivered inline (no Files API on Vertex AI).
    func registerVertex(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine)
        let engine = self.engine
        for version in ["v1beta1", "v1"] {
            let group = router.group(RouterPath("\(version)/projects/{project}/locations/{location}"))
            group.post("interactions") { request, _ in
                try await gate.serve(.submit) {
                    let key = try await Self.vertexCaller(request, engine: engine)
                    let body = try await RouteSupport.body(of: request)
                    var (record, parsed) = try await engine.createInteraction(apiVersion: version, apiKey: key, body: body, vertex: true)
                    if !parsed.background {
                        let hold = try await engine.blockingHold(for: record.id)
                        if hold > 0 { try await Task.sleep(for: .seconds(hold)) }
                        record = try await engine.completeBlocking(id: record.id)
                    }
                    return .ok(await engine.interactionAnswer(record, includeInput: !parsed.background))
                }
            }
            group.get("interactions/{id}") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await gate.serve(.poll) {
                    let record = try await engine.interaction(id: id, apiKey: try await Self.vertexCaller(request, engine: engine))
                    return .ok(await engine.interactionAnswer(record, includeInput: request.uri.queryParameters.get("include_input") == "true"))
                }
            }
            group.post("interactions/{id}/cancel") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await gate.serve(.poll) {
                    let record = try await engine.cancelInteraction(id: id, apiKey: try await Self.vertexCaller(request, engine: engine))
                    return .ok(await engine.interactionAnswer(record, includeInput: false))
                }
            }
            group.delete("interactions/{id}") { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await gate.serve(.poll) {
                    try await engine.deleteInteraction(id: id, apiKey: try await Self.vertexCaller(request, engine: engine))
                    return .ok(.object([]))
                }
            }
        }
    }

    /// The caller of a Vertex AI interactions route: a Bearer token or an express-mode key.
    private static func vertexCaller(_ request: Request, engine: EmulatorEngine) async throws -> String {
        try await engine.authenticateVertex(authorization: RouteSupport.header("authorization", in: request),
                                            apiKey: RouteSupport.apiKey(request), service: VertexRoutes.service)
    }

    /// `:generateContent` on a Gemini Omni model answers 400 "This model only supports Interactions API."
    /// (after the key check); any other model or action is not a route.
    static func refuseGenerateContent(model: String, action: String, request: Request, engine: EmulatorEngine) async throws -> Response {
        guard action == "generateContent" || action == "streamGenerateContent", let rules = engine.interactionsRules,
            rules.models[model] != nil || rules.shutDownModels[model] != nil
        else { throw HTTPError(.notFound) }
        return try await FaultGate(engine: engine).serve(.submit) {
            _ = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
            throw GoogleAPIError(rule: engine.rules.rule("interactions.generate_content"))
        }
    }
}
