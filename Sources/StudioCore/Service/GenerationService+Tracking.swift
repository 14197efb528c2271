import Foundation

extension GenerationService {
    /// The latency the schedule expects for a model on a provider: its history when there is
    /// enough of it, else the registry's, on the provider's clock (`latencyScale`).
    public func latencyModel(provider: String, model: String, latencyScale: Double = 1) -> LatencyModel {
        let entry = registry.model(matching: model, provider: provider)?.latency
        let prior = LatencyModel(medianSeconds: (entry?.medianSeconds ?? 75) * latencyScale, sigma: entry?.sigma ?? 0.5)
        let history = (try? journal.recentLatencies(provider: provider, model: model)) ?? []
        return LatencyModel.fitted(history: history, prior: prior)
    }

    /// Tracks a submitted generation to its end: polls on the adaptive schedule, backs off on
    /// 429/5xx, downloads at once, writes sidecars. Every transition is journaled.
    @discardableResult
    /// `pollLimit` stops after that many polls while the job still runs (a one-shot look).
    /// `leased`: the caller already holds the job's lease for at least `leaseSeconds` more (the
    /// dispatcher that took and sent it), so it is not claimed again.
    public func track(_ id: Int64, provider: VideoProvider, latencyScale: Double = 1, pollLimit: Int? = nil, leased: Bool = false,
                      onEvent: @escaping @Sendable (TrackingEvent) -> Void = { _ in }) async throws -> GenerationRecord {
        guard var record = try journal.generation(id) else {
            throw StudioError(field: "id", code: "generation.not_found", message: "no generation \(id) in the journal",
                              fix: "list them with veo-studio history")
        }
        let provider = Self.provider(provider, for: record)
        func emit(_ message: String) { onEvent(TrackingEvent(generationID: id, status: record.status, message: message)) }
        // One owner per job: another live process already tracks it, so this one only watches the journal.
        var leaseUntil = clock.now().addingTimeInterval(Self.leaseSeconds)
        let claim = leased ? (claimed: true, holderPID: nil) : try journal.claim(id, for: owner, until: leaseUntil, now: clock.now())
        guard claim.claimed else {
            emit("tracked by another process (pid \(claim.holderPID ?? 0)); its progress shows here")
            return record
        }
        // The write that ends a download `done` releases the lease with it; any other end releases it here.
        var holding = true
        defer { if holding { try? journal.release(id, by: owner) } }
        func download() async throws -> GenerationRecord {
            let ended = try await downloadPending(id, provider: provider, onEvent: onEvent)
            holding = ended.status != .done
            return ended
        }
        if record.status == .downloading, try journal.outputs(of: id).contains(where: { $0.remoteURI != nil }) {
            return try await download()
        }
        guard let operation = record.operationName, [.queued, .running, .unknown, .downloading].contains(record.status) else {
            return record
        }
        let schedule = PollSchedule(model: latencyModel(provider: record.provider, model: record.model, latencyScale: latencyScale),
                                    targetDelay: PollSchedule.defaultTargetDelay * latencyScale)
        var machine = TrackerMachine(policy: policy, schedule: schedule, submittedAt: record.submittedAt ?? clock.now())
        var action = machine.start(now: clock.now())
        var donePoll: (answer: String?, progress: Double?) = (nil, nil)
        while true {
            try Task.checkCancellation()
            switch action {
            case .poll(let wait):
                if let pollLimit, machine.polls >= pollLimit { return try journal.generation(id) ?? record }
                // The lease covers the wait and the poll; each poll's record renews it for the next.
                if leaseUntil < clock.now().addingTimeInterval(wait + Self.leaseSeconds / 2) {
                    leaseUntil = clock.now().addingTimeInterval(wait + Self.leaseSeconds)
                    try journal.claim(id, for: owner, until: leaseUntil, now: clock.now())
                }
                if wait > 0, pollLimit == nil { try await clock.sleep(for: wait) }
                let result: Result<OperationSnapshot, ProviderFailure>
                do {
                    result = .success(try await provider.poll(operation: operation))
                } catch let failure as ProviderFailure {
                    result = .failure(failure)
                } catch {
                    result = .failure(.transport("\(error)"))
                }
                if case .failure(let failure) = result { emit("poll failed: \(failure.description); retrying") }
                action = machine.handle(result, now: clock.now(), random: random())
                let snapshot = try? result.get()
                // The poll that says "done" is counted with the videos it names, in one write.
                if case .download = action {
                    donePoll = (snapshot?.raw.encodedString(), snapshot?.progress)
                    continue
                }
                var nextWait = 0.0
                if case .poll(let wait) = action { nextWait = wait }
                let now = clock.now()
                leaseUntil = now.addingTimeInterval(nextWait + Self.leaseSeconds)
                let startsRunning = snapshot.map { !$0.done } == true && record.status != .running
                // One write: the poll counted, the lease renewed, the job marked running; a cancel
                // made elsewhere (the studio, another process) is seen in what it returns.
                guard let current = try journal.recordPoll(id, answer: snapshot?.raw.encodedString(), progress: snapshot?.progress,
                                                           running: startsRunning, at: now, lease: (owner, leaseUntil)) else {
                    return record
                }
                if current.status == .cancelled { return current }
                let becameRunning = current.status == .running && record.status != .running
                record = current
                if becameRunning { emit("running") }
            case .download(let videos, let filtered, let reasons):
                let current = try recordOutputs(id, poll: donePoll, videos: videos, filtered: filtered, reasons: reasons, provider: provider)
                if let current, current.status == .cancelled { return current }
                return try await download()
            case .finish(let outcome):
                record = try finish(id, outcome: outcome, spec: try? record.spec())
                emit(record.errorMessage ?? record.status.rawValue)
                return record
            }
        }
    }

    /// Records the finished operation's videos (remote URIs and expiry) before any byte is fetched,
    /// with the poll that named them.
    private func recordOutputs(_ id: Int64, poll: (answer: String?, progress: Double?), videos: [RemoteVideo], filtered: Int, reasons: [String],
                               provider: VideoProvider) throws -> GenerationRecord? {
        let now = clock.now()
        let retention = registry.provider(provider.id)?.outputRetentionHours
        let outputs = videos.enumerated().map { index, video in
            OutputRecord(id: nil, generationID: id, sampleIndex: index, path: nil, bytes: nil, sha256: nil, remoteURI: video.uri,
                         expiresAt: retention.map { now.addingTimeInterval(Double($0) * 3600) },
                         mimeType: video.mimeType ?? "video/mp4", createdAt: now)
        }
        let findings = explainer.explainSafety(reasons: reasons)
        return try journal.recordDoneOnServer(id, answer: poll.answer, progress: poll.progress, outputs: outputs, detail: "done on the server: \(videos.count) video(s)", at: now) { r in
            r.raiCount = filtered
            if !findings.isEmpty { r.raiReasonsJSON = Self.json(findings) }
        }
    }

    /// Downloads every output not yet on disk; retries with backoff; leaves the job `downloading`
    /// (resumable) if the service keeps failing, so a video is never given up while it is retained.
    /// The provider of the wire protocol that accepted the job's operation (the journal says which),
    /// when one provider id speaks several (Veo and Gemini Omni on the Gemini API or Vertex AI).
    /// A row whose wire this build does not know goes by its model, as its submit did.
    static func provider(_ provider: VideoProvider, for record: GenerationRecord) -> VideoProvider {
        if let wire = record.wireProtocol, ProviderPlugins.plugin(for: wire) != nil { return Self.provider(provider, wire: wire) }
        return (provider as? ModelWireRouter)?.provider(forModel: record.model) ?? provider
    }

    /// The provider that speaks `wire` among those one provider id holds.
    static func provider(_ provider: VideoProvider, wire: WireProtocol) -> VideoProvider {
        (provider as? ModelWireRouter)?.provider(for: wire) ?? provider
    }

    /// Called by `track`, which holds the job's lease: the write that ends the job `done` releases it.
    func downloadPending(_ id: Int64, provider: VideoProvider,
                         onEvent: @escaping @Sendable (TrackingEvent) -> Void) async throws -> GenerationRecord {
        guard let (record, outputs) = try journal.generationWithOutputs(id) else {
            throw StudioError(field: "id", code: "generation.not_found", message: "no generation \(id)", fix: "")
        }
        // A process killed between saving a video and writing its sidecar left the sidecar out.
        for output in outputs {
            guard let path = output.path, let bytes = output.bytes, let sha256 = output.sha256,
                  !FileManager.default.fileExists(atPath: SidecarWriter.sidecarURL(for: URL(fileURLWithPath: path)).path) else { continue }
            try? SidecarWriter.write(record: record, output: output, file: DownloadedFile(path: path, bytes: bytes, sha256: sha256))
        }
        let pending = outputs.filter { $0.path == nil && $0.remoteURI != nil }
        var lastFailure: ProviderFailure?
        var lastSaved: OutputRecord?
        for (position, output) in pending.enumerated() {
            guard let uri = output.remoteURI else { continue }
            let destination = OutputNaming.url(media: mediaRoot, record: record, sample: output.sampleIndex,
                                               sampleCount: outputs.count, date: record.createdAt)
            var attempt = 0
            while true {
                attempt += 1
                do {
                    let file = try await provider.download(RemoteVideo(uri: uri, mimeType: output.mimeType), to: destination)
                    var saved = output
                    saved.path = file.path
                    saved.bytes = file.bytes
                    saved.sha256 = file.sha256
                    // The sidecar before the journal: a process killed in between downloads the video
                    // again, to the same name, and writes both again.
                    try SidecarWriter.write(record: record, output: saved, file: file)
                    if position == pending.count - 1 {
                        lastSaved = saved
                    } else {
                        try journal.recordOutput(saved)
                        onEvent(TrackingEvent(generationID: id, status: .downloading, message: "saved \(file.path)"))
                    }
                    lastFailure = nil
                    break
                } catch let failure as ProviderFailure {
                    lastFailure = failure
                    if !failure.isTransient || attempt >= policy.downloadAttempts { break }
                    onEvent(TrackingEvent(generationID: id, status: .downloading,
                                          message: "download failed (\(failure.description)); retrying"))
                    try await clock.sleep(for: policy.backoff(failures: attempt, retryAfter: failure.retryAfterSeconds, random: random()))
                }
            }
            if lastFailure != nil { break }
        }
        if let failure = lastFailure {
            if case .http(let answer, _) = failure, answer.httpStatus == 404 {
                let updated = try finish(id, outcome: .failed(answer), spec: try? record.spec(),
                                         detail: "the output expired or vanished on the server before it was downloaded")
                onEvent(TrackingEvent(generationID: id, status: updated.status, message: updated.errorMessage ?? "failed"))
                return updated
            }
            let updated = try journal.update(id, status: .downloading, detail: "download failed: \(failure.description)", at: clock.now()) { r in
                r.errorCode = "download.failed"
                r.errorMessage = "the video is ready but could not be downloaded: \(failure.description)"
                r.errorExplanation = "it stays on the server until it expires; run veo-studio resume to try again"
            } ?? record
            onEvent(TrackingEvent(generationID: id, status: .downloading, message: updated.errorMessage ?? ""))
            return updated
        }
        let done = try journal.recordDownloaded(id, last: lastSaved, releasing: owner, at: clock.now()) ?? record
        if let path = lastSaved?.path { onEvent(TrackingEvent(generationID: id, status: .downloading, message: "saved \(path)")) }
        onEvent(TrackingEvent(generationID: id, status: .done, message: "done"))
        return done
    }

    /// Writes how a job ended, with the explanation of the server's answer.
    private func finish(_ id: Int64, outcome: TrackerMachine.Outcome, spec: GenerationSpec?, detail: String? = nil) throws -> GenerationRecord {
        let now = clock.now()
        let updated: GenerationRecord?
        switch outcome {
        case .failed(let answer):
            let explanation = explainer.explain(answer, spec: spec)
            updated = try journal.update(id, status: .failed, detail: detail ?? answer.message, at: now) { r in
                r.errorCode = explanation.code
                r.errorMessage = answer.rpcCode.map { "operation error \($0): \(answer.message)" }
                    ?? "\(answer.httpStatus.map { "HTTP \($0) " } ?? "")\(answer.message)"
                r.errorExplanation = explanation.text
            }
        case .filtered(let count, let reasons):
            let findings = explainer.explainSafety(reasons: reasons)
            let categories = Set(findings.map(\.category)).sorted().joined(separator: ", ")
            updated = try journal.update(id, status: .filtered, detail: "safety filter: \(categories)", at: now) { r in
                r.raiCount = count
                r.raiReasonsJSON = Self.json(findings)
                r.errorCode = "safety.filtered"
                r.errorMessage = "\(count) video(s) blocked by the safety filter (\(categories.isEmpty ? "no category given" : categories)); blocked videos are not charged"
                r.errorExplanation = findings.first?.advice ?? "rephrase the prompt"
            }
        case .unknown(let reason):
            updated = try journal.update(id, status: .unknown, detail: reason, at: now) { r in
                r.errorCode = "tracking.deadline"
                r.errorMessage = reason
                r.errorExplanation = "the operation may still finish on the server; run veo-studio resume \(id) to look again"
            }
        }
        guard let updated else {
            throw StudioError(field: "id", code: "generation.not_found", message: "generation \(id) vanished", fix: "")
        }
        return updated
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
