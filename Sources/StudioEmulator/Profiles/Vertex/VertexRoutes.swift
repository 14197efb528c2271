import Foundation
import Hummingbird

/// The Vertex AI wire profile, served under each version in `server-rules.json` (`v1beta1`, `v1`):
/// - `POST /{ver}/projects/{p}/locations/{l}/publishers/google/models/{model}:predictLongRunning`
/// - `POST /{ver}/projects/{p}/locations/{l}/publishers/google/models/{model}:fetchPredictOperation`
///   with `{"operationName": …}`
/// - `POST /{ver}/publishers/google/models/{model}:predictLongRunning` (express mode: an API key,
///   and the operation lands under the express project number and location of the rules)
///
/// plus the Cloud Storage subset (`GCSRoutes`) and the OAuth token endpoint (`TokenRoutes`).
/// The express submit needs `x-goog-api-key`; the two routes under `projects/` take that key or
/// `Authorization: Bearer <token>`; the storage routes need the Bearer token.
struct VertexRoutes: ProfileRoutes {
    let engine: EmulatorEngine
    let profile: ProfileRules

    /// The service named in authentication errors.
    static let service = "aiplatform.googleapis.com"

    func register(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine)
        for version in profile.apiVersions {
            let group = router.group(RouterPath(version))
            group.post("projects/{project}/locations/{location}/publishers/google/models/{model}") { request, context in
                guard let (model, action) = RouteSupport.splitAction(context.parameters.get("model")) else {
                    throw HTTPError(.notFound)
                }
                let resource = VertexResource(
                    project: context.parameters.get("project") ?? "",
                    location: context.parameters.get("location") ?? "",
                    quotaProject: RouteSupport.header("x-goog-user-project", in: request))
                switch action {
                case "predictLongRunning":
                    return try await submit(request, version: version, model: model, resource: resource, express: false, gate: gate)
                case "fetchPredictOperation":
                    return try await fetch(request, model: model, gate: gate)
                default:
                    throw HTTPError(.notFound)
                }
            }
            if let express = profile.express {
                group.post("publishers/google/models/{model}") { request, context in
                    guard let (model, action) = RouteSupport.splitAction(context.parameters.get("model")),
                        action == "predictLongRunning"
                    else { throw HTTPError(.notFound) }
                    let resource = VertexResource(
                        project: express.project, location: express.location,
                        quotaProject: RouteSupport.header("x-goog-user-project", in: request))
                    return try await submit(request, version: version, model: model, resource: resource, express: true, gate: gate)
                }
            }
        }
        GCSRoutes(engine: engine).register(on: router)
        TokenRoutes(engine: engine).register(on: router)
    }

    /// `:predictLongRunning`; an `express` submit takes only an API key.
    private func submit(
        _ request: Request, version: String, model: String, resource: VertexResource, express: Bool, gate: FaultGate
    ) async throws -> Response {
        let engine = self.engine
        return try await gate.serve(.submit) {
            let caller: String
            if express {
                caller = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
            } else {
                caller = try await Self.authenticate(request, engine: engine)
            }
            let body = try await RouteSupport.body(of: request)
            let record = try await engine.submit(
                profile: .vertex, apiVersion: version, modelID: model, apiKey: caller, body: body, resource: resource)
            return .ok(.object(["name": .string(record.name)]))
        }
    }

    private func fetch(_ request: Request, model: String, gate: FaultGate) async throws -> Response {
        let engine = self.engine
        let profile = self.profile
        return try await gate.serve(.poll) {
            _ = try await Self.authenticate(request, engine: engine)
            let name = try await RouteSupport.operationName(of: request, rules: engine.rules)
            let (snapshot, videos) = try await engine.pollVertex(operationName: name, modelID: model)
            return .ok(VertexWire.operation(snapshot, videos: videos, profile: profile))
        }
    }

    /// The caller of a route under `projects/`: a Bearer token or an API key.
    private static func authenticate(_ request: Request, engine: EmulatorEngine) async throws -> String {
        try await engine.authenticateVertex(
            authorization: RouteSupport.header("authorization", in: request), apiKey: RouteSupport.apiKey(request),
            service: service)
    }
}
