import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// The queue in Operations: each waiting job's place or hold, why it waits, the keys that hold,
/// reorder and remove it, Ctrl-B in the form, and a quit that says the queue is kept.
@MainActor
struct QueueViewTests {
    static func waiting(_ id: Int64, position: Int?, reason: String?) -> GenerationSummary {
        var summary = Readings.summaries([StudioScreenTests.record(id, .waiting, "queued shot \(id)", seconds: 5)])[0]
        summary.queue = QueuedJob(record: summary.record,
                                  entry: QueueEntry(generationID: id, paused: position == nil, reason: reason, queuedAt: StudioScreenTests.now),
                                  position: position)
        return summary
    }

    static func model(size: Size = Size(width: 80, height: 24)) -> AppModel {
        var model = StudioScreenTests.model(size: size)
        var snapshot = model.journal
        snapshot.query = model.journalQuery
        snapshot.operations = Readings.summaries([StudioScreenTests.record(7, .running, "a lighthouse in a storm", seconds: 40)])
            + [waiting(9, position: 1, reason: "quota: 10 requests a minute"), waiting(10, position: nil, reason: "paused")]
        _ = StudioUpdate.apply(.journalRead(snapshot), to: &model)
        _ = StudioUpdate.apply(.key(.function(3)), to: &model)
        return model
    }

    @Test func operationsShowsPlaceHoldAndWhyEachJobWaits() {
        let wide = Snapshot.text(StudioView.render(Self.model(size: Size(width: 120, height: 30)))).split(separator: "\n").map(String.init)
        let title = wide.first { $0.contains("Operations —") } ?? ""
        #expect(title.contains("1 running, 2 waiting (1 held)"), "\(title)")
        let placed = wide.first { $0.contains("#9 ") } ?? ""
        #expect(placed.contains("waiting 1") && placed.contains("quota"), "\(placed)")
        #expect(wide.first { $0.contains("#10 ") }?.contains("held") == true)
        let narrow = Snapshot.text(StudioView.render(Self.model())).split(separator: "\n").map(String.init)
        #expect(narrow.first { $0.contains("#9 ") }?.contains("waiting 1") == true, "the place shows at 80 columns too")
    }

    @Test func theDetailPaneSaysWhyAJobWaitsWithTheBudgetsNumbers() throws {
        var service = GenerationService(journal: try Journal.inMemory(), registry: GenerateFormTests.registry, prices: try PriceTable.builtIn(),
                                        assets: AssetStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("veo-hold-\(UUID().uuidString)")),
                                        mediaRoot: FileManager.default.temporaryDirectory)
        service.budget = BudgetCaps(overall: .init(dailyUSD: 1))
        func queued(_ reason: String?, paused: Bool = false) throws -> GenerationRecord {
            let now = Date()
            return try service.journal.enqueue(
                GenerationRecord(createdAt: now, updatedAt: now, provider: "gemini", model: "veo-3.1-generate-preview", mode: .textToVideo,
                                 status: .waiting, prompt: "a heron", specJSON: "{}", costEstimateUSD: 3.2),
                assets: [], entry: QueueEntry(paused: paused, reason: reason, queuedAt: now))
        }
        let money = try queued("budget: today cap $1.00")
        let hold = try #require(GenerationDetail.hold(of: money, service: service))
        #expect(hold.contains("waits for money: budget (today): $0.00 spent + $0.00 in flight + $3.20 this job = $3.20, over the cap of $1.00"), "\(hold)")
        #expect(hold.contains("raise daily_usd under [budget]"))
        var detail = GenerationDetail(record: money, outputs: [], events: [], children: [], inputs: [])
        detail.hold = hold
        #expect(detail.lines.contains { $0.text == hold && $0.role == .warning }, "the pane says it whole")
        #expect(GenerationDetail.hold(of: try queued("paused", paused: true), service: service)?.hasPrefix("held") == true)
        #expect(GenerationDetail.hold(of: try queued("running: 2 of 2 at once"), service: service) == "waits: running: 2 of 2 at once")
    }

    @Test func aStrayQInADetailPaneClosesThePaneAndNeverQuits() {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(model.panel != nil, "Enter opens the job's detail")
        let effects = StudioUpdate.apply(.key(.character("q")), to: &model)
        #expect(!effects.contains(.quit) && model.confirmation == nil, "q over a pane is not quit: \(effects)")
        #expect(model.panel == nil, "q closes the pane, as in a pager")
    }

    @Test func holdReorderAndRemoveActOnQueuedJobsOnly() {
        var model = Self.model()
        #expect(StudioUpdate.apply(.key(.character("p")), to: &model).isEmpty, "#7 runs: p does nothing to it")
        #expect(model.toast?.contains("not waiting in the queue") == true)
        _ = StudioUpdate.apply(.key(.character("j")), to: &model)
        #expect(StudioUpdate.apply(.key(.character("p")), to: &model) == [.changeQueue(9, .toggleHold)])
        #expect(StudioUpdate.apply(.key(.character("K")), to: &model) == [.changeQueue(9, .front)])
        #expect(StudioUpdate.apply(.key(.character("J")), to: &model) == [.changeQueue(9, .back)])
        #expect(StudioUpdate.apply(.key(.character("x")), to: &model).isEmpty)
        #expect(model.confirmation?.question == "Remove #9 from the queue?")
        #expect(model.confirmation?.detail.contains("nothing is charged") == true)
        #expect(StudioUpdate.apply(.key(.character("y")), to: &model) == [.cancelJob(9)])
    }

    @Test func quittingSaysTheQueueIsKept() {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.control("q")), to: &model)
        #expect(model.confirmation?.detail.contains("2 jobs wait in the queue") == true, "\(model.confirmation?.detail ?? "")")
        #expect(model.confirmation?.detail.contains("(1 held: sent only once released with p)") == true,
                "a held job is not sent at the next start: \(model.confirmation?.detail ?? "")")
    }

    @Test func aQueuedJobIsSaidToBeWaitingNotQueued() {
        let text = StudioRuntime.queuedMessage(id: 4, place: 2, provider: "sandbox")
        #expect(text.hasPrefix("#4 waiting in the queue, 2nd in line — sent when sandbox's limits allow"), "\(text)")
        #expect(!text.contains("queued"), "queued is the service's word for a job it accepted")
    }

    @Test func ctrlBQueuesTheFormInsteadOfSendingIt() throws {
        var (model, checker) = try GenerateFormTests.harness()
        _ = GenerateFormTests.send(.key(.function(2)), &model, checker)
        GenerateFormTests.focus("prompt", &model)
        _ = GenerateFormTests.send(.paste("a kite over the dunes"), &model, checker)
        #expect(GenerateFormTests.send(.key(.control("b")), &model, checker).isEmpty, "$3.20 is above the threshold: it asks first")
        #expect(model.confirmation?.question == "Queue for $3.20 (estimate)?", "\(model.confirmation?.question ?? model.toast ?? "")")
        let effects = GenerateFormTests.send(.key(.character("y")), &model, checker)
        #expect(effects.contains { if case .enqueue = $0 { return true }; return false }, "\(effects)")
        #expect(!effects.contains { if case .submit = $0 { return true }; return false })
    }
}
