import Foundation

/// The task relay's `video.generation.task` object.
enum TaskRelayWire {
    /// The task at `now`; a completed task lists `{base}/task-relay/files/{id}.mp4` in `results`.
    static func task(_ snapshot: OperationSnapshot, now: Date, base: String) -> JSONValue {
        let record = snapshot.record
        let progress = GatewayProgress(snapshot, now: now)
        var status = progress.phase == .queued ? "pending" : "processing"
        var extra: [JSONMember] = []
        if progress.phase == .done {
            switch record.outcome {
            case .failed(let failure):
                status = "failed"
                extra.append(JSONMember(key: "error", value: .object([
                    "code": .string(failure.code == 3 ? "invalid_parameters" : "generation_failed"),
                    "message": .string(failure.message),
                ])))
            case .videos(let ids, _, let reasons):
                if ids.isEmpty {
                    status = "failed"
                    extra.append(JSONMember(key: "error", value: .object([
                        "code": "content_policy_violation",
                        "message": .string(reasons.first ?? "The video was filtered."),
                    ])))
                } else {
                    status = "completed"
                    extra.append(JSONMember(key: "results", value: [.string("\(base)/task-relay/files/\(record.id).mp4")]))
                }
            }
        }
        let estimated = Int(record.finishAt.timeIntervalSince(record.createdAt).rounded(.up))
        let members: [JSONMember] = [
            JSONMember(key: "created", value: .int(GatewaySupport.unix(record.createdAt))),
            JSONMember(key: "id", value: .string(record.id)),
            JSONMember(key: "model", value: .string(record.model)),
            JSONMember(key: "object", value: "video.generation.task"),
            JSONMember(key: "progress", value: .int(progress.percent)),
            JSONMember(key: "status", value: .string(status)),
            JSONMember(key: "task_info", value: .object([
                "can_cancel": .bool(progress.phase != .done),
                "estimated_time": .int(max(1, estimated)),
                "video_duration": .int(record.durationSeconds),
            ])),
            JSONMember(key: "type", value: "video"),
        ]
        return .object(members + extra)
    }
}
