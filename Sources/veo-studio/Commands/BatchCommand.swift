import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio batch FILE`: every line validated and priced before anything is sent, then queued as
/// one batch (all lines or none) and, with `--wait`, sent under each provider's limits and followed
/// to a summary. Exit 0 when all is well, 1 for problems (or a take that failed), 2 for a file that
/// cannot be read.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Queue a batch file of specs (JSON Lines or CSV), each line with its takes.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The batch: JSON Lines (one spec object per line) or CSV (a header row of keys). Keys are the spec flags' names in snake_case, plus preset, vars and variants.")
    var file: String
    @Option(help: "Takes of every line (a line's own variants key wins): different seeds where the provider takes a seed, else separate submissions.")
    var variants: Int = 1
    @Flag(name: .customLong("dry-run"), help: "Validate and price every line, then stop (exit 0 valid, 1 problems, 2 unreadable file).")
    var dryRun = false
    @Flag(help: "Send the batch under each provider's limits and follow it to a summary.") var wait = false
    @Flag(help: "Print {\"batch\", \"file\", \"valid\", \"lines\", \"jobs\", \"problems\", \"total_usd\", \"unpriced\", and with --wait \"summary\"} as JSON; a refusal adds \"error\".")
    var json = false

    func validate() throws {
        guard (1...20).contains(variants) else { throw ValidationError("--variants \(variants): write 1 to 20 takes") }
    }

    func run() async throws {
        let context = try StudioContext(global: global)
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let batchFile: BatchFile
        do {
            batchFile = try BatchFile.read(url)
        } catch let error as StudioError {
            if json { Output.json(.object(["error": Output.errorJSON(error)])) }
            throw CLIFailure(message: "error: \(error.message) — \(error.fix)", exitCode: 2)
        }
        let service = try context.service()
        let planner = BatchPlanner(service: service, reader: BatchSpecReader(catalog: try ParameterCatalog.shared(), presets: context.presets()),
                                   loader: InputLoader(baseDirectory: url.deletingLastPathComponent()),
                                   defaultProvider: context.providerID(requested: nil))
        let plan = planner.plan(batchFile, variants: variants)
        if !json { describe(plan) }
        // A batch over its cap is refused whole: its takes past the cap would wait for ever.
        if plan.isValid, let refusal = service.batchBudgetRefusal(plan) {
            await context.close()
            if json { Output.json(BatchOutput.json(plan, batch: nil, jobs: [], service: service, error: refusal.error)) }
            throw CLIFailure(message: json ? "" : "error: \(refusal.message) — \(refusal.fix)\(dryRun ? "" : "; nothing was queued")", exitCode: 1)
        }
        guard plan.isValid, !dryRun else {
            if json { Output.json(BatchOutput.json(plan, batch: nil, jobs: [], service: service)) }
            if plan.isValid { return }
            throw CLIFailure(message: json ? "" : "\(plan.problems.isEmpty ? "no line to queue" : "\(plan.problems.count) problem(s) above")"
                                 + (dryRun || json ? "" : "; nothing was queued"), exitCode: 1)
        }
        let (batch, jobs) = try service.enqueue(plan, endpoint: { context.endpoint($0, baseURL: nil) })
        try BatchOutput.writeSidecar(batch, plan: plan, jobs: jobs, service: service, media: context.paths.media)
        if !json { Output.stderr("batch \(batch.id): \(jobs.count) job(s) queued — \(wait ? "sending as each provider's limits allow" : "veo-studio dispatch --wait sends them (the studio does while open)")") }
        var ended = jobs
        if wait {
            let progress = BatchProgress(jobs: jobs)
            do {
                _ = try await context.dispatcher(service: service).run(follow: true, onSent: progress.sent, onEvent: progress.event)
            } catch {
                await context.close()
                throw error
            }
            ended = try service.journal.jobs(inBatch: batch.id)
            progress.finish(ended)
            let done = ended.filter { $0.status == .done }.count
            CLINotifier.tell(JobNotice(batchID: batch.id, status: done == ended.count ? "done" : "ended",
                                       text: "batch \(batch.id): \(done) of \(ended.count) done"),
                             settings: context.config.notify, environment: context.environment)
            try BatchOutput.writeSidecar(batch, plan: plan, jobs: ended, service: service, media: context.paths.media)
        }
        await context.close()
        if json {
            Output.json(BatchOutput.json(plan, batch: batch, jobs: ended, service: service, followed: wait))
        } else if wait {
            BatchOutput.summaryLines(ended, service: service).forEach { print($0) }
        }
        // The dispatcher stops with takes it may not send (a day's or month's cap, paused): said, and not success.
        let held = wait ? ended.filter { $0.status == .waiting } : []
        if !held.isEmpty {
            let reasons = Set(held.compactMap { record in record.id.flatMap { try? service.journal.queueEntry(of: $0)?.reason } }).sorted()
            throw CLIFailure(message: "\(held.count) take(s) still wait\(reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))") — "
                                 + "they stay queued: `veo-studio queue` lists them, `veo-studio dispatch --wait` sends them once they may go",
                             exitCode: 1)
        }
        if wait, ended.contains(where: { [.failed, .filtered, .unknown].contains($0.status) }) {
            throw CLIFailure(message: "", exitCode: 1)
        }
    }

    /// The plan for people: each problem by line (stderr); a dry run's lines, each with its takes,
    /// model and cost; then the lines, takes and total cost (stdout: the answer).
    private func describe(_ plan: BatchPlan) {
        for problem in plan.problems { Output.stderr("error   " + problem.text) }
        if dryRun {
            for (line, items) in Dictionary(grouping: plan.items, by: \.line).sorted(by: { $0.key < $1.key }) {
                guard let first = items.first, let spec = first.prepared.report.spec else { continue }
                let cost = items.compactMap(\.costUSD).reduce(0, +)
                let e = spec.effective
                print("line \(line)  ×\(items.count)  \(spec.provider)  \(spec.model)  \(e.durationSeconds) s \(e.aspectRatio) \(e.resolution)  "
                      + "\(items.contains { $0.costUSD == nil } ? "price unknown" : CostEstimate.dollars(cost))  \(Output.head(first.prepared.draft.prompt ?? "", 40))")
            }
        }
        let unpriced = plan.unpriced > 0 ? " (\(plan.unpriced) take(s) without a known price)" : ""
        print("\(plan.name): \(plan.lines) line(s), \(plan.items.count) take(s), \(CostEstimate.dollars(plan.totalUSD)) if every take succeeds\(unpriced)")
    }
}
