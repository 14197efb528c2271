import Foundation

/// JSON answers of the OpenAI relay: new-api's task envelope (`/v1/video/generations`) and
/// OpenAI's Video object (`/v1/videos`), both over the same tasks.
enum OpenAIRelayWire {
    /// How a task ended, as far as the answers need to know.
    enum Outcome: Sendable {
        case running(GatewayProgress)
        case succeeded([FileRecord])
        /// Failed or filtered: a machine code and the text.
        case failed(code: String, message: String)
    }

    static func outcome(_ snapshot: OperationSnapshot, files: [FileRecord], now: Date) -> Outcome {
        let progress = GatewayProgress(snapshot, now: now)
        guard progress.phase == .done else { return .running(progress) }
        switch snapshot.record.outcome {
        case .failed(let failure):
            return .failed(code: failure.code == 3 ? "invalid_request" : "internal_error", message: failure.message)
        case .videos(_, _, let reasons):
            if files.isEmpty { return .failed(code: "moderation_blocked", message: reasons.first ?? "The video was filtered.") }
            return .succeeded(files)
        }
    }

    /// The answer to `POST /v1/video/generations`.
    static func submitted(_ record: OperationRecord) -> JSONValue {
        .object([
            "id": .string(record.id),
            "task_id": .string(record.id),
            "object": "video",
            "model": .string(record.model),
            "status": "queued",
            "progress": 0,
            "created_at": .int(GatewaySupport.unix(record.createdAt)),
        ])
    }

    /// `GET /v1/video/generations/{id}`: failure text in `url` (seeds/001), the video as a
    /// content URL, or inline base64 with `[[inline]]`.
    static func task(_ record: OperationRecord, outcome: Outcome, base: String, inlineVideo: Data?) -> JSONValue {
        let markers = GatewayMarkers(prompt: record.prompt)
        var status: String
        var url = ""
        var bytes = ""
        switch outcome {
        case .running(let progress):
            status = progress.phase == .queued ? "queued" : "in_progress"
        case .succeeded:
            status = markers.statusCompleted ? "completed" : "succeeded"
            if let inlineVideo {
                bytes = inlineVideo.base64EncodedString()
            } else {
                url = "\(base)/v1/videos/\(record.id)/content"
            }
        case .failed(_, let message):
            status = "failed"
            url = message
        }
        return .object([
            "code": "success",
            "message": "",
            "data": .object([
                "task_id": .string(record.id),
                "status": .string(status),
                "format": "mp4",
                "url": .string(url),
                "bytes_base64_encoded": .string(bytes),
                "error": .null,
                "metadata": .null,
            ]),
        ])
    }

    /// new-api's answer for an unknown task.
    static let taskNotExist: JSONValue = .object(["code": "task_not_exist", "message": "task_not_exist", "data": .null])

    /// OpenAI's Video object (`openai.types.Video`).
    static func video(_ record: OperationRecord, outcome: Outcome, size: String) -> JSONValue {
        var status = "in_progress"
        var progress = 0
        var completedAt: JSONValue = .null
        var expiresAt: JSONValue = .null
        var error: JSONValue = .null
        switch outcome {
        case .running(let now):
            status = now.phase == .queued ? "queued" : "in_progress"
            progress = now.percent
        case .succeeded(let files):
            status = "completed"
            progress = 100
            completedAt = .int(GatewaySupport.unix(record.finishAt))
            expiresAt = files.first.map { .int(GatewaySupport.unix($0.expiresAt)) } ?? .null
        case .failed(let code, let message):
            status = "failed"
            progress = 100
            completedAt = .int(GatewaySupport.unix(record.finishAt))
            error = .object(["code": .string(code), "message": .string(message)])
        }
        return .object([
            "id": .string(record.id),
            "object": "video",
            "model": .string(record.model),
            "status": .string(status),
            "progress": .int(progress),
            "created_at": .int(GatewaySupport.unix(record.createdAt)),
            "completed_at": completedAt,
            "expires_at": expiresAt,
            "seconds": .string(String(record.durationSeconds)),
            "size": .string(size),
            "prompt": record.prompt.map { .string($0) } ?? .null,
            "remixed_from_video_id": .null,
            "error": error,
        ])
    }

    /// `WIDTHxHEIGHT` of a task's output.
    static func size(_ record: OperationRecord, rules: ServerRules) -> String {
        let base = rules.resolutions[record.resolution] ?? FrameSize(width: 1280, height: 720)
        return record.aspectRatio == "9:16" ? "\(base.height)x\(base.width)" : "\(base.width)x\(base.height)"
    }
}
