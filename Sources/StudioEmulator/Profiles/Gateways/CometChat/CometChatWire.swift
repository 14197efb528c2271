import Foundation

/// The chat gateway's answers (invented: seeds/002 shows none): a `chat.completion` whose text
/// carries markdown links to the video, or `chat.completion.chunk` events of a stream.
enum CometChatWire {
    /// The first line of every answer.
    static func submittedLine(_ record: OperationRecord) -> String {
        "Task submitted… id: \(record.id)\n"
    }

    /// One progress line, e.g. `> 🏃 Progress: 34%`.
    static func progressLine(_ percent: Int) -> String {
        "> 🏃 Progress: \(percent)%\n"
    }

    /// `{base}/comet/videos/{id}.mp4`, `{id}-2.mp4` for a second sample, and so on.
    static func link(_ record: OperationRecord, index: Int, base: String) -> String {
        index == 0 ? "\(base)/comet/videos/\(record.id).mp4" : "\(base)/comet/videos/\(record.id)-\(index + 1).mp4"
    }

    /// The closing text: the links, or the failure sentence.
    static func finalText(_ snapshot: OperationSnapshot, fileCount: Int, base: String, rules: ServerRules) -> String {
        let record = snapshot.record
        var reason: String?
        switch record.outcome {
        case .failed(let failure): reason = failure.message
        case .videos(_, _, let reasons): if fileCount == 0 { reason = reasons.first ?? "the video was filtered" }
        }
        if let reason {
            return rules.rule("comet-chat.generation.failed").text(["reason": reason])
        }
        let links = (0..<fileCount).map { index -> String in
            let url = link(record, index: index, base: base)
            return "[▶️ Watch video](\(url))\n[⏬ Download video](\(url))"
        }
        return "\n" + links.joined(separator: "\n")
    }

    /// A non-streamed `chat.completion`.
    static func completion(_ record: OperationRecord, content: String, created: Date) -> JSONValue {
        let prompt = record.prompt ?? ""
        let promptTokens = max(1, prompt.split(separator: " ").count)
        let completionTokens = max(1, content.split(separator: " ").count)
        return .object([
            "id": .string("chatcmpl-\(record.id)"),
            "object": "chat.completion",
            "created": .int(GatewaySupport.unix(created)),
            "model": .string(record.model),
            "choices": [.object([
                "index": 0,
                "message": .object(["role": "assistant", "content": .string(content)]),
                "finish_reason": "stop",
            ])],
            "usage": .object([
                "prompt_tokens": .int(promptTokens),
                "completion_tokens": .int(completionTokens),
                "total_tokens": .int(promptTokens + completionTokens),
            ]),
        ])
    }

    /// One `data: {chat.completion.chunk}` event, blank line included.
    static func chunk(_ record: OperationRecord, content: String?, finish: Bool = false) -> String {
        var delta: [JSONMember] = []
        if let content { delta.append(JSONMember(key: "content", value: .string(content))) }
        let body: JSONValue = .object([
            "id": .string("chatcmpl-\(record.id)"),
            "object": "chat.completion.chunk",
            "created": .int(GatewaySupport.unix(record.createdAt)),
            "model": .string(record.model),
            "choices": [.object([
                "index": 0,
                "delta": .object(delta),
                "finish_reason": finish ? "stop" : .null,
            ])],
        ])
        return "data: \(body.serialized())\n\n"
    }

    /// The event that ends a stream.
    static let done = "data: [DONE]\n\n"
}
