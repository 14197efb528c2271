import Foundation
import Logging
import _CryptoExtras

/// The emulator's state and behaviour, independent of HTTP: operations, files, Cloud Storage
/// objects, issued tokens, quotas, faults and the request log. Profile route handlers
/// translate HTTP to these calls (Vertex, storage and token parts live in the extension files).
actor EmulatorEngine {
    nonisolated let options: EmulatorOptions
    nonisolated let rules: ServerRules
    nonisolated let clock: any EmulatorClock
    nonisolated let logger: Logger
    /// Holds `files/`, `inputs/` and (when persistent) `state.json`.
    nonisolated let workDirectory: URL
    nonisolated let renderer: VideoRenderer
    private nonisolated let ownsWorkDirectory: Bool
    nonisolated let profileRules: [EmulatorProfile: ProfileRules]
    /// The Interactions profile's rules, when it is served.
    nonisolated let interactionsRules: InteractionsRules?
    /// Public keys whose RS256 signatures the token endpoint accepts.
    nonisolated let verificationKeys: [_RSA.Signing.PublicKey]
    /// Where the state lives across restarts (and is shared with other processes' emulators).
    let store: StateStore?
    /// The state file as this engine last read or wrote it: a different stamp is another process's write.
    var lastSeenState: StateStore.Stamp?
    /// Records this engine deleted (an interaction and its file), never taken back from the shared file.
    var deletedIDs: Set<String> = []
    let latencyModel: LatencyModel
    var ids: SeededGenerator
    var latencyRandom: SeededGenerator
    private var faults: FaultInjector
    var quota = QuotaTracker()
    /// Operations and the video files of every profile.
    var generations = GenerationStore()
    /// Videos served so far (downloads, and videos inline in an answer), for `health`.
    var videosServed = 0
    /// Cloud Storage objects (uploads and Vertex outputs).
    var objects = ObjectStore()
    /// Access tokens issued by `POST /token`.
    var tokens = IssuedTokens()
    private var requestLog = RequestLog()
    /// Interactions (profile `interactions`).
    var interactions = InteractionStore()
    /// Files uploaded through the Files API.
    var fileUploads = FileUploadStore()
    /// Reference images uploaded for the URL-taking gateways.
    nonisolated let gatewayUploads: GatewayUploadStore

    /// How often expired operations and files are looked for.
    static let expirySweepSeconds: TimeInterval = 5
    /// When `forgetExpired` last looked.
    var lastExpirySweep = Date.distantPast

    init(options: EmulatorOptions, clock: any EmulatorClock, logger: Logger, rules: ServerRules? = nil) throws {
        self.options = options
        self.clock = clock
        self.logger = logger
        let rules = try rules ?? ServerRules.bundled()
        self.rules = rules
        var perProfile: [EmulatorProfile: ProfileRules] = [:]
        for profile in options.profiles where profile != .interactions {
            perProfile[profile] = try rules.profile(profile)
        }
        interactionsRules = options.profiles.contains(.interactions) ? try rules.interactionsRules() : nil
        profileRules = perProfile
        verificationKeys = try ServiceAccountKey.publicKeys(options.serviceAccountKeys)
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
            lastSeenState = store?.stamp()
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
        gatewayUploads = GatewayUploadStore(directory: workDirectory.appendingPathComponent("uploads"))
        if let state = try store?.load() {
            generations = GenerationStore(operations: state.operations, files: state.files)
            objects = ObjectStore(state.objects ?? [])
            tokens = IssuedTokens(state.tokens ?? [])
            interactions = InteractionStore(state.interactions ?? [])
            fileUploads = FileUploadStore(state.uploadedFiles ?? [])
            let objectCount = state.objects?.count ?? 0
            logger.info(
                "restored \(state.operations.count) operations, \(state.files.count) files and \(objectCount) objects from \(workDirectory.path)")
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

    /// The rules of a served profile.
    func rules(for profile: EmulatorProfile) throws(GoogleAPIError) -> ProfileRules {
        guard let profileRules = profileRules[profile] else {
            throw GoogleAPIError.internalError("profile \(profile.rawValue) is not served")
        }
        return profileRules
    }

    /// Handles `:predictLongRunning`: answers a 4xx now, or creates an operation.
    /// `apiKey` is whatever identifies the caller for quotas (an API key or a Bearer token);
    /// `resource` carries Vertex's project, location and quota project.
    func submit(
        profile: EmulatorProfile, apiVersion: String, modelID: String, apiKey: String, body: Data,
        resource: VertexResource? = nil
    ) throws(GoogleAPIError) -> OperationRecord {
        let profileRules = try rules(for: profile)
        guard profileRules.models.contains(modelID), let model = rules.models[modelID] else {
            throw GoogleAPIError(rule: rules.rule("model.not_found", in: profileRules), [
                "model": modelID, "project": resource?.project ?? "", "location": resource?.location ?? "",
            ])
        }
        let now = clock.now()
        let caller = Self.ownerDigest(apiKey)
        if let most = options.maxRunning {
            let running = generations.operations.values.filter { $0.callerDigest == caller && !$0.isDone(at: now) }
            if running.count >= most, let first = running.map(\.finishAt).min() {
                let retry = max(1, Int(first.timeIntervalSince(now).rounded(.up)))
                var error = GoogleAPIError(rule: rules.rule("quota.running"), [
                    "limit": String(most), "model": modelID, "retry": String(retry),
                ])
                error.details = [GoogleAPIError.retryInfo(seconds: retry)]
                error.headers = [("Retry-After", String(retry))]
                throw error
            }
        }
        if let retry = quota.admit(key: apiKey, model: modelID, now: now, limit: options.requestsPerMinute) {
            var error = GoogleAPIError(rule: rules.rule("quota.exceeded", in: profileRules), [
                "metric": profileRules.quota.metric, "limitName": profileRules.quota.limitName,
                "limit": String(options.requestsPerMinute), "model": modelID, "retry": String(retry),
            ])
            error.details = [GoogleAPIError.retryInfo(seconds: retry)]
            error.headers = [("Retry-After", String(retry))]
            throw error
        }
        var request = try RequestParser(rules: rules, profile: profileRules).parse(body)
        if profileRules.acceptsGcsUri {
            request = try StorageInputResolver(rules: rules, profile: profileRules, now: now, object: { [objects] in
                objects.object(uri: $0, at: now)
            }, read: { [workDirectory] object in
                object.dataPath.flatMap { try? Data(contentsOf: workDirectory.appendingPathComponent($0)) }
            }).resolve(request)
        }
        var planner = SubmissionPlanner(
            rules: rules, profile: profileRules, modelID: modelID, model: model,
            lookupFile: { [generations] id in
                generations.files[id].flatMap { generations.operations[$0.operationID]?.profile == profile ? $0 : nil }
            }, now: now)
        planner.deniedBuckets = options.deniedBuckets
        if let storage = profileRules.storage {
            planner.serviceAccount = storage.serviceAgent.replacingOccurrences(
                of: "{projectNumber}", with: Self.projectNumber(resource?.project ?? ""))
        }
        let plan = try planner.plan(request)

        let operationID = operationID(for: profile, at: now)
        let latency = latencyModel.sample(median: model.latencyMedianSeconds, using: &latencyRandom)
        let finishAt = now.addingTimeInterval(latency)
        let retention = profileRules.linkLifetimeSeconds.map { Duration.seconds($0) } ?? options.retention
        var record = OperationRecord(
            id: operationID, model: modelID, profile: profile, apiVersion: apiVersion, createdAt: now, finishAt: finishAt,
            mode: plan.mode, prompt: request.prompt, sampleCount: plan.sampleCount, durationSeconds: plan.durationSeconds,
            aspectRatio: plan.aspectRatio, resolution: plan.resolution,
            callerDigest: caller, referenceTypeSpellings: request.references.compactMap(\.spelling),
            outcome: .videos(fileIDs: [], filteredCount: 0, filteredReasons: []),
            project: resource?.project, location: resource?.location, quotaProject: resource?.quotaProject)

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
            // With `storageUri`, the videos go to one new directory under it: `PREFIX<16 hex>`.
            var output: GCSLocation?
            if produced > 0, let storage = plan.storage {
                output = GCSLocation(bucket: storage.bucket, name: storage.directoryPrefix + Self.hex(ids.next()))
            }
            record.outputDirectory = output.map { "gs://\($0.bucket)/\($0.name)/" }
            var fileIDs: [String] = []
            for index in 0..<produced {
                var file = makeFile(
                    index: index, operation: record, plan: plan, model: model, inputs: inputs,
                    prompt: request.effectivePrompt ?? "", seed: request.seed, retention: retention)
                if let output, let naming = profileRules.storage {
                    let name = naming.outputObjectName
                        .replacingOccurrences(of: "{directory}", with: output.name)
                        .replacingOccurrences(of: "{index}", with: String(index))
                    file.gcsUri = "gs://\(output.bucket)/\(name)"
                    objects.put(StoredObject(
                        bucket: output.bucket, name: name, contentType: "video/mp4", size: nil,
                        generation: Self.generation(at: finishAt), createdAt: finishAt, availableAt: finishAt,
                        fileID: file.id, dataPath: nil))
                }
                generations.files[file.id] = file
                fileIDs.append(file.id)
            }
            record.outcome = .videos(fileIDs: fileIDs, filteredCount: filteredCount, filteredReasons: reasons)
        }
        generations.operations[operationID] = record
        persist()
        logger.debug("operation \(record.name) accepted (\(plan.mode.rawValue)), finishes in \(String(format: "%.2f", latency)) s")
        return record
    }

    /// Handles a Gemini API poll; the operation must belong to `modelID`.
    func poll(modelID: String, operationID: String) async throws(GoogleAPIError) -> OperationSnapshot {
        guard let record = generations.operations[operationID], record.model == modelID, record.profile == .gemini else {
            throw GoogleAPIError(rule: rules.rule("operation.not_found"), ["name": "models/\(modelID)/operations/\(operationID)"])
        }
        return await snapshot(of: record)
    }

    /// The operation's state now; the first time it is seen done, its videos start rendering.
    func snapshot(of record: OperationRecord) async -> OperationSnapshot {
        let done = record.isDone(at: clock.now())
        if done, case .videos = record.outcome, generations.startRenders(of: record.id) {
            let ready = generations.videos(of: record)
            if !ready.isEmpty {
                await renderer.prefetch(ready)
            }
        }
        return OperationSnapshot(record: record, done: done)
    }

    /// The file behind a Gemini API download, if it exists, is finished and is not expired.
    func downloadableFile(id: String) throws(GoogleAPIError) -> FileRecord {
        let now = clock.now()
        guard let file = generations.files[id],
            generations.operations[file.operationID]?.profile == .gemini || interactions[file.operationID] != nil,
            file.availableAt <= now,
            file.expiresAt > now
        else {
            if let file = generations.files[id], file.expiresAt <= now {
                try? FileManager.default.removeItem(at: renderer.outputURL(for: file.id))
            }
            throw GoogleAPIError(rule: rules.rule("file.not_found"), ["id": id])
        }
        return file
    }

    // MARK: Request log

    /// Stores a received request; returns its sequence number.
    func record(_ request: RecordedRequest) -> Int {
        forgetExpired(now: clock.now())
        return requestLog.append(request)
    }

    /// Adds the answer status to a recorded request.
    func recordStatus(_ status: Int, sequence: Int) {
        requestLog.setStatus(status, sequence: sequence)
    }

    /// All recorded requests, oldest first.
    func recordedRequests() -> [RecordedRequest] { requestLog.all }

    // MARK: Control

    /// Forgets requests, operations, interactions, files, uploads, stored objects, quotas and faults (issued tokens stay valid).
    func reset() async {
        await renderer.drain()
        requestLog.removeAll()
        generations.removeAll()
        interactions.removeAll()
        fileUploads.removeAll()
        objects.removeAll()
        quota.reset()
        faults.replace(with: .none)
        for sub in ["files", "inputs", "objects", "uploads", "uploaded-files"] {
            try? FileManager.default.removeItem(at: workDirectory.appendingPathComponent(sub))
        }
        persist()
    }

    /// Every operation, oldest first, with its state at `now`.
    func operationSnapshots() -> [(OperationSnapshot, [FileRecord])] {
        generations.snapshots(at: clock.now())
    }

    /// Counts for the health endpoint.
    func counts() -> (operations: Int, files: Int, objects: Int, requests: Int, interactions: Int, videos: Int) {
        (generations.operations.count, generations.files.count + fileUploads.count, objects.objects.count, requestLog.count,
         interactions.count, videosServed)
    }

    /// Waits for renders and removes a temporary work directory.
    func shutdown() async {
        await renderer.drain()
        if ownsWorkDirectory {
            try? FileManager.default.removeItem(at: workDirectory)
        }
    }

    // MARK: Helpers

    /// A new operation id in the form `profile` uses (its definition's `idStyle`).
    private func operationID(for profile: EmulatorProfile, at now: Date) -> String {
        switch profile.definition.idStyle {
        case .short: return uniqueID()
        case .uuid: return uniqueUUID()
        case .prefixed, .timestamped:
            while true {
                let random = ids.identifier() + ids.identifier()
                let id: String
                switch profile.definition.idStyle {
                case .timestamped(let prefix): id = prefix + "\(Int(now.timeIntervalSince1970))-" + random.prefix(8)
                case .prefixed(let prefix): id = prefix + random
                default: id = random
                }
                if generations.operations[id] == nil { return id }
            }
        }
    }

    func uniqueID() -> String {
        while true {
            let id = ids.identifier()
            if generations.operations[id] == nil, generations.files[id] == nil, !fileUploads.holds(id) { return id }
        }
    }

    private func uniqueUUID() -> String {
        while true {
            let id = ids.uuid()
            if generations.operations[id] == nil { return id }
        }
    }

    /// 16 lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// A Cloud Storage generation number for an object written at `date` (microseconds).
    static func generation(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// A stable 12-digit project number for a project id, for texts that name one; a project
    /// given by number (as express-mode operations are) is its own number.
    static func projectNumber(_ project: String) -> String {
        if !project.isEmpty, project.allSatisfy({ ("0"..."9").contains($0) }) {
            return project
        }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in project.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return String(100_000_000_000 + hash % 900_000_000_000)
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
        prompt: String, seed: UInt32?, retention: Duration
    ) -> FileRecord {
        let id = uniqueID()
        let colorSeed = seed.map { $0 &+ UInt32(index) } ?? UInt32(truncatingIfNeeded: ids.next())
        var caption = "veo emulator · \(operation.model) · \(plan.frame.width)x\(plan.frame.height) · \(plan.durationSeconds) s"
        if plan.sampleCount > 1 { caption += " · sample \(index + 1)/\(plan.sampleCount)" }
        if plan.hops > 0 { caption += " · extension \(plan.hops)" }
        var spec = RenderSpec(
            prompt: prompt, caption: caption, width: plan.frame.width, height: plan.frame.height,
            durationSeconds: plan.durationSeconds, firstFrame: inputs.firstFrame, lastFrame: inputs.lastFrame,
            references: inputs.references, audio: model.audio, colorSeed: colorSeed)
        if plan.mode == .videoExtension, let source = plan.sourceFileID.flatMap({ generations.files[$0] }) {
            spec.sourceVideo = "files/\(source.id).mp4"
            spec.sourceSeconds = source.durationSeconds
        }
        return FileRecord(
            id: id, operationID: operation.id, model: operation.model, apiVersion: operation.apiVersion,
            availableAt: operation.finishAt, expiresAt: operation.finishAt.addingTimeInterval(retention.timeInterval),
            width: plan.frame.width, height: plan.frame.height, durationSeconds: plan.durationSeconds,
            aspectRatio: plan.aspectRatio, resolution: plan.resolution, hops: plan.hops,
            sourceFileID: plan.sourceFileID, sampleIndex: index, render: spec)
    }

    func persist() {
        guard let store else { return }
        store.withLock {
            if store.stamp() != lastSeenState { take((try? store.load()) ?? nil) }
            write(to: store)
            lastSeenState = store.stamp()
        }
    }

    private func write(to store: StateStore) {
        var state = PersistedState()
        state.operations = generations.sortedOperations
        state.files = generations.sortedFiles
        state.objects = objects.all
        state.tokens = tokens.all
        state.interactions = interactions.sorted
        state.uploadedFiles = fileUploads.sorted
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
