import Foundation
import Testing
@testable import StudioCore

/// Budget caps: a submission over a cap is refused with the numbers, a queued job waits with the
/// reason "budget", and the check and the reservation are one transaction.
struct BudgetTests {
    static func harness(daily: Double) throws -> ServiceHarness {
        var harness = try ServiceHarness(policy: TrackerPolicy(backoffBaseSeconds: 0.01, backoffMaxSeconds: 0.05))
        harness.service.budget = BudgetCaps(overall: .init(dailyUSD: daily))
        return harness
    }

    @Test func aSubmissionOverTheDailyCapIsRefusedWithTheNumbersAndNothingIsRecorded() async throws {
        let harness = try Self.harness(daily: 5)
        let provider = ScriptedProvider(polls: [ScriptedProvider.running])
        let first = try await harness.service.submit(harness.prepare(), provider: provider)
        #expect(first.status == .queued && first.costEstimateUSD == 3.2)
        do {
            _ = try await harness.service.submit(harness.prepare(prompt: "one more"), provider: provider)
            Issue.record("the second $3.20 job takes today over $5")
        } catch let error as StudioError {
            #expect(error.code == "budget.exceeded")
            #expect(error.message == "budget (today): $0.00 spent + $3.20 in flight + $3.20 this job = $6.40, over the cap of $5.00", "\(error.message)")
            #expect(error.fix.contains("daily_usd under [budget]"))
        }
        #expect(try harness.journal.newest(limit: 10).count == 1, "nothing of the refused job was written")
        #expect(provider.submits == 1, "and nothing was sent")
    }

    @Test func aSandboxJobIsNeverChargedSoNeverCapped() async throws {
        let harness = try Self.harness(daily: 0)
        let prepared = harness.prepare { $0.provider = "sandbox" }
        let record = try harness.service.enqueue(prepared)
        #expect(record.synthetic)
        let pick = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: harness.clock.now(), leaseUntil: harness.clock.now(),
                                                       limits: { _ in .none }) { db, job in
            try BudgetCheck(caps: harness.service.budget).refusal(for: job.record, batchID: nil, in: db, now: harness.clock.now())?.queueReason
        }
        #expect(pick.record?.id == record.id)
    }

    @Test func queuedJobsWaitForBudgetAndTheDispatcherStopsWhenOnlyBudgetHoldsThem() async throws {
        let harness = try Self.harness(daily: 5)
        let ids = try (0..<3).map { try harness.service.enqueue(harness.prepare(prompt: "shot \($0)")).id ?? 0 }
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        let dispatcher = QueueDispatcher(service: harness.service, limits: { _ in .none }, providerFor: { _ in (provider, 1) })
        let (ended, _) = try await harness.drive { try await dispatcher.run(follow: true) }
        #expect(ended.map(\.id) == [ids[0]] && ended.first?.status == .done, "one $3.20 job fits under $5")
        let waiting = try harness.journal.queue()
        #expect(waiting.map(\.record.id) == Array(ids.dropFirst()))
        #expect(waiting.allSatisfy { $0.entry.reason == "budget: today cap $5.00" }, "\(waiting.map(\.entry.reason))")
        #expect(provider.submits == 1)
    }

    @Test func twoTakersCannotBothPassACapWithTheLastDollar() throws {
        let harness = try Self.harness(daily: 4)
        _ = try (0..<2).map { try harness.service.enqueue(harness.prepare(prompt: "shot \($0)")) }
        let check = BudgetCheck(caps: harness.service.budget)
        let now = harness.clock.now()
        let picks = try [JobOwner(), JobOwner()].map { owner in
            try harness.journal.takeNextWaiting(owner: owner, now: now, leaseUntil: now, limits: { _ in .none }) { db, job in
                try check.refusal(for: job.record, batchID: nil, in: db, now: now)?.queueReason
            }
        }
        #expect(picks.compactMap(\.record).count == 1, "the first taker's job counts as in flight for the second")
    }

    @Test func aBatchCapAndAProviderCapApplyToTheirOwnJobs() throws {
        var harness = try ServiceHarness()
        harness.service.budget = BudgetCaps(overall: .init(batchUSD: 5), providers: ["gemini": .init(dailyUSD: 100)])
        let reader = BatchSpecReader(catalog: try ParameterCatalog.builtIn())
        let planner = BatchPlanner(service: harness.service, reader: reader, loader: InputLoader(baseDirectory: harness.folder.url),
                                   defaultProvider: "gemini")
        let lines = (1...3).map { BatchLine(number: $0, values: ["prompt": .string("shot \($0)"), "model": "veo-3.1-generate-preview"]) }
        let plan = planner.plan(BatchFile(name: "b.jsonl", lines: lines, problems: []))
        #expect(throws: StudioError.self, "$9.60 over a $5 batch cap is refused whole, nothing queued") {
            try harness.service.enqueue(plan, endpoint: { _ in nil })
        }
        #expect(try harness.journal.queue().isEmpty)
        // Queued before the cap was lowered: each take is still held by it.
        harness.service.budget = BudgetCaps()
        let (batch, _) = try harness.service.enqueue(plan, endpoint: { _ in nil })
        harness.service.budget = BudgetCaps(overall: .init(batchUSD: 5), providers: ["gemini": .init(dailyUSD: 100)])
        let check = BudgetCheck(caps: harness.service.budget)
        let now = harness.clock.now()
        var taken = 0
        for _ in 0..<3 {
            let pick = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: now, leaseUntil: now, limits: { _ in .none }) { db, job in
                try check.refusal(for: job.record, batchID: job.entry.batchID, in: db, now: now)?.queueReason
            }
            if pick.record != nil { taken += 1 }
        }
        #expect(taken == 1, "$3.20 fits a $5 batch cap once")
        #expect(try harness.journal.queue().first?.entry.reason == "budget: batch \(batch.id) cap $5.00")
    }
}

/// Notifications: the terminal's own where it has one (passed through tmux), a command with the
/// notice and never the caller's keys.
struct NotifyTests {
    @Test func eachTerminalGetsItsOwnNotificationOrNone() {
        #expect(TerminalNotification.sequence(title: "Veo Studio", body: "#7 done: a fox", environment: ["TERM_PROGRAM": "WezTerm"])
                == "\u{1B}]9;Veo Studio: #7 done: a fox\u{07}")
        #expect(TerminalNotification.sequence(title: "Veo; Studio", body: "#7 done", environment: ["TERM": "foot"])
                == "\u{1B}]777;notify;Veo, Studio;#7 done\u{07}")
        #expect(TerminalNotification.sequence(title: "t", body: "b", environment: ["TERM": "xterm-256color"]) == nil, "unknown: the bell instead")
        let wrapped = TerminalNotification.sequence(title: "t", body: "b\u{07}\u{1B}x", environment: ["TERM_PROGRAM": "ghostty", "TMUX": "/tmp/t"])
        #expect(wrapped == "\u{1B}Ptmux;\u{1B}\u{1B}]9;t: bx\u{07}\u{1B}\\", "control characters dropped, ESC doubled for tmux")
    }

    @Test func theCommandGetsTheNoticeAndNeverTheKeys() throws {
        let notice = JobNotice(jobID: 7, status: "done", outputPath: "/media/7.mp4", text: "#7 done: a fox")
        let environment = notice.environment(from: ["PATH": "/usr/bin", "GEMINI_API_KEY": "secret", "VEO_STUDIO_TASK_RELAY_API_KEY": "s2",
                                                    "DISPLAY": ":0"])
        #expect(environment == ["PATH": "/usr/bin", "DISPLAY": ":0", "VEO_STUDIO_JOB_ID": "7", "VEO_STUDIO_JOB_STATUS": "done",
                                "VEO_STUDIO_JOB_OUTPUT": "/media/7.mp4", "VEO_STUDIO_NOTICE": "#7 done: a fox"])
        let folder = TemporaryFolder()
        let out = folder.url.appendingPathComponent("notice.txt")
        #expect(NotifyCommand.run("echo \"$VEO_STUDIO_JOB_ID $VEO_STUDIO_JOB_STATUS $GEMINI_API_KEY\" > '\(out.path)'", notice: notice,
                                  environment: ["PATH": "/usr/bin:/bin", "GEMINI_API_KEY": "secret"]) == nil)
        var written = ""
        for _ in 0..<200 where !written.hasSuffix("\n") {
            written = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if !written.hasSuffix("\n") { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(written == "7 done \n", "the notice, and no key")
    }
}
