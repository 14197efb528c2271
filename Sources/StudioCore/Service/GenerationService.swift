import Foundation
import Logging

/// The core's one entry point for making videos: prepare (read inputs, validate, price),
/// submit (journal first, then send), track (poll, download, finish) and resume.
/// Shared by the CLI, the studio and batch runs; it knows no terminal.
public struct GenerationService: Sendable {
    public let journal: Journal
    public let registry: CapabilityRegistry
    public let validator: Validator
    public let explainer: ErrorExplainer
    public let assets: AssetStore
    public let mediaRoot: URL
    public let clock: any StudioClock
    public let policy: TrackerPolicy
    public let logger: Logger
    /// Providers taking images as URLs that have an upload command configured (local files allowed).
    public var uploadingProviders: Set<String> = []
    /// Where requests are made from (`region` in config.toml, e.g. `eu`, `uk`, `us`): Gemini Omni takes
    /// no uploaded video in some regions, which validation then warns about. Nil: not said.
    public var region: String?
    /// This service as the owner of the jobs it submits and tracks (one owner per job at a time).
    public var owner = JobOwner()
    /// Spending caps every submission and every job taken from the queue must fit under.
    public var budget = BudgetCaps()
    /// How long a claim on a job lasts past its next planned step, for owners on other hosts.
    static let leaseSeconds = 120.0
    let random: @Sendable () -> Double

    public init(journal: Journal, registry: CapabilityRegistry, prices: PriceTable, assets: AssetStore, mediaRoot: URL,
                clock: any StudioClock = SystemClock(), policy: TrackerPolicy = TrackerPolicy(),
                logger: Logger = Logger(label: "veo-studio.core"),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.journal = journal
        self.registry = registry
        self.validator = Validator(registry: registry, prices: prices)
        self.explainer = ErrorExplainer(registry: registry)
        self.assets = assets
        self.mediaRoot = mediaRoot
        self.clock = clock
        self.policy = policy
        self.logger = logger
        self.random = random
    }

    // MARK: Prepare

    /// Reads the draft's files, finds what it extends, validates and prices it. Sends nothing.
    public func prepare(_ draft: GenerationDraft, loader: InputLoader = InputLoader()) -> PreparedGeneration {
        let (media, loadIssues) = loader.load(draft)
        return prepare(draft, media: media, loadIssues: loadIssues)
    }

    /// Validates and prices a draft whose files were already read (a form re-checks on every key).
    /// `standInSource` takes the place of the video an extension extends when that video does not
    /// exist yet (a storyboard planning a chain).
    public func prepare(_ draft: GenerationDraft, media: [String: LoadedMedia], loadIssues: [ValidationIssue],
                        standInSource: ExtensionSource? = nil) -> PreparedGeneration {
        let continuation = continuationSource(for: draft)
        var inputs = PreparationInputs(draft: draft, media: media, loadIssues: loadIssues, source: standInSource ?? extensionSource(for: draft))
        if let wire = wire(of: draft, continuation: continuation, source: inputs.source) {
            ProviderPlugins.plugin(for: wire)?.prepareForValidation(&inputs, journal: journal)
        }
        var report = validator.validate(draft, media: inputs.media, loadIssues: inputs.loadIssues, extensionSource: inputs.source,
                                        continuation: continuation, region: region, now: clock.now())
        uploadIssues(draft, report: &report)
        return PreparedGeneration(draft: draft, report: report, media: inputs.media, extensionSource: inputs.source,
                                  continuation: continuation)
    }

    /// A provider that takes images as URLs cannot send a local file unless an upload command is set.
    private func uploadIssues(_ draft: GenerationDraft, report: inout ValidationReport) {
        guard let provider = draft.provider.flatMap(registry.provider), provider.imagesAsURLs == true,
              !uploadingProviders.contains(provider.id) else { return }
        let local = InputLoader.files(of: draft).filter { !InputLoader.isRemote($0.path) }
        guard let first = local.first else { return }
        report.issues.append(ValidationIssue(
            field: first.field, code: "gateway.upload_command_missing",
            message: "\(provider.id) takes images as URLs, and \(InputLoader.displayName(first.path))\(local.count > 1 ? " (and \(local.count - 1) more)" : "") is a local file",
            fix: "set upload_command under [providers.\(provider.id)] in config.toml (a command given the file's path that prints its URL), or give https:// URLs"))
        report.spec = nil
    }

    /// What the journal knows of the video a draft extends.
    func extensionSource(for draft: GenerationDraft) -> ExtensionSource? {
        switch draft.video {
        case .generation(let id)?:
            guard let record = try? journal.generation(id) else { return nil }
            return source(of: record, uri: (try? journal.outputs(of: id))?.first?.remoteURI)
        case .uri(let uri)?:
            if let output = try? journal.output(remoteURI: uri), let record = try? journal.generation(output.generationID) {
                return source(of: record, uri: uri)
            }
            return ExtensionSource(generationID: nil, remoteURI: uri, hops: 0, durationSeconds: 8, aspectRatio: nil,
                                   model: nil, finishedAt: nil)
        default:
            return nil
        }
    }

    private func source(of record: GenerationRecord, uri: String?) -> ExtensionSource {
        let spec = try? record.spec()
        return ExtensionSource(generationID: record.id, remoteURI: uri, hops: record.hops,
                               durationSeconds: record.outputSeconds ?? spec?.effective.durationSeconds ?? 8,
                               aspectRatio: spec?.effective.aspectRatio, model: record.model,
                               finishedAt: record.finishedAt)
    }

    // MARK: Submit

    /// Journals the generation, then submits it. A submit that provably never left the machine
    /// is forgotten and thrown; a lost answer leaves the job `unknown` (never resubmitted on its own).
    /// `onRecorded` is told once the journal holds the job, before anything is sent (a synchronous
    /// gateway's submit lasts the whole generation). `endpoint` is the base URL named for the job (a
    /// flag, the config), kept with it so every later poll and download goes there.
    public func submit(_ prepared: PreparedGeneration, provider: VideoProvider, endpoint: String? = nil,
                       parent: (id: Int64, kind: String)? = nil,
                       onRecorded: @Sendable (GenerationRecord) -> Void = { _ in }) async throws -> GenerationRecord {
        let spec = try validSpec(prepared)
        let wire = registry.wire(model: spec.model, provider: spec.provider)
        let provider = Self.provider(provider, wire: wire)
        let (record, stored) = try newRecord(prepared, spec: spec, providerID: provider.id, synthetic: provider.isSynthetic,
                                             endpoint: endpoint, parent: parent, wire: wire)
        let check = BudgetCheck(caps: budget)
        let now = clock.now()
        let recorded = try journal.recordNewGeneration(record, assets: stored) { db, record in
            try check.refusal(for: record, batchID: nil, in: db, now: now)?.error
        }
        guard let id = recorded.id else { return recorded }
        // A synchronous gateway's submit lasts the whole generation: the claim covers it.
        try journal.claim(id, for: owner, until: clock.now().addingTimeInterval(3600), now: clock.now())
        defer { try? journal.release(id, by: owner) }
        onRecorded(recorded)
        return try await send(recorded, spec: spec, provider: provider, fromQueue: false)
    }

    /// Journals a generation as waiting in the studio's queue — validated, priced, its inputs stored —
    /// without sending anything; a dispatcher sends it under the provider's limits (`sendTaken`).
    /// `takeID` names a storyboard take the job makes: it is linked in the same transaction, and a take
    /// that already has a job gets no second one.
    public func enqueue(_ prepared: PreparedGeneration, endpoint: String? = nil, parent: (id: Int64, kind: String)? = nil,
                        priority: Int = 0, batchID: String? = nil, takeID: Int64? = nil) throws -> GenerationRecord {
        let spec = try validSpec(prepared)
        let wire = registry.wire(model: spec.model, provider: spec.provider)
        let (record, stored) = try newRecord(prepared, spec: spec, providerID: spec.provider, synthetic: registry.isSandbox(spec.provider),
                                             endpoint: endpoint, parent: parent, wire: wire)
        let entry = QueueEntry(priority: priority, batchID: batchID, queuedAt: clock.now())
        if let takeID { return try journal.enqueue(take: takeID, record: record, assets: stored, entry: entry) }
        return try journal.enqueue(record, assets: stored, entry: entry)
    }

    /// Journals every take of a batch plan as waiting, with the batch, in one transaction (all or none).
    /// `endpoint` gives the base URL a provider's jobs are kept with.
    /// A batch over a per-batch cap is refused whole, before anything is journaled (`budget.exceeded`).
    public func enqueue(_ plan: BatchPlan, endpoint: (String) -> String?) throws -> (BatchRecord, [GenerationRecord]) {
        if let refusal = batchBudgetRefusal(plan) { throw refusal.error }
        let now = clock.now()
        let batch = BatchRecord(id: BatchRecord.newID(at: now), createdAt: now, name: plan.name, lines: plan.lines,
                                jobs: plan.items.count, estimateUSD: plan.unpriced == plan.items.count ? nil : plan.totalUSD)
        let jobs = try plan.items.map { item in
            let spec = try validSpec(item.prepared)
            let wire = registry.wire(model: spec.model, provider: spec.provider)
            let (record, stored) = try newRecord(item.prepared, spec: spec, providerID: spec.provider, synthetic: registry.isSandbox(spec.provider),
                                                 endpoint: endpoint(spec.provider), parent: nil, wire: wire)
            return (record: record, assets: stored, entry: QueueEntry(batchID: batch.id, queuedAt: now))
        }
        return (batch, try journal.enqueue(batch: batch, jobs: jobs))
    }

    /// Why a waiting job could not be sent now for money: the cap it would pass, with the numbers;
    /// nil when it fits (it may still wait for the provider's limits).
    public func budgetHold(_ record: GenerationRecord) throws -> BudgetRefusal? {
        guard let id = record.id else { return nil }
        let check = BudgetCheck(caps: budget)
        let now = clock.now()
        return try journal.writer.read { db in
            try check.refusal(for: record, batchID: try QueueEntry.fetchOne(db, key: id)?.batchID, in: db, now: now)
        }
    }

    /// Why a batch may not be queued as a whole: its takes' estimates over a `batch_usd` cap (sandbox
    /// takes cost nothing); nil when it fits.
    public func batchBudgetRefusal(_ plan: BatchPlan) -> BudgetRefusal? {
        let takes = plan.items.compactMap { item -> (provider: String, usd: Double)? in
            guard let spec = item.prepared.report.spec, !registry.isSandbox(spec.provider), let usd = item.costUSD else { return nil }
            return (spec.provider, usd)
        }
        return BudgetCheck(caps: budget).refusal(forBatch: takes)
    }

    /// Sends a job a dispatcher took from the queue (`Journal.takeNextWaiting`: now `submitting`,
    /// leased to this service). A submit refused with 429, or one that never left the machine, goes
    /// back to wait (after `Retry-After`, else a backoff with jitter) instead of failing. The lease the
    /// take gave is released after the send, or, with `keepLease`, kept for a job now at the service
    /// (its tracker, in this process, renews it).
    public func sendTaken(_ record: GenerationRecord, provider: VideoProvider, keepLease: Bool = false) async throws -> GenerationRecord {
        guard let id = record.id else { return record }
        var kept = false
        defer { if !kept { try? journal.release(id, by: owner) } }
        let spec = try record.spec()
        let wire = record.wireProtocol ?? registry.wire(model: spec.model, provider: spec.provider)
        let sent = try await send(record, spec: spec, provider: Self.provider(provider, wire: wire), fromQueue: true)
        kept = keepLease && sent.status.isActive
        return sent
    }

    private func validSpec(_ prepared: PreparedGeneration) throws -> GenerationSpec {
        guard let spec = prepared.report.spec else {
            throw StudioError(field: prepared.report.errors.first?.field ?? "draft", code: "draft.invalid",
                              message: prepared.report.errors.map(\.message).joined(separator: "; "),
                              fix: prepared.report.errors.first?.fix ?? "")
        }
        return spec
    }

    /// A new journal row for a validated spec (status `submitting`), with its inputs stored.
    private func newRecord(_ prepared: PreparedGeneration, spec: GenerationSpec, providerID: String, synthetic: Bool,
                           endpoint: String?, parent: (id: Int64, kind: String)?,
                           wire: WireProtocol) throws -> (GenerationRecord, [(role: String, asset: AssetRecord)]) {
        let now = clock.now()
        var stored: [(role: String, asset: AssetRecord)] = []
        for (role, media) in spec.inputMedia {
            guard let loaded = prepared.media.values.first(where: { $0.sha256 == media.sha256 }) else { continue }
            stored.append((role, try assets.store(loaded, ref: media, kind: media.mimeType.hasPrefix("video") ? "video" : "image", at: now)))
        }
        let hops = spec.mode == .extendVideo ? (prepared.extensionSource?.hops ?? 0) + 1 : 0
        let seconds = spec.mode == .extendVideo
            ? (prepared.extensionSource?.durationSeconds ?? 8) + addedSeconds(spec)
            : spec.effective.durationSeconds
        let specJSON = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        // The protocol that takes the job is decided here, journaled, and every later step goes by it.
        let record = GenerationRecord(
            id: nil, createdAt: now, updatedAt: now, provider: providerID, model: spec.model, mode: spec.mode,
            status: .submitting, prompt: spec.draft.prompt ?? "", negativePrompt: spec.draft.negativePrompt,
            specJSON: specJSON, requestJSON: nil, operationName: nil, submittedAt: nil, finishedAt: nil,
            costEstimateUSD: prepared.report.cost?.usd, errorCode: nil, errorMessage: nil, errorExplanation: nil,
            serverAnswerJSON: nil, raiCount: 0, raiReasonsJSON: nil,
            parentID: parent?.id ?? spec.draft.continues ?? prepared.extensionSource?.generationID,
            parentKind: parent?.kind ?? Self.lineageKind(spec, source: prepared.extensionSource),
            hops: hops, outputSeconds: seconds, pollCount: 0, synthetic: synthetic, endpoint: endpoint,
            wire: wire.rawValue)
        return (record, stored)
    }

    /// Builds the request from the stored inputs and sends it; journals what came back.
    private func send(_ record: GenerationRecord, spec: GenerationSpec, provider: VideoProvider, fromQueue: Bool) async throws -> GenerationRecord {
        guard let id = record.id else { return record }
        let request: WireRequest
        do {
            // Inputs are read from the asset store while the request is sent, never held whole.
            let streamed = StreamedMediaSource(store: assets)
            let sendable = try await provider.prepareInputs(spec, media: streamed)
            request = streamed.attach(to: try provider.submitRequest(for: sendable, media: streamed),
                                      media: sendable.inputMedia.map(\.media))
        } catch let error as StudioError {
            return try finishFailed(id, code: error.code, message: error.message, explanation: "nothing was sent: \(error.fix)")
        } catch {
            return try finishFailed(id, code: "request.build", message: "\(error)", explanation: "the request could not be built from the stored inputs")
        }
        let shownRequest = WireRequest(method: request.method, url: request.url, headers: request.redacted().headers,
                                       body: request.abbreviatedBody())
        let requestText = shownRequest.bodyText()
        do {
            let operation = try await provider.submit(request)
            try journal.recordSubmitted(id, operation: operation, request: requestText, at: clock.now())
            logger.info("submitted", metadata: ["generation": "\(id)", "operation": "\(operation)"])
        } catch let failure as ProviderFailure {
            switch failure {
            case .notSent(let reason) where fromQueue:
                try requeue(id, reason: "retry: \(Self.host(of: request.url)) unreachable", retryAfter: nil)
                logger.info("not sent, back in the queue", metadata: ["generation": "\(id)", "reason": "\(reason)"])
            case .notSent(let reason):
                try journal.forgetUnsent(id)
                throw StudioError(field: "network", code: "network.unreachable",
                                  message: "could not reach \(Self.host(of: request.url)) (\(Self.shortReason(reason))); nothing was sent or recorded",
                                  fix: "check the network connection, or the provider's base URL (--base-url)")
            case .http(let answer, let retryAfter) where fromQueue && answer.httpStatus == 429:
                try requeue(id, reason: Journal.refusedReason, retryAfter: retryAfter)
            case .http(let answer, _):
                let explanation = explainer.explain(answer, spec: spec)
                try journal.update(id, status: .failed, detail: "refused at submit: \(answer.message)", at: clock.now()) { r in
                    r.requestJSON = requestText
                    r.errorCode = explanation.code
                    r.errorMessage = "HTTP \(answer.httpStatus ?? 0) \(answer.status ?? ""): \(answer.message)"
                    r.errorExplanation = explanation.text
                }
            case .transport(let reason), .malformed(let reason):
                try journal.update(id, status: .unknown, detail: "submit answer lost: \(reason)", at: clock.now()) { r in
                    r.requestJSON = requestText
                    r.errorCode = "submit.answer_lost"
                    r.errorMessage = "the submit may have reached the service, but its answer was lost (\(Self.shortReason(reason)))"
                    r.errorExplanation = "it is not resubmitted on its own, so you are never charged twice — check the provider's console; if no video appears, run veo-studio rerun \(id)"
                }
            case .local(let error):
                _ = try finishFailed(id, code: error.code, message: error.message, explanation: error.fix)
            }
        }
        return try journal.generation(id) ?? record
    }

    /// Puts a job taken from the queue back to wait: after `Retry-After`, else a backoff with jitter
    /// that grows with its attempts.
    private func requeue(_ id: Int64, reason: String, retryAfter: Double?) throws {
        let attempts = try journal.queueEntry(of: id)?.attempts ?? 1
        let delay = policy.backoff(failures: attempts, retryAfter: retryAfter, random: random())
        try journal.returnToQueue(id, reason: reason, notBefore: clock.now().addingTimeInterval(delay), at: clock.now())
    }

    /// How a new generation descends from the one it builds on: a refinement, an extension or an edit of its video.
    static func lineageKind(_ spec: GenerationSpec, source: ExtensionSource?) -> String? {
        if spec.mode == .refine, spec.draft.continues != nil { return "refine" }
        guard source?.generationID != nil else { return nil }
        switch spec.mode {
        case .extendVideo: return "extend"
        case .edit: return "edit"
        case .upscale: return "upscale"
        default: return nil
        }
    }

    private func finishFailed(_ id: Int64, code: String, message: String, explanation: String) throws -> GenerationRecord {
        try journal.update(id, status: .failed, detail: message, at: clock.now()) { r in
            r.errorCode = code
            r.errorMessage = message
            r.errorExplanation = explanation
        }
        guard let record = try journal.generation(id) else {
            throw StudioError(field: "journal", code: "journal.missing", message: "generation \(id) vanished", fix: "")
        }
        return record
    }

    static func host(of url: String) -> String {
        URL(string: url)?.host.map { host in URL(string: url)?.port.map { "\(host):\($0)" } ?? host } ?? url
    }

    static func shortReason(_ text: String) -> String {
        text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}

extension WireRequest {
    /// The request as one JSON text (method, url, redacted headers, body) for the journal.
    func bodyText() -> String {
        let headerObject = JSONValue.object(Dictionary(headers.map { ($0.name, JSONValue.string($0.value)) },
                                                       uniquingKeysWith: { first, _ in first }))
        return JSONValue.object(["method": .string(method), "url": .string(url), "headers": headerObject,
                                 "body": body ?? .null]).encodedString()
    }
}
