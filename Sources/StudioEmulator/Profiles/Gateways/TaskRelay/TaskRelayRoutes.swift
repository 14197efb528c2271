import Foundation
import Hummingbird

/// The unified task relay (seeds/004; routes as in the unified task docs the page belongs to),
/// `Authorization: Bearer KEY`:
/// - `POST /v1/videos/generations` → a `video.generation.task` object, status `pending`
/// - `GET /v1/tasks/{id}` → the same object: `pending` → `processing` (progress 1-99) → `completed`
///   (progress 100, `results`) or `failed` (`error`)
/// - `GET /task-relay/files/{id}.mp4` → the MP4, for 24 h of emulator time after completion (no key needed)
struct TaskRelayRoutes: ProfileRoutes {
    let engine: EmulatorEngine

    func register(on router: Router<BasicRequestContext>) {
        let envelope = GatewayEnvelope.taskRelay
        let gate = FaultGate(engine: engine, answer: { envelope.reply($0) })
        let engine = self.engine
        router.post("v1/videos/generations") { request, _ in
            try await gate.serve(.submit) {
                let key = try Self.authenticate(request, engine: engine)
                let body = try await RouteSupport.body(of: request)
                let checker = ReferenceURLChecker(engine: engine, ownAuthority: GatewaySupport.authority(request, engine: engine))
                let served = try engine.rules.profile(.taskRelay).models
                let (model, google) = try TaskRelayRequest(rules: engine.rules, checker: checker).parse(body, servedModels: served)
                let record = try await engine.submit(
                    profile: .taskRelay, apiVersion: "v1", modelID: model, apiKey: key, body: google.serializedData())
                let snapshot = OperationSnapshot(record: record, done: false)
                return .ok(TaskRelayWire.task(snapshot, now: record.createdAt, base: ""))
            }
        }
        router.get("v1/tasks/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await gate.serve(.poll) {
                _ = try Self.authenticate(request, engine: engine)
                guard let (snapshot, _) = await engine.gatewayTask(profile: .taskRelay, id: id) else {
                    throw GoogleAPIError(rule: engine.rules.rule("task-relay.task.not_found"))
                }
                let base = GatewaySupport.baseURL(request, engine: engine)
                return .ok(TaskRelayWire.task(snapshot, now: engine.clock.now(), base: base))
            }
        }
        router.get("task-relay/files/{file}") { _, context in
            let name = context.parameters.get("file") ?? ""
            return try await gate.serve(.download) {
                guard name.hasSuffix(".mp4"),
                    case .ready(let file) = await engine.gatewayFile(profile: .taskRelay, operationID: String(name.dropLast(4)))
                else { throw GoogleAPIError(rule: engine.rules.rule("task-relay.file.not_found")) }
                return .video(await engine.servedVideo(file))
            }
        }
    }

    private static func authenticate(_ request: Request, engine: EmulatorEngine) throws(GoogleAPIError) -> String {
        try engine.authenticateGateway(
            authorization: RouteSupport.header("authorization", in: request), bareKeyAllowed: false,
            missingRule: "task-relay.auth.invalid", invalidRule: "task-relay.auth.invalid")
    }
}
