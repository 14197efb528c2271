import Foundation
import Hummingbird

/// The Gemini API ("mldev") wire profile, served under each version in `server-rules.json`
/// (`v1beta`, `v1`):
/// - `POST /{ver}/models/{model}:predictLongRunning`
/// - `GET  /{ver}/models/{model}/operations/{id}`
/// - `POST /{ver}/models/{omni model}:generateContent`: 400 when the interactions profile is served
///
/// Downloads (`/{ver}/files/{id}:download`) are served by `FilesRoutes`.
///
/// Segments like `{model}:predictLongRunning` are matched as one path parameter and split at
/// the last `:` (`RouteSupport.splitAction`).
struct GeminiRoutes: ProfileRoutes {
    let engine: EmulatorEngine
    let profile: ProfileRules

    func register(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine)
        for version in profile.apiVersions {
            let group = router.group(RouterPath(version))
            // The trie router shares the `models/{model}` node between submit and poll, so both
            // use the same parameter name; for submit it holds `{model}:predictLongRunning`.
            group.post("models/{model}") { request, context in
                guard let (model, action) = RouteSupport.splitAction(context.parameters.get("model")) else {
                    throw HTTPError(.notFound)
                }
                let engine = self.engine
                guard action == "predictLongRunning" else {
                    return try await InteractionsRoutes.refuseGenerateContent(model: model, action: action, request: request, engine: engine)
                }
                return try await gate.serve(.submit) {
                    let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    let body = try await RouteSupport.body(of: request)
                    let record = try await engine.submit(
                        profile: .gemini, apiVersion: version, modelID: model, apiKey: key, body: body)
                    return .ok(.object(["name": .string(record.name)]))
                }
            }
            group.get("models/{model}/operations/{operation}") { request, context in
                let model = context.parameters.get("model") ?? ""
                let operation = context.parameters.get("operation") ?? ""
                let engine = self.engine
                let profile = self.profile
                return try await gate.serve(.poll) {
                    _ = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    let snapshot = try await engine.poll(modelID: model, operationID: operation)
                    return .ok(GeminiWire.operation(snapshot, profile: profile))
                }
            }
        }
    }
}
