import Foundation
import Hummingbird

/// Unauthenticated test hooks under `/_emulator/`:
/// `GET health`, `GET requests`, `POST reset`, `GET|POST faults`, `GET operations`, `GET interactions`, `GET objects`,
/// `GET files/{id}/sha256` (a video's hash as every profile serves it).
struct ControlRoutes: Sendable {
    let engine: EmulatorEngine

    func register(on router: Router<BasicRequestContext>) {
        let group = router.group("_emulator")
        group.get("health") { _, _ in
            let counts = await engine.counts()
            let tools = await engine.renderer.detectedTools()
            let plan = await engine.faultPlan
            return Reply.ok(.object([
                "status": "ok",
                "profiles": .array(engine.options.profiles.map { .string($0.rawValue) }),
                "rulesAsOf": .string(engine.rules.asOf),
                "speed": .number(engine.options.speed),
                "renderer": .string(tools.ffmpeg == nil ? "builtin" : "ffmpeg"),
                "faults": .string(plan.description),
                "operations": .int(counts.operations),
                "interactions": .int(counts.interactions),
                "files": .int(counts.files),
                "objects": .int(counts.objects),
                "requests": .int(counts.requests),
                "videos": .int(counts.videos),
            ])).response()
        }
        group.get("requests") { _, _ in
            Reply.ok(.array(await engine.recordedRequests().map(\.json))).response()
        }
        group.post("reset") { _, _ in
            await engine.reset()
            return Reply.ok(.object(["status": "reset"])).response()
        }
        group.get("faults") { _, _ in
            Reply.ok(.object(["spec": .string(await engine.faultPlan.description)])).response()
        }
        group.post("faults") { request, _ in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let spec: String
            do {
                let json = try JSONValue(parsing: buffer.readableBytesView)
                guard let text = json["spec"]?.stringValue else {
                    return Self.badRequest("expected a body like {\"spec\": \"429:0.2,500@poll:0.1\"}")
                }
                spec = text
            } catch {
                return Self.badRequest("Invalid JSON payload received. \((error as? JSONParseError)?.reason ?? "\(error)")")
            }
            do {
                let plan = try FaultPlan(spec: spec)
                await engine.setFaults(plan)
                return Reply.ok(.object(["spec": .string(plan.description)])).response()
            } catch {
                return Self.badRequest("\(error)")
            }
        }
        group.get("objects") { _, _ in
            Reply.ok(.array(await engine.storedObjects().map(GCSWire.metadata))).response()
        }
        group.get("operations") { _, _ in
            let snapshots = await engine.operationSnapshots()
            let now = engine.clock.now()
            return Reply.ok(.array(snapshots.map { Self.describe($0.0, files: $0.1, now: now) })).response()
        }
        group.get("files/{id}/sha256") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let sha = await engine.videoSHA256(fileID: id) else {
                return Self.badRequest("no file \(id)")
            }
            return Reply.ok(.object(["id": .string(id), "sha256": .string(sha)])).response()
        }
        group.get("interactions") { _, _ in
            Reply.ok(.array(await engine.interactionSummaries())).response()
        }
    }

    private static func badRequest(_ message: String) -> Response {
        var error = GoogleAPIError(rule: Rule(
            id: "control.bad_request", stage: "control", http: 400, status: "INVALID_ARGUMENT", code: 3,
            message: message, source: "emulator", asOf: ""))
        error.message = message
        return Reply.error(error).response()
    }

    private static func describe(_ snapshot: OperationSnapshot, files: [FileRecord], now: Date) -> JSONValue {
        let record = snapshot.record
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var state = "running"
        var members: [JSONMember] = []
        switch record.outcome {
        case .failed(let failure):
            if snapshot.done { state = "failed" }
            members.append(JSONMember(key: "error", value: .object([
                "code": .int(failure.code), "message": .string(failure.message), "rule": .string(failure.ruleID),
            ])))
        case .videos(_, let filteredCount, let reasons):
            if snapshot.done { state = filteredCount > 0 && files.isEmpty ? "filtered" : "succeeded" }
            members.append(JSONMember(key: "raiMediaFilteredCount", value: .int(filteredCount)))
            members.append(JSONMember(key: "raiMediaFilteredReasons", value: .array(reasons.map { .string($0) })))
        }
        let fileList: [JSONValue] = files.map { file in
            .object([
                "id": .string(file.id),
                "width": .int(file.width),
                "height": .int(file.height),
                "durationSeconds": .int(file.durationSeconds),
                "aspectRatio": .string(file.aspectRatio),
                "resolution": .string(file.resolution),
                "hops": .int(file.hops),
                "sourceFileId": file.sourceFileID.map { .string($0) } ?? .null,
                "expiresAt": .string(formatter.string(from: file.expiresAt)),
                "expired": .bool(file.expiresAt <= now),
                "gcsUri": file.gcsUri.map { .string($0) } ?? .null,
            ])
        }
        let base: [JSONMember] = [
            JSONMember(key: "name", value: .string(record.name)),
            JSONMember(key: "model", value: .string(record.model)),
            JSONMember(key: "profile", value: .string(record.profile.rawValue)),
            JSONMember(key: "apiVersion", value: .string(record.apiVersion)),
            JSONMember(key: "mode", value: .string(record.mode.rawValue)),
            JSONMember(key: "state", value: .string(state)),
            JSONMember(key: "done", value: .bool(snapshot.done)),
            JSONMember(key: "createdAt", value: .string(formatter.string(from: record.createdAt))),
            JSONMember(key: "finishAt", value: .string(formatter.string(from: record.finishAt))),
            JSONMember(key: "secondsRemaining", value: .number(max(0, record.finishAt.timeIntervalSince(now)))),
            JSONMember(key: "prompt", value: record.prompt.map { .string($0) } ?? .null),
            JSONMember(key: "sampleCount", value: .int(record.sampleCount)),
            JSONMember(key: "durationSeconds", value: .int(record.durationSeconds)),
            JSONMember(key: "aspectRatio", value: .string(record.aspectRatio)),
            JSONMember(key: "resolution", value: .string(record.resolution)),
            JSONMember(key: "referenceTypes", value: .array(record.referenceTypeSpellings.map { .string($0) })),
            JSONMember(key: "files", value: .array(fileList)),
        ]
        if record.profile == .vertex {
            members.append(JSONMember(key: "outputDirectory", value: record.outputDirectory.map { .string($0) } ?? .null))
            members.append(JSONMember(key: "quotaProject", value: record.quotaProject.map { .string($0) } ?? .null))
        }
        return .object(base + members)
    }
}
