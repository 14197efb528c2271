import Foundation

/// JSON shape of an Interaction (`object: "interaction"`), as google-genai 3.x reads it.
enum InteractionWire {
    /// A fixed thought signature, as the service puts a `thought` step before the output.
    static let thoughtSignature = Data("veo-emulator-thought-signature".utf8).base64EncodedString()

    /// `{id, object, status, model, created, updated, previous_interaction_id?, steps?, errors?, usage?}`.
    /// `video` is the output's content block when the interaction completed with one.
    static func interaction(
        _ record: InteractionRecord, status: InteractionStatus, now: Date, includeInput: Bool, video: JSONValue?
    ) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "id", value: .string(record.id)),
            JSONMember(key: "object", value: "interaction"),
            JSONMember(key: "status", value: .string(status.rawValue)),
            JSONMember(key: "model", value: .string(record.model)),
            JSONMember(key: "created", value: .string(timestamp(record.createdAt))),
            JSONMember(key: "updated", value: .string(timestamp(record.updated(at: now)))),
        ]
        if let previous = record.previousInteractionID {
            members.append(JSONMember(key: "previous_interaction_id", value: .string(previous)))
        }
        var steps: [JSONValue] = includeInput ? [record.userInput] : []
        if status == .completed {
            steps.append(.object(["type": "thought", "signature": .string(thoughtSignature)]))
            steps.append(.object(["type": "model_output", "content": .array(video.map { [$0] } ?? [])]))
        }
        if !steps.isEmpty { members.append(JSONMember(key: "steps", value: .array(steps))) }
        if status == .failed, case .failed(let code, let message) = record.outcome {
            members.append(JSONMember(key: "errors", value: [.object(["code": .string(code), "message": .string(message)])]))
        }
        if status == .completed {
            members.append(JSONMember(key: "usage", value: usage(record)))
        }
        return .object(members)
    }

    /// Token counts: `total_input_tokens`, `total_output_tokens`, `output_tokens_by_modality`, `total_tokens`.
    static func usage(_ record: InteractionRecord) -> JSONValue {
        var byModality: [JSONValue] = []
        if record.outputTokens > 0 {
            byModality.append(.object(["modality": "video", "tokens": .int(record.outputTokens)]))
        }
        return .object([
            "total_input_tokens": .int(record.inputTokens),
            "total_output_tokens": .int(record.outputTokens),
            "output_tokens_by_modality": .array(byModality),
            "total_tokens": .int(record.inputTokens + record.outputTokens),
        ])
    }

    /// RFC 3339 in UTC with whole seconds, e.g. `2026-11-22T02:17:54Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
