import Foundation
import Hummingbird

/// The chat-completions gateway (seeds/002): `POST /v1/chat/completions`, synchronous — no task
/// to poll. `Authorization: Bearer KEY` or the bare key. The answer waits for the generation's
/// latency (`stream: false`) or streams progress chunks and then the link (`stream: true`);
/// `[[cut]]` in the prompt closes the stream after the first progress line.
/// The link `GET /comet/videos/{id}.mp4` (an emulator invention) serves the MP4 without a key, and is
/// what `extra_body.google.video.uri` names to extend that video (seeds/002 §3).
struct CometChatRoutes: ProfileRoutes {
    let engine: EmulatorEngine

    /// Real time between looks at the emulator clock while a generation runs.
    static let tick: Duration = .milliseconds(20)

    func register(on router: Router<BasicRequestContext>) {
        let envelope = GatewayEnvelope.openAI(.cometChat)
        let gate = FaultGate(engine: engine, answer: { envelope.reply($0) })
        let engine = self.engine
        router.post("v1/chat/completions") { request, _ in
            try await gate.serve(.submit) {
                let key = try engine.authenticateGateway(
                    authorization: RouteSupport.header("authorization", in: request), bareKeyAllowed: true,
                    missingRule: "comet-chat.auth.missing", invalidRule: "comet-chat.auth.invalid")
                let body = try await RouteSupport.body(of: request)
                let checker = ReferenceURLChecker(engine: engine, ownAuthority: GatewaySupport.authority(request, engine: engine))
                var parsed = try CometChatRequest.parse(body, rules: engine.rules, checker: checker)
                if let link = parsed.videoLink {
                    // Only a link to a video this gateway made, still served, can be extended.
                    guard let (id, index) = Self.fileName(URL(string: link)?.lastPathComponent ?? ""),
                          case .ready(let file) = await engine.gatewayFile(profile: .cometChat, operationID: id, index: index) else {
                        throw GoogleAPIError(rule: engine.rules.rule("extension.unknown_video"), ["uri": link])
                    }
                    parsed.extend(fileID: file.id)
                }
                let record = try await engine.submit(
                    profile: .cometChat, apiVersion: "v1", modelID: parsed.model, apiKey: key, body: parsed.body.serializedData())
                let base = GatewaySupport.baseURL(request, engine: engine)
                if parsed.stream {
                    return .prepared(Self.stream(record, engine: engine, base: base))
                }
                let (snapshot, files) = try await Self.finished(record, engine: engine)
                let text = CometChatWire.submittedLine(record)
                    + CometChatWire.finalText(snapshot, fileCount: files.count, base: base, rules: engine.rules)
                return .ok(CometChatWire.completion(record, content: text, created: engine.clock.now()))
            }
        }
        router.get("comet/videos/{file}") { _, context in
            let name = context.parameters.get("file") ?? ""
            return try await gate.serve(.download) {
                guard let (id, index) = Self.fileName(name),
                    case .ready(let file) = await engine.gatewayFile(profile: .cometChat, operationID: id, index: index)
                else {
                    throw GoogleAPIError(rule: engine.rules.rule("comet-chat.file.not_found"), ["name": name])
                }
                return .video(await engine.servedVideo(file))
            }
        }
    }

    /// `{id}.mp4` → (id, 0); `{id}-N.mp4` → (id, N-1).
    static func fileName(_ name: String) -> (String, Int)? {
        guard name.hasSuffix(".mp4") else { return nil }
        let stem = String(name.dropLast(4))
        if let dash = stem.lastIndex(of: "-"), let number = Int(stem[stem.index(after: dash)...]), number >= 2 {
            return (String(stem[..<dash]), number - 1)
        }
        return (stem, 0)
    }

    /// Waits (on the emulator clock) until the generation finishes.
    static func finished(_ record: OperationRecord, engine: EmulatorEngine) async throws -> (OperationSnapshot, [FileRecord]) {
        while engine.clock.now() < record.finishAt {
            try await Task.sleep(for: tick)
        }
        guard let result = await engine.gatewayTask(profile: .cometChat, id: record.id) else {
            throw GoogleAPIError.internalError("the task \(record.id) disappeared")
        }
        return result
    }

    /// The `text/event-stream` answer.
    static func stream(_ record: OperationRecord, engine: EmulatorEngine, base: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let cut = GatewayMarkers(prompt: record.prompt).cut
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            func send(_ text: String) async throws {
                try await writer.write(ByteBuffer(string: text))
            }
            try await send(CometChatWire.chunk(record, content: CometChatWire.submittedLine(record)))
            var shown = -1
            while true {
                let snapshot = OperationSnapshot(record: record, done: record.isDone(at: engine.clock.now()))
                let progress = GatewayProgress(snapshot, now: engine.clock.now())
                // Every 5 points at most, and always the first and the last.
                if shown < 0 || progress.percent == 100 || progress.percent >= shown + 5 {
                    shown = progress.percent
                    try await send(CometChatWire.chunk(record, content: CometChatWire.progressLine(progress.percent)))
                    if cut { throw StreamCut() }
                }
                if progress.phase == .done { break }
                try await Task.sleep(for: tick)
            }
            let (snapshot, files) = try await finished(record, engine: engine)
            let text = CometChatWire.finalText(snapshot, fileCount: files.count, base: base, rules: engine.rules)
            try await send(CometChatWire.chunk(record, content: text))
            try await send(CometChatWire.chunk(record, content: nil, finish: true))
            try await send(CometChatWire.done)
            try await writer.finish(nil)
        })
    }

    /// Thrown mid-stream for `[[cut]]`: the connection closes before the link.
    struct StreamCut: Error {}
}
