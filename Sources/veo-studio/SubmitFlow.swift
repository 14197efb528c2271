import Foundation
import StudioCore

/// What generate, rerun and extend share: validate, refuse with clear issues, submit, optionally
/// track to the end with progress on stderr, print the result, and exit non-zero unless it is done.
struct SubmitFlow {
    let context: StudioContext
    let wait: Bool
    let json: Bool
    let baseURL: String?
    /// Queue instead of sending at once (`--queue`); with `wait`, dispatch the queue until this job ends.
    var queue = false

    func run(_ draft: GenerationDraft, parent: (id: Int64, kind: String)? = nil,
             changes: [(field: String, before: JSONValue?, after: JSONValue?)] = []) async throws {
        let service = try context.service()
        noteEarlierJobs(service)
        let prepared = service.prepare(draft)
        for change in changes {
            Output.stderr("changed \(change.field): \(Self.show(change.before)) → \(Self.show(change.after))")
        }
        if parent != nil, changes.isEmpty { Output.stderr("no parameter changed: the same request again") }
        Output.issueLines(prepared.report.warnings).forEach(Output.stderr)
        guard prepared.report.isValid else {
            Output.issueLines(prepared.report.errors).forEach(Output.stderr)
            throw CLIFailure.badInput("not submitted: \(prepared.report.errors.count) problem(s) above; nothing was sent or recorded")
        }
        if let cost = prepared.report.cost { Output.stderr("cost estimate: \(cost.summary)") }
        do {
            let providerID = draft.providerID
            // A child (re-run, extension, refinement) on its parent's provider goes where the parent went.
            let inherited = parent.flatMap { try? service.journal.generation($0.id) }.flatMap { $0.provider == providerID ? $0.endpoint : nil }
            let named = baseURL ?? inherited
            if queue {
                try await enqueue(prepared, service: service, endpoint: context.endpoint(providerID, baseURL: named), parent: parent)
                await context.close()
                return
            }
            let (provider, scale) = try await context.provider(providerID, baseURL: named)
            if provider.isSynthetic { Output.stderr("sandbox: outputs are synthetic, made by the built-in emulator; nothing is charged") }
            var record: GenerationRecord
            do {
                record = try await service.submit(prepared, provider: provider, endpoint: context.endpoint(providerID, baseURL: named),
                                                  parent: parent)
            } catch let refusal as StudioError where refusal.code == "budget.exceeded" && json {
                Output.json(.object(["id": .null, "status": .null, "operation": .null, "outputs": .array([]),
                                     "error": Output.errorJSON(refusal)]))
                throw CLIFailure(message: "", exitCode: 1)
            }
            let id = record.id ?? 0
            Output.stderr("#\(id) \(record.status.rawValue)\(record.operationName.map { " — operation \($0)" } ?? "")")
            if wait, record.status == .queued {
                record = try await service.track(id, provider: provider, latencyScale: scale) { event in
                    Output.stderr("#\(event.generationID) \(event.status.rawValue): \(event.message)")
                }
                let video = try service.journal.outputs(of: id).first { $0.path != nil }?.path
                CLINotifier.tell(JobNotice(record: record, outputPath: video), settings: context.config.notify, environment: context.environment)
            }
            try report(record, service: service)
            await context.close()
        } catch {
            await context.close()
            throw error
        }
    }

    /// Journals the job as waiting; with `wait`, runs a dispatcher until the queue is sent and this
    /// job has ended.
    private func enqueue(_ prepared: PreparedGeneration, service: GenerationService, endpoint: String?,
                         parent: (id: Int64, kind: String)?) async throws {
        var record = try service.enqueue(prepared, endpoint: endpoint, parent: parent)
        let id = record.id ?? 0
        let position = try service.journal.queue().first { $0.record.id == id }?.position
        Output.stderr("#\(id) waiting in the queue\(position.map { " (position \($0))" } ?? ""): nothing is sent until a dispatcher takes it")
        if let hold = try service.budgetHold(record) {
            Output.stderr("  it waits for money: \(hold.message) — \(hold.fix)")
        }
        if wait {
            let dispatcher = context.dispatcher(service: service)
            _ = try await dispatcher.run(follow: true, onSent: { sent in
                Output.stderr("#\(sent.id ?? 0) \(sent.status.rawValue)\(sent.operationName.map { " — operation \($0)" } ?? "")")
            }, onEvent: { event in
                Output.stderr("#\(event.generationID) \(event.status.rawValue): \(event.message)")
            })
            record = try service.journal.generation(id) ?? record
            if record.status == .waiting {
                let reason = try service.journal.queueEntry(of: id)?.reason
                try report(record, service: service)
                throw CLIFailure.failed("#\(id) still waits\(reason.map { " (\($0))" } ?? "") — it stays queued: veo-studio dispatch --wait sends it once it may go")
            }
        } else if !json {
            Output.stderr("  send it: veo-studio dispatch --wait  (the studio sends the queue while it is open)")
        }
        try report(record, service: service)
    }

    /// Prints the result and turns a failed ending into a non-zero exit.
    func report(_ record: GenerationRecord, service: GenerationService) throws {
        let outputs = try service.journal.outputs(of: record.id ?? 0)
        if json {
            Output.json(Output.generationResult(record, outputs: outputs))
        } else {
            print(Output.rowLine(record))
            for output in outputs where output.path != nil {
                print("  \(output.path ?? "")  \(output.bytes ?? 0) bytes  sha256 \(output.sha256 ?? "")")
            }
            if let message = record.errorMessage { print("  \(message)") }
            if let explanation = record.errorExplanation { print("  → \(explanation)") }
            if !wait, record.status == .queued {
                print("  tracking: veo-studio resume --wait  (or veo-studio show \(record.id ?? 0))")
            }
        }
        // With --wait anything short of done is a failure to deliver (a download that could not be
        // written stays resumable, but the video is not here).
        if [.failed, .filtered, .unknown].contains(record.status) || (wait && record.status == .downloading) {
            throw CLIFailure(message: "", exitCode: 1)
        }
    }

    /// Marks crashed submits `unknown` and mentions jobs an earlier run left unfinished.
    private func noteEarlierJobs(_ service: GenerationService) {
        _ = try? service.markInterruptedSubmits()
        let now = Date()
        let orphans = ((try? service.journal.unfinished()) ?? []).filter { record in
            guard let id = record.id else { return false }
            return (try? service.journal.otherLiveOwner(of: id, than: service.owner, now: now)) == nil
        }
        if !orphans.isEmpty { Output.stderr("\(orphans.count) unfinished job(s) from earlier that nothing tracks: veo-studio resume --wait tracks them") }
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(unset)" }
        if case .string(let text) = value { return text }
        return value.encodedString()
    }
}
