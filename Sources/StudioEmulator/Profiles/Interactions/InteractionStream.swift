import Foundation
import Hummingbird

/// The Server-Sent Events answer of `stream: true` (and of `GET …?stream=true`):
/// `interaction.created`, `interaction.status_update`, then once the video is done
/// `step.start`, `step.delta` (the video block), `step.stop` and `interaction.completed`
/// (a failure sends `error` before `interaction.completed`; a cancellation a last
/// `interaction.status_update`). Each event carries `event_type` and an `event_id` (`e1`, `e2`, …);
/// `last_event_id` resumes after that event. The stream holds as a blocking create does.
struct InteractionStream: Sendable {
    let engine: EmulatorEngine
    let id: String
    /// Events up to and including this number are skipped (from `last_event_id=eN`).
    var skipThrough = 0

    /// `eN` → N; anything else → 0 (nothing skipped).
    static func eventNumber(_ lastEventID: String?) -> Int {
        guard let lastEventID, lastEventID.hasPrefix("e") else { return 0 }
        return Int(lastEventID.dropFirst()) ?? 0
    }

    /// The `text/event-stream` response.
    func response(created: InteractionRecord) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var number = 0
            func send(_ type: String, _ members: [JSONMember]) async throws {
                number += 1
                guard number > skipThrough else { return }
                let event = JSONValue.object(
                    [JSONMember(key: "event_type", value: .string(type))] + members
                        + [JSONMember(key: "event_id", value: .string("e\(number)"))])
                try await writer.write(ByteBuffer(string: "event: \(type)\ndata: \(event.serialized())\n\n"))
            }
            let first = InteractionWire.interaction(
                created, status: .inProgress, now: created.createdAt, includeInput: false, video: nil)
            try await send("interaction.created", [JSONMember(key: "interaction", value: first)])
            try await send("interaction.status_update", [
                JSONMember(key: "interaction_id", value: .string(id)), JSONMember(key: "status", value: "in_progress"),
            ])
            let hold = try await engine.blockingHold(for: id)
            if hold > 0 { try await Task.sleep(for: .seconds(hold)) }
            let record = try await engine.completeBlocking(id: id)
            var answer = await engine.interactionAnswer(record, includeInput: false)
            let status = record.status(at: engine.clock.now())
            if status == .cancelled {
                try await send("interaction.status_update", [
                    JSONMember(key: "interaction_id", value: .string(id)), JSONMember(key: "status", value: "cancelled"),
                ])
            } else {
                if status == .failed, let error = answer["errors"]?.arrayValue?.first {
                    try await send("error", [JSONMember(key: "error", value: error)])
                } else {
                    let index = JSONMember(key: "index", value: 0)
                    try await send("step.start", [index, JSONMember(key: "step", value: .object(["type": "model_output", "content": []]))])
                    if let video = await engine.outputVideoBlock(record) {
                        try await send("step.delta", [index, JSONMember(key: "delta", value: video)])
                    }
                    try await send("step.stop", [index])
                }
                if case .object(let members) = answer { answer = .object(members.filter { $0.key != "steps" }) }
                try await send("interaction.completed", [JSONMember(key: "interaction", value: answer)])
            }
            try await writer.finish(nil)
        })
    }
}
