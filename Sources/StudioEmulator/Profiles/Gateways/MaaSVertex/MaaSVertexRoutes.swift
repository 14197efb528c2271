import Foundation
import Hummingbird

/// The MaaS gateway speaking Vertex bodies (seeds/003), `Authorization: Bearer AK`:
/// - `POST /v1/ai/{endpoint}/veo/videos/generate` → `{"name": "<uuid>"}`
/// - `POST /v1/ai/{endpoint}/veo/videos/task` with `{"operationName"}` → the Vertex operation;
///   finished with an error it comes wrapped in `{"data": …}` as the seed's example shows.
///
/// The endpoint names the model (the served endpoints are the seed's MaaS model names).
/// Creation-phase errors answer `{"error":{"code":"400","message":"<Google's error as JSON text>"}}`.
struct MaaSVertexRoutes: ProfileRoutes {
    let engine: EmulatorEngine
    let profile: ProfileRules

    func register(on router: Router<BasicRequestContext>) {
        let envelope = GatewayEnvelope.maas(engine.rules)
        let gate = FaultGate(engine: engine, answer: { envelope.reply($0) })
        let engine = self.engine
        let profile = self.profile
        router.post("v1/ai/{endpoint}/veo/videos/generate") { request, context in
            let endpoint = context.parameters.get("endpoint") ?? ""
            return try await gate.serve(.submit) {
                let key = try Self.authenticate(request, engine: engine)
                let body = try await RouteSupport.body(of: request)
                try MaaSVertexChecks(rules: engine.rules, endpoint: endpoint).check(body)
                let record = try await engine.submit(
                    profile: .maasVertex, apiVersion: "v1", modelID: endpoint, apiKey: key, body: body)
                return .ok(.object(["name": .string(record.id)]))
            }
        }
        router.post("v1/ai/{endpoint}/veo/videos/task") { request, context in
            let endpoint = context.parameters.get("endpoint") ?? ""
            return try await gate.serve(.poll) {
                _ = try Self.authenticate(request, engine: engine)
                let name = try await RouteSupport.operationName(of: request, rules: engine.rules)
                guard let (snapshot, files) = await engine.gatewayTask(profile: .maasVertex, id: name),
                    snapshot.record.model == endpoint
                else {
                    throw GoogleAPIError(rule: engine.rules.rule("maas-vertex.operation.not_found"), ["name": name])
                }
                var videos: [VertexVideo] = []
                for file in files {
                    if let uri = file.gcsUri {
                        videos.append(.stored(uri))
                    } else {
                        videos.append(.inline(await engine.videoData(file)))
                    }
                }
                return .ok(Self.operation(snapshot, videos: videos, profile: profile))
            }
        }
    }

    /// Vertex's operation, with `"done": false` while running and errors wrapped in `data`.
    static func operation(_ snapshot: OperationSnapshot, videos: [VertexVideo], profile: ProfileRules) -> JSONValue {
        guard snapshot.done else { return .object(["name": .string(snapshot.record.id), "done": false]) }
        let operation = VertexWire.operation(snapshot, videos: videos, profile: profile)
        if case .failed = snapshot.record.outcome {
            return .object(["data": operation])
        }
        return operation
    }

    private static func authenticate(_ request: Request, engine: EmulatorEngine) throws(GoogleAPIError) -> String {
        try engine.authenticateGateway(
            authorization: RouteSupport.header("authorization", in: request), bareKeyAllowed: false,
            missingRule: "maas-vertex.auth.unauthorized", invalidRule: "maas-vertex.auth.unauthorized")
    }
}
