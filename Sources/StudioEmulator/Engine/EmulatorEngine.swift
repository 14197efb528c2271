import Foundation
import Logging

/// The emulator's state and behaviour, independent of HTTP: operations, files, quotas,
/// faults and the request log. Profile route handlers translate HTTP to these calls.
actor EmulatorEngine {
    nonisolated let options: EmulatorOptions
    nonisolated let rules: ServerRules
    nonisolated let clock: any EmulatorClock
    nonisolated let logger: Logger
    /// Holds `files/`, `inputs/` and (when persistent) `state.json`.
    nonisolated let workDirectory: URL
    nonisolated let renderer: VideoRenderer
    private nonisolated let ownsWorkDirectory: Bool
    private nonisolated let profileRules: [EmulatorProfile: ProfileRules]
    private let store: StateStore?
    private let latencyModel: LatencyModel
    private var ids: SeededGenerator
    private var latencyRandom: SeededGenerator
    private var faults: FaultInjector
    private var quota = QuotaTracker()
    private var operations: [String: OperationRecord] = [:]
    private var files: [String: FileRecord] = [:]
    private var requestLog: [RecordedRequest] = []
    private var requestSequence = 0
    /// Operations whose finished state has been seen by a poll (renders were started).
    private var prefetched: Set<String> = []

    /// The most requests kept for the control endpoint.
    static let requestLogLimit = 10_000

    init(options: EmulatorOptions, clock: any EmulatorClock, logger: Logger, rules: ServerRules? = nil) throws {
        self.options = options
        self.clock = clock
        self.logger = logger
        let rules = try rules ?? ServerRules.bundled()
        self.rules = rules
        var perProfile: [EmulatorProfile: ProfileRules] = [:]
        for profile in options.profiles {
            perProfile[profile] = try rules.profile(profile)
        }
        profileRules = perProfile
        let seed = options.seed ?? UInt64.random(in: UInt64.min...UInt64.max)
        ids = SeededGenerator.derived(from: seed, stream: 1)
        latencyRandom = SeededGenerator.derived(from: seed, stream: 2)
        var faultSeed = SeededGenerator.derived(from: seed, stream: 3)
        faults = FaultInjector(plan: options.faults, seed: faultSeed.next())
        latencyModel = LatencyModel(
            sigma: rules.latency.sigma, minSeconds: rules.latency.minSeconds,
            maxSeconds: rules.latency.maxSeconds, speed: options.speed)

        if let directory = options.stateDirectory {
            workDirectory = directory
            ownsWorkDirectory = false
            store = StateStore(directory: directory)
        } else {
            workDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("veo-emulator-\(UUID().uuidString.prefix(12))")
            ownsWorkDirectory = true
            store = nil
        }
        do {
            try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        } catch {
            throw EmulatorSetupError("cannot create the state directory \(workDirectory.path): \(error.localizedDescription)")
        }
        renderer = VideoRenderer(workDirectory: workDirectory, useFFmpeg: options.renderWithFFmpeg, logger: logger)
        if let state = try store?.load() {
            for operation in state.operations { operations[operation.id] = operation }
            for file in state.files { files[file.id] = file }
            logger.info("restored \(state.operations.count) operations and \(state.files.count) files from \(workDirectory.path)")
        }
    }

    // MARK: Auth, faults, quota

    /// Checks the API key the Gemini API way; returns the key.
    nonisolated func authenticate(apiKey: String?) throws(GoogleAPIError) -> String {
        guard let apiKey, !apiKey.isEmpty else { throw GoogleAPIError(rule: rules.rule("auth.missing_key")) }
        if let accepted = options.apiKeys, !accepted.contains(apiKey) {
            var error = GoogleAPIError(rule: rules.rule("auth.invalid_key"))
            error.details = [GoogleAPIError.errorInfo(reason: "API_KEY_INVALID")]
            throw error
        }
        return apiKey
    }

    /// The faults that fire for one request.
    func faultDecision(for route: FaultRoute) -> FaultDecision {
        faults.decide(for: route)
    }

    /// Replaces the fault plan.
    func setFaults(_ plan: FaultPlan) {
        faults.replace(with: plan)
    }

    /// The fault plan in force.
    var faultPlan: FaultPlan { faults.plan }

    // MARK: Submit, poll, download

    /// Handles `:predictLongRunning`: answers a 4xx now, or creates an operation.
    func submit(profile: EmulatorProfile, apiVersion: String, modelID: String, apiKey: String, body: Data)
        throws(GoogleAPIError) -> OperationRecord
    {
        guard let profileRules = profileRules[profile], profileRules.models.contains(modelID),
            let model = rules.models[modelID]
        else {
            throw GoogleAPIError(rule: rules.rule("model.not_found"), ["model": modelID])
        }
        let now = clock.now()
        if let retry = quota.admit(key: apiKey, model: modelID, now: now, limit: options.requestsPerMinute) {
            var error = GoogleAPIError(rule: rules.rule("quota.exceeded"), [
                "metric": profileRules.quota.metric, "limitName": profileRules.quota.limitName,
                "limit": String(options.requestsPerMinute), "model": modelID, "retry": String(retry),
            ])
            error.details = [GoogleAPIError.retryInfo(seconds: retry)]
            error.headers = [("Retry-After", String(retry))]
            throw error
        }
        let request = try RequestParser(rules: rules, profile: profileRules).parse(body)
        let planner = SubmissionPlanner(
            rules: rules, profile: profileRules, modelID: modelID, model: model,
            lookupFile: { [files] in files[$0] }, now: now)
        let plan = try planner.plan(request)

        let operationID = uniqueID()
        let latency = latencyModel.sample(median: model.latencyMedianSeconds, using: &latencyRandom)
        let finishAt = now.addingTimeInterval(latency)
        var record = OperationRecord(
            id: operationID, model: modelID, profile: profile, apiVersion: apiVersion, createdAt: now, finishAt: finishAt,
            mode: plan.mode, prompt: request.prompt, sampleCount: plan.sampleCount, durationSeconds: plan.durationSeconds,
            aspectRatio: plan.aspectRatio, resolution: plan.resolution,
            referenceTypeSpellings: request.references.compactMap(\.spelling),
            outcome: .videos(fileIDs: [], filteredCount: 0, filteredReasons: []))

        if let failure = plan.deferredError {
            record.outcome = .failed(failure)
        } else {
            var produced = plan.sampleCount
            var filteredCount = 0
            var reasons: [String] = []
            if let safety = plan.safety {
                filteredCount = safety.partial ? 1 : plan.sampleCount
                produced = plan.sampleCount - filteredCount
                let codes = safety.category.supportCodes.first ?? ""
                reasons = [safety.category.reason + " " + rules.safety.reasonSuffix.replacingOccurrences(of: "{codes}", with: codes)]
            }
            let inputs = produced > 0 ? storeInputs(request, operationID: operationID) : StoredInputs()
            var fileIDs: [String] = []
            for index in 0..<produced {
                let file = makeFile(
                    index: index, operation: record, plan: plan, model: model, inputs: inputs,
                    prompt: request.effectivePrompt ?? "", retention: options.retention)
                files[file.id] = file
                fileIDs.append(file.id)
            }
            record.outcome = .videos(fileIDs: fileIDs, filteredCount: filteredCount, filteredReasons: reasons)
        }
        operations[operationID] = record
        persist()
        logger.debug("operation \(record.name) accepted (\(plan.mode.rawValue)), finishes in \(String(format: "%.2f", latency)) s")
        return record
    }

    /// Handles a poll; the operation must belong to `modelID`.
    func poll(modelID: String, operationID: String) async throws(GoogleAPIError) -> OperationSnapshot {
        guard let record = operations[operationID], record.model == modelID else {
            throw GoogleAPIError(rule: rules.rule("operation.not_found"), ["name": "models/\(modelID)/operations/\(operationID)"])
        }
        let done = record.isDone(at: clock.now())
        if done, !prefetched.contains(operationID), case .videos(let ids, _, _) = record.outcome {
            prefetched.insert(operationID)
            let ready = ids.compactMap { files[$0] }
            if !ready.isEmpty {
                await renderer.prefetch(ready)
            }
        }
        return OperationSnapshot(record: record, done: done)
    }

    /// The file behind a download, if it exists, is finished and is not expired.
    func downloadableFile(id: String) throws(GoogleAPIError) -> FileRecord {
        let now = clock.now()
        guard let file = files[id], file.availableAt <= now, file.expiresAt > now else {
            if let file = files[id], file.expiresAt <= now {
                try? FileManager.default.removeItem(at: renderer.outputURL(for: file.id))
            }
            throw GoogleAPIError(rule: rules.rule("file.not_found"), ["id": id])
        }
        return file
    }

    // MARK: Request log

    /// Stores a received request; returns its sequence number.
    func record(_ request: RecordedRequest) -> Int {
        requestSequence += 1
        var request = request
        request.sequence = requestSequence
        requestLog.append(request)
        if requestLog.count > Self.requestLogLimit { requestLog.removeFirst(requestLog.count - Self.requestLogLimit) }
        return requestSequence
    }

    /// Adds the answer status to a recorded request.
    func recordStatus(_ status: Int, sequence: Int) {
        if let index = requestLog.lastIndex(where: { $0.sequence == sequence }) {
            requestLog[index].status = status
        }
    }

    /// All recorded requests, oldest first.
    func recordedRequests() -> [RecordedRequest] { requestLog }

    // MARK: Control

    /// Forgets requests, operations, files, quotas and faults.
    func reset() async {
        await renderer.drain()
        requestLog = []
        requestSequence = 0
        operations = [:]
        files = [:]
        prefetched = []
        quota.reset()
        faults.replace(with: .none)
        for sub in ["files", "inputs"] {
            try? FileManager.default.removeItem(at: workDirectory.appendingPathComponent(sub))
        }
        persist()
    }

    /// Every operation, oldest first, with its state at `now`.
    func operationSnapshots() -> [(OperationSnapshot, [FileRecord])] {
        let now = clock.now()
        return operations.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }.map { record in
            var ids: [String] = []
            if case .videos(let fileIDs, _, _) = record.outcome { ids = fileIDs }
            return (OperationSnapshot(record: record, done: record.isDone(at: now)), ids.compactMap { files[$0] })
        }
    }

    /// Counts for the health endpoint.
    func counts() -> (operations: Int, files: Int, requests: Int) {
        (operations.count, files.count, requestLog.count)
    }

    /// Waits for renders and removes a temporary work directory.
    func shutdown() async {
        await renderer.drain()
        if ownsWorkDirectory {
            try? FileManager.default.removeItem(at: workDirectory)
        }
    }

    // MARK: Helpers

    private func uniqueID() -> String {
        while true {
            let id = ids.identifier()
            if operations[id] == nil, files[id] == nil { return id }
        }
    }

    private struct StoredInputs {
        var firstFrame: String?
        var lastFrame: String?
        var references: [String] = []
    }

    /// Saves image inputs under `inputs/<operation>/` for rendering (now or after a restart).
    private func storeInputs(_ request: GenerationRequest, operationID: String) -> StoredInputs {
        var stored = StoredInputs()
        let relativeDirectory = "inputs/\(operationID)"
        let directory = workDirectory.appendingPathComponent(relativeDirectory)
        func save(_ image: InputImage?, name: String) -> String? {
            guard let image else { return nil }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let fileName = "\(name).\(image.fileExtension)"
                try AtomicFile.write(image.data, to: directory.appendingPathComponent(fileName))
                return "\(relativeDirectory)/\(fileName)"
            } catch {
                logger.warning("cannot store input \(name) of \(operationID): \(error)")
                return nil
            }
        }
        stored.firstFrame = save(request.image, name: "first")
        stored.lastFrame = save(request.lastFrame, name: "last")
        stored.references = request.references.enumerated().compactMap { save($0.element.image, name: "reference-\($0.offset)") }
        return stored
    }

    private func makeFile(
        index: Int, operation: OperationRecord, plan: SubmissionPlan, model: ModelRules, inputs: StoredInputs,
        prompt: String, retention: Duration
    ) -> FileRecord {
        let id = uniqueID()
        var caption = "veo emulator · \(operation.model) · \(plan.frame.width)x\(plan.frame.height) · \(plan.durationSeconds) s"
        if plan.sampleCount > 1 { caption += " · sample \(index + 1)/\(plan.sampleCount)" }
        if plan.hops > 0 { caption += " · extension \(plan.hops)" }
        let spec = RenderSpec(
            prompt: prompt, caption: caption, width: plan.frame.width, height: plan.frame.height,
            durationSeconds: plan.durationSeconds, firstFrame: inputs.firstFrame, lastFrame: inputs.lastFrame,
            references: inputs.references, audio: model.audio, colorSeed: UInt32(truncatingIfNeeded: ids.next()))
        return FileRecord(
            id: id, operationID: operation.id, model: operation.model, apiVersion: operation.apiVersion,
            availableAt: operation.finishAt, expiresAt: operation.finishAt.addingTimeInterval(retention.timeInterval),
            width: plan.frame.width, height: plan.frame.height, durationSeconds: plan.durationSeconds,
            aspectRatio: plan.aspectRatio, resolution: plan.resolution, hops: plan.hops,
            sourceFileID: plan.sourceFileID, sampleIndex: index, render: spec)
    }

    private func persist() {
        guard let store else { return }
        var state = PersistedState()
        state.operations = operations.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        state.files = files.values.sorted { ($0.availableAt, $0.id) < ($1.availableAt, $1.id) }
        do {
            try store.save(state)
        } catch {
            logger.error("cannot save the emulator state in \(store.directory.path): \(error)")
        }
    }
}

/// An operation and whether it has finished.
struct OperationSnapshot: Sendable {
    var record: OperationRecord
    var done: Bool
}
