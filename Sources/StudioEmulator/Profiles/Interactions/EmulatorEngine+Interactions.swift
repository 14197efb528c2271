import Crypto
import Foundation

extension EmulatorEngine {
    /// A stable, non-reversible name for an API key (interactions and uploads remember their owner by it).
    nonisolated static func ownerDigest(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The Interactions profile's rules, or a 500 when the profile is not served.
    func servedInteractionsRules() throws(GoogleAPIError) -> InteractionsRules {
        guard let interactionsRules else { throw GoogleAPIError.internalError("profile interactions is not served") }
        return interactionsRules
    }

    /// Handles `POST /{ver}/interactions`: answers a 4xx now, or stores a new interaction
    /// (in progress until its latency has passed) and returns it with the request (how the caller waits).
    func createInteraction(
        apiVersion: String, apiKey: String, body: Data, vertex: Bool = false
    ) throws(GoogleAPIError) -> (record: InteractionRecord, request: InteractionRequest) {
        let profile = try servedInteractionsRules()
        var parser = InteractionRequestParser(rules: rules, profile: profile, apiVersion: apiVersion)
        parser.vertex = vertex
        let request = try parser.parse(body)
        if request.background, !request.store { throw GoogleAPIError(rule: rules.rule("interactions.background.store")) }
        let markers = SafetyMarkers(prompt: request.prompt)
        if markers.submitError { throw GoogleAPIError(rule: rules.rule("marker.submit_error")) }
        var safety: SafetyCategory?
        if let name = markers.raiCategory {
            guard let category = rules.safety.category(named: name.isEmpty ? rules.safety.defaultCategory : name) else {
                let known = rules.safety.categories.map(\.name).joined(separator: ", ")
                throw GoogleAPIError(rule: rules.rule("marker.unknown_category"), ["category": name, "known": known])
            }
            safety = category
        }
        let now = clock.now()
        let owner = Self.ownerDigest(apiKey)
        if let retry = quota.admit(key: apiKey, model: request.model, now: now, limit: options.requestsPerMinute) {
            var error = GoogleAPIError(rule: rules.rule("quota.exceeded"), [
                "metric": profile.quota.metric, "limitName": profile.quota.limitName,
                "limit": String(options.requestsPerMinute), "model": request.model, "retry": String(retry),
            ])
            error.details = [GoogleAPIError.retryInfo(seconds: retry)]
            error.headers = [("Retry-After", String(retry))]
            throw error
        }
        let planner = InteractionPlanner(rules: rules, profile: profile)
        var earlier: ResolvedVideo?
        if let previousID = request.previousInteractionID {
            guard let previous = storedInteraction(previousID, owner: owner) else {
                throw GoogleAPIError(rule: rules.rule("interactions.previous.not_found"), ["id": previousID])
            }
            let status = previous.status(at: now)
            guard status == .completed else {
                throw GoogleAPIError(rule: rules.rule("interactions.previous.not_completed"), ["id": previousID, "status": status.rawValue])
            }
            if case .video = previous.outcome {
                earlier = ResolvedVideo(
                    durationSeconds: previous.durationSeconds, aspectRatio: previous.aspectRatio, resolution: previous.resolution)
            }
        }
        if let last = request.historyVideos.last {
            earlier = try resolveVideo(last, owner: owner, planner: planner, now: now)
        }
        let videos = try request.videos.map { (video) throws(GoogleAPIError) -> ResolvedVideo in
            try resolveVideo(video, owner: owner, planner: planner, now: now)
        }
        let images = try request.images.map { (image) throws(GoogleAPIError) -> Data in
            try mediaBytes(image, owner: owner, now: now)
        }
        let plan = try planner.plan(request, videos: videos, earlier: earlier)
        let model = profile.models[request.model]
        let latency = latencyModel.sample(median: model?.latencyMedianSeconds ?? 30, using: &latencyRandom)
        let id = newInteractionID()
        var record = InteractionRecord(
            id: id, model: request.model, apiVersion: apiVersion, ownerDigest: owner, createdAt: now,
            finishAt: now.addingTimeInterval(latency), previousInteractionID: request.previousInteractionID,
            stored: request.store, task: plan.task, delivery: request.delivery, durationSeconds: plan.durationSeconds,
            aspectRatio: plan.aspectRatio, resolution: plan.resolution, userInput: request.userInput,
            outcome: .empty, inputTokens: 0, outputTokens: 0)
        if markers.operationError {
            let rule = rules.rule("interactions.failed.internal")
            record.outcome = .failed(code: rule.errorCode ?? "INTERNAL", message: rule.text())
        } else if let safety {
            let rule = rules.rule("interactions.failed.safety")
            let codes = safety.supportCodes.first ?? ""
            let reason = safety.reason + " " + rules.safety.reasonSuffix.replacingOccurrences(of: "{codes}", with: codes)
            record.outcome = .failed(code: rule.errorCode ?? "SAFETY", message: rule.text(["reason": reason]))
        } else if markers.restrictedRegion, !request.videos.isEmpty {
            record.outcome = .empty
        } else {
            let file = makeInteractionFile(record: record, plan: plan, prompt: request.prompt, images: images, profile: profile)
            generations.files[file.id] = file
            record.outcome = .video(fileID: file.id)
            record.outputTokens = Int((plan.durationSeconds * Double(profile.tokens.perOutputSecond)).rounded())
        }
        if record.outcome != .empty {
            let textTokens = (request.prompt.count + profile.tokens.charactersPerTextToken - 1) / profile.tokens.charactersPerTextToken
            let videoSeconds = videos.reduce(0) { $0 + $1.durationSeconds }
            record.inputTokens = textTokens + images.count * profile.tokens.perImage
                + Int((videoSeconds * Double(profile.tokens.perInputVideoSecond)).rounded())
        }
        interactions[id] = record
        persist()
        logger.debug("interaction \(id) accepted (\(plan.task)), finishes in \(String(format: "%.2f", latency)) s")
        return (record, request)
    }

    /// A stored interaction of the caller, or 404.
    func interaction(id: String, apiKey: String) throws(GoogleAPIError) -> InteractionRecord {
        guard let record = storedInteraction(id, owner: Self.ownerDigest(apiKey)) else {
            throw GoogleAPIError(rule: rules.rule("interactions.not_found"))
        }
        return record
    }

    /// Cancels an interaction in progress; a finished one answers 400 `FAILED_PRECONDITION`.
    func cancelInteraction(id: String, apiKey: String) throws(GoogleAPIError) -> InteractionRecord {
        var record = try interaction(id: id, apiKey: apiKey)
        let now = clock.now()
        let status = record.status(at: now)
        guard status == .inProgress else {
            throw GoogleAPIError(rule: rules.rule("interactions.cancel.terminal"), ["id": id, "status": status.rawValue])
        }
        record.cancelledAt = now
        if case .video(let fileID) = record.outcome { generations.files[fileID] = nil }
        interactions[id] = record
        persist()
        return record
    }

    /// Deletes an interaction (and its output file).
    func deleteInteraction(id: String, apiKey: String) throws(GoogleAPIError) {
        let record = try interaction(id: id, apiKey: apiKey)
        if case .video(let fileID) = record.outcome {
            generations.files[fileID] = nil
            try? FileManager.default.removeItem(at: renderer.outputURL(for: fileID))
        }
        try? FileManager.default.removeItem(at: workDirectory.appendingPathComponent("inputs/\(id)"))
        interactions[id] = nil
        deletedIDs.insert(id)
        if case .video(let fileID) = record.outcome { deletedIDs.insert(fileID) }
        persist()
    }

    /// How long a blocking create holds before answering: the time left, at most the rules' limit (both after `--speed`).
    func blockingHold(for id: String) throws(GoogleAPIError) -> TimeInterval {
        let profile = try servedInteractionsRules()
        guard let record = interactions[id] else { return 0 }
        let left = record.finishAt.timeIntervalSince(clock.now())
        return max(0, min(left, profile.blockingHoldLimitSeconds / max(options.speed, 1e-9)))
    }

    /// Ends a blocking create's hold: an interaction still in progress completes now.
    func completeBlocking(id: String) throws(GoogleAPIError) -> InteractionRecord {
        let profile = try servedInteractionsRules()
        guard var record = interactions[id] else { throw GoogleAPIError(rule: rules.rule("interactions.not_found")) }
        let now = clock.now()
        if record.status(at: now) == .inProgress {
            record.finishAt = now
            interactions[id] = record
            if case .video(let fileID) = record.outcome, var file = generations.files[fileID] {
                let lifetime = file.expiresAt.timeIntervalSince(file.availableAt)
                file.availableAt = availability(of: record, profile: profile)
                file.expiresAt = file.availableAt.addingTimeInterval(lifetime)
                generations.files[fileID] = file
            }
            persist()
        }
        return record
    }

    /// The answer for `record` now: inline videos are rendered and embedded.
    func interactionAnswer(_ record: InteractionRecord, includeInput: Bool) async -> JSONValue {
        let now = clock.now()
        let status = record.status(at: now)
        let video = status == .completed ? await outputVideoBlock(record) : nil
        return InteractionWire.interaction(record, status: status, now: now, includeInput: includeInput, video: video)
    }

    /// The output's content block: `{type, mime_type, data}` inline (rendered now if needed) or `{type, mime_type, uri}`.
    func outputVideoBlock(_ record: InteractionRecord) async -> JSONValue? {
        guard case .video(let fileID) = record.outcome, let file = generations.files[fileID] else { return nil }
        if record.delivery == "uri" {
            return .object([
                "type": "video", "mime_type": "video/mp4",
                "uri": .string(FilesWire.resourceURI(id: fileID, version: record.apiVersion, base: interactionsRules?.fileURIBase ?? "")),
            ])
        }
        let data = await videoData(file)
        return .object(["type": "video", "mime_type": "video/mp4", "data": .string(data.base64EncodedString())])
    }

    /// Every interaction, oldest first, for `GET /_emulator/interactions`: id, model, task, status,
    /// output length and frame, delivery, previous id, stored, output file id, tokens and finish time.
    func interactionSummaries() -> [JSONValue] {
        let now = clock.now()
        return interactions.sorted.map { record in
            var fileID: JSONValue = .null
            var error: JSONValue = .null
            switch record.outcome {
            case .video(let id): fileID = .string(id)
            case .failed(let code, let message): error = .object(["code": .string(code), "message": .string(message)])
            case .empty: break
            }
            let frame = interactionsRules?.frame(resolution: record.resolution, aspectRatio: record.aspectRatio)
            return .object([
                "id": .string(record.id),
                "prompt": .string(Self.promptText(record.userInput)),
                "model": .string(record.model),
                "apiVersion": .string(record.apiVersion),
                "task": .string(record.task),
                "status": .string(record.status(at: now).rawValue),
                "durationSeconds": .number(record.durationSeconds),
                "aspectRatio": .string(record.aspectRatio),
                "resolution": .string(record.resolution),
                "frame": frame.map { .string("\($0.width)x\($0.height)") } ?? .null,
                "delivery": .string(record.delivery),
                "previousInteractionId": record.previousInteractionID.map { .string($0) } ?? .null,
                "stored": .bool(record.stored),
                "fileId": fileID,
                "error": error,
                "inputTokens": .int(record.inputTokens),
                "outputTokens": .int(record.outputTokens),
                "finishAt": .string(InteractionWire.timestamp(record.finishAt)),
                "secondsRemaining": .number(max(0, record.finishAt.timeIntervalSince(now))),
            ])
        }
    }

    // MARK: Helpers

    /// The text of a create's user input (a `user_input` step): its first text block.
    static func promptText(_ input: JSONValue) -> String {
        let blocks = input["content"]?.arrayValue ?? []
        return blocks.first { $0["type"]?.stringValue == "text" }?["text"]?.stringValue ?? ""
    }

    /// A stored (`store` ≠ false) interaction owned by `owner`.
    func storedInteraction(_ id: String, owner: String) -> InteractionRecord? {
        guard let record = interactions[id], record.stored, record.ownerDigest == owner else { return nil }
        return record
    }

    private func newInteractionID() -> String {
        while true {
            let id = "v1_" + ids.identifier(length: 24, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            if interactions[id] == nil { return id }
        }
    }

    /// When a URI-delivered output becomes `ACTIVE`: a moment after completion (inline outputs at completion).
    private func availability(of record: InteractionRecord, profile: InteractionsRules) -> Date {
        guard record.delivery == "uri" else { return record.finishAt }
        return record.finishAt.addingTimeInterval(profile.fileProcessingSeconds / max(options.speed, 1e-9))
    }

    /// The bytes of an image or video block: inline data, or an uploaded file of the caller.
    private func mediaBytes(_ media: MediaBlock, owner: String, now: Date) throws(GoogleAPIError) -> Data {
        if let data = media.data { return data }
        let uri = media.uri ?? ""
        let id = SubmissionPlanner.fileID(fromURI: uri) ?? uri
        guard let upload = fileUploads[id], upload.ownerDigest == owner, upload.expiresAt > now,
            let data = try? Data(contentsOf: workDirectory.appendingPathComponent(upload.dataPath))
        else {
            throw GoogleAPIError(rule: rules.rule("files.not_found"), ["id": id])
        }
        return data
    }

    /// A video input's length and shape: from its MP4 header, or from the emulator's own output it names.
    private func resolveVideo(_ media: MediaBlock, owner: String, planner: InteractionPlanner, now: Date) throws(GoogleAPIError) -> ResolvedVideo {
        if media.data == nil, let uri = media.uri, let id = SubmissionPlanner.fileID(fromURI: uri), let file = generations.files[id],
            fileUploads[id] == nil
        {
            guard file.expiresAt > now else { throw GoogleAPIError(rule: rules.rule("files.not_found"), ["id": id]) }
            guard file.availableAt <= now else { throw GoogleAPIError(rule: rules.rule("files.not_active"), ["id": id]) }
            let seconds = interactions[file.operationID]?.durationSeconds ?? Double(file.durationSeconds)
            return ResolvedVideo(durationSeconds: seconds, aspectRatio: file.aspectRatio, resolution: file.resolution)
        }
        let data = try mediaBytes(media, owner: owner, now: now)
        let probe = MP4Probe(data)
        guard probe.isMP4 else { throw GoogleAPIError(rule: rules.rule("interactions.video.not_mp4"), ["path": media.path]) }
        var video = ResolvedVideo(durationSeconds: probe.durationSeconds ?? planner.profile.assumedInputVideoSeconds)
        if let width = probe.width, let height = probe.height {
            let shape = planner.shape(width: width, height: height)
            video.aspectRatio = shape.aspectRatio
            video.resolution = shape.resolution
        }
        return video
    }

    /// The output file of an accepted interaction, with image inputs saved for rendering.
    private func makeInteractionFile(
        record: InteractionRecord, plan: InteractionPlan, prompt: String, images: [Data], profile: InteractionsRules
    ) -> FileRecord {
        let directory = "inputs/\(record.id)"
        var saved: [String] = []
        for (index, data) in images.enumerated() {
            let name = "\(directory)/image-\(index).\(GatewaySupport.imageType(data).map { $0 == "image/jpeg" ? "jpg" : String($0.dropFirst(6)) } ?? "png")"
            do {
                try FileManager.default.createDirectory(
                    at: workDirectory.appendingPathComponent(directory), withIntermediateDirectories: true)
                try AtomicFile.write(data, to: workDirectory.appendingPathComponent(name))
                saved.append(name)
            } catch {
                logger.warning("cannot store input image \(index) of \(record.id): \(error)")
            }
        }
        let seconds = max(1, Int(plan.durationSeconds.rounded()))
        let caption = "veo emulator · \(record.model) · \(plan.frame.width)x\(plan.frame.height) · "
            + "\(InteractionRequestParser.format(plan.durationSeconds)) s · \(plan.task)"
        let imageToVideo = plan.task == "image_to_video"
        let spec = RenderSpec(
            prompt: prompt, caption: caption, width: plan.frame.width, height: plan.frame.height, durationSeconds: seconds,
            firstFrame: imageToVideo ? saved.first : nil, lastFrame: imageToVideo && saved.count > 1 ? saved[1] : nil,
            references: imageToVideo ? [] : saved, audio: true, colorSeed: UInt32(truncatingIfNeeded: ids.next()))
        let available = availability(of: record, profile: profile)
        return FileRecord(
            id: uniqueID(), operationID: record.id, model: record.model, apiVersion: record.apiVersion,
            availableAt: available, expiresAt: available.addingTimeInterval(options.retention.timeInterval),
            width: plan.frame.width, height: plan.frame.height, durationSeconds: seconds, aspectRatio: plan.aspectRatio,
            resolution: plan.resolution, hops: plan.task == "extend" ? 1 : 0, sourceFileID: nil, sampleIndex: 0, render: spec)
    }
}
