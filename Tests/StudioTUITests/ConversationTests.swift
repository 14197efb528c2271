import Foundation
import Testing
@testable import StudioCore
import TermUI
@testable import StudioTUI

/// The conversation pane: opened on a Gemini Omni generation (refused on Veo), typing the next
/// instruction, sending it as a refinement of the last finished turn, waiting while a turn runs,
/// following the new turn, and the chain with its lineage as drawn.
struct ConversationTests {
    static let registry = StudioScreenTests.registry
    static let now = StudioScreenTests.now
    static let omni = "gemini-omni-1.1-flash"

    static func turn(_ id: Int64, _ status: JobStatus, _ prompt: String, parent: Int64? = nil, output: String? = nil) -> ConversationTurn {
        let record = GenerationRecord(id: id, createdAt: now.addingTimeInterval(-60), updatedAt: now, provider: "sandbox", model: omni,
                                      mode: parent == nil ? .textToVideo : .refine, status: status, prompt: prompt, specJSON: "{}",
                                      operationName: "interactions/\(id)", submittedAt: now.addingTimeInterval(-30),
                                      finishedAt: status.isFinal ? now : nil, costEstimateUSD: 0.8, parentID: parent,
                                      parentKind: parent == nil ? nil : "refine", synthetic: true)
        return ConversationTurn(record: record, outputPath: output)
    }

    static func draft(continuing id: Int64, prompt: String? = nil) -> GenerationDraft {
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.model = omni
        draft.prompt = prompt
        draft.continues = id
        return draft
    }

    /// #12 (the first video) → #15 (a refinement), both done.
    static func finishedChain() -> ConversationChain {
        ConversationChain(turns: [turn(12, .done, "a blue car on a coastal road", output: "/videos/12.mp4"),
                                  turn(15, .done, "make it night", parent: 12, output: "/videos/15.mp4")],
                          nextDraft: draft(continuing: 15))
    }

    static func cost(_ usd: Double) -> CostEstimate {
        CostEstimate(usd: usd, pricePerSecond: usd / 8, billedSeconds: 8, samples: 1, withAudio: true, source: "test", asOf: "2026-11-22")
    }

    /// History listing an Omni generation (#15) and a Veo one (#5), the conversation of #15 open.
    static func openModel(_ chain: ConversationChain = finishedChain()) -> AppModel {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [chain.turns.last!.record, StudioScreenTests.record(5, .done, "a red fox", seconds: 90)])
        _ = StudioUpdate.apply(.conversationLoaded(chain), to: &model)
        return model
    }

    static func type(_ text: String, _ model: inout AppModel) {
        for character in text { _ = StudioUpdate.apply(.key(.character(character)), to: &model) }
    }

    @Test func theKeyOnAVeoGenerationSaysWhyItHasNoConversation() {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [StudioScreenTests.record(5, .done, "a red fox", seconds: 90)])
        #expect(StudioUpdate.apply(.key(.character("t")), to: &model).isEmpty)
        #expect(model.conversation == nil)
        #expect(model.toast?.contains("Veo (veo-3.1-generate-preview), which has no multi-turn") == true)
        #expect(model.toast?.contains("gemini-omni-1.1-flash") == true, "the toast names the model that converses")
        // A chain read for a generation the screens do not list is refused the same way.
        let veo = ConversationChain(turns: [ConversationTurn(record: StudioScreenTests.record(9, .done, "x", seconds: 5))])
        _ = StudioUpdate.apply(.conversationLoaded(veo), to: &model)
        #expect(model.conversation == nil && model.toast?.hasPrefix("#9 is Veo") == true)
    }

    @Test func theKeyOnAnOmniGenerationOpensItsConversation() throws {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        let chain = Self.finishedChain()
        Readings.read(&model, history: [chain.turns[1].record])
        #expect(StudioUpdate.apply(.key(.character("t")), to: &model) == [.loadConversation(15)])
        _ = StudioUpdate.apply(.conversationLoaded(chain), to: &model)
        let pane = try #require(model.conversation)
        #expect(pane.tipID == 15 && pane.selectedTurn?.id == 15, "the newest turn is selected")
        #expect(model.keyScope == .conversation && model.inTextField, "the keyboard is in the instruction")
        #expect(model.toast?.contains("turn 3") == true)
        // From Operations and from the detail pane too.
        model.conversation = nil
        _ = StudioUpdate.apply(.key(.function(3)), to: &model)
        Readings.read(&model, operations: [chain.turns[1].record, chain.turns[0].record])
        #expect(StudioUpdate.apply(.key(.character("t")), to: &model) == [.loadConversation(15)])
        _ = StudioUpdate.apply(.key(.down), to: &model)
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        Readings.read(&model, detail: GenerationDetail(record: chain.turns[0].record, outputs: [], events: [], children: [], inputs: []))
        #expect(StudioUpdate.apply(.key(.character("t")), to: &model) == [.loadConversation(12)])
    }

    @Test func enterSendsARefinementOfTheLastFinishedTurnThroughTheFormsSubmit() throws {
        var model = Self.openModel()
        Self.type("make the car red", &model)
        #expect(model.conversation?.instruction.text == "make the car red", "letters (o, t, q, k) type into the instruction")
        let expected = Self.draft(continuing: 15, prompt: "make the car red")
        #expect(StudioUpdate.apply(.key(.enter), to: &model) == [.checkForm(expected)], "the core checks and prices it first")
        let check = FormCheck(draft: expected, report: ValidationReport(issues: [], spec: nil, cost: Self.cost(0.8)))
        #expect(StudioUpdate.apply(.formChecked(check), to: &model) == [.submit(expected, parentID: 15, parentKind: "refine")])
        #expect(model.conversation?.sending == true && !model.form.submitting, "the form is not involved")
        #expect(StudioUpdate.apply(.key(.enter), to: &model).isEmpty && model.toast?.contains("already sending") == true)
        // The core recorded the new turn: the pane follows it at once (the views ask the journal for its chain).
        #expect(StudioUpdate.apply(.turnSubmitted(18, "#18 sent to sandbox"), to: &model).isEmpty)
        #expect(model.conversation?.tipID == 18 && model.conversation?.instruction.text == "" && model.screen == .history)
        #expect(model.journalQuery.conversationTipID == 18)
        var longer = Self.finishedChain()
        longer.turns.append(Self.turn(18, .queued, "make the car red", parent: 15))
        Readings.read(&model, conversation: longer)
        #expect(model.conversation?.chain.turns.map(\.id) == [12, 15, 18] && model.conversation?.selectedTurn?.id == 18)
    }

    @Test func aCostAboveTheThresholdIsConfirmedFirst() {
        var model = Self.openModel()
        Self.type("make the car red", &model)
        let expected = Self.draft(continuing: 15, prompt: "make the car red")
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        let check = FormCheck(draft: expected, report: ValidationReport(issues: [], spec: nil, cost: Self.cost(3.2)))
        #expect(StudioUpdate.apply(.formChecked(check), to: &model).isEmpty)
        #expect(model.confirmation?.question == "Send turn 3 for $3.20?")
        #expect(StudioUpdate.apply(.key(.character("y")), to: &model) == [.submit(expected, parentID: 15, parentKind: "refine")])
        #expect(model.conversation?.sending == true && !model.form.submitting)
    }

    @Test func theCoresRefusalIsSaidAndNothingIsSent() {
        var model = Self.openModel()
        Self.type("make the car red", &model)
        let expected = Self.draft(continuing: 15, prompt: "make the car red")
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        let issue = ValidationIssue(field: "continues", code: "refine.parent_not_done", message: "generation 15 is failed", fix: "wait for it")
        let check = FormCheck(draft: expected, report: ValidationReport(issues: [issue], spec: nil, cost: nil))
        #expect(StudioUpdate.apply(.formChecked(check), to: &model).isEmpty)
        #expect(model.toast == "not sent: generation 15 is failed — wait for it")
        #expect(model.conversation?.pending == nil && model.conversation?.sending == false)
        #expect(model.conversation?.instruction.text == "make the car red", "the instruction is kept to send again")
    }

    @Test func whileTheLastTurnRunsEnterQueuesNothingAndSaysItWaits() {
        var running = Self.finishedChain()
        running.turns.append(Self.turn(18, .running, "make the car red", parent: 15))
        var model = Self.openModel(running)
        Self.type("now add rain", &model)
        #expect(StudioUpdate.apply(.key(.enter), to: &model).isEmpty)
        #expect(model.toast?.contains("#18 is still running: the next turn waits for it") == true)
        #expect(model.conversation?.pending == nil)
        var finished = Self.finishedChain()
        finished.turns.append(Self.turn(18, .done, "make the car red", parent: 15, output: "/videos/18.mp4"))
        finished.nextDraft = Self.draft(continuing: 18)
        Readings.read(&model, conversation: finished)
        #expect(model.conversation?.chain.turns.last?.record.status == .done, "the journal's reading keeps the pane live")
        #expect(StudioUpdate.apply(.key(.enter), to: &model) == [.checkForm(Self.draft(continuing: 18, prompt: "now add rain"))])
    }

    @Test func aFailedLastTurnIsSkippedForTheLastFinishedOne() {
        var failed = Self.finishedChain()
        failed.turns.append(Self.turn(18, .failed, "make the car red", parent: 15))
        var model = Self.openModel(failed)
        Self.type("make the car green", &model)
        #expect(StudioUpdate.apply(.key(.enter), to: &model) == [.checkForm(Self.draft(continuing: 15, prompt: "make the car green"))])
        #expect(model.conversation?.nextTurnNumber == 3, "it continues #15, the second turn")
    }

    @Test func tabMovesToTheTurnsWhereOOpensAVideoAndEscCloses() {
        var model = Self.openModel()
        Self.type("o", &model)
        #expect(model.conversation?.instruction.text == "o")
        _ = StudioUpdate.apply(.key(.tab), to: &model)
        #expect(!model.inTextField)
        _ = StudioUpdate.apply(.key(.character("k")), to: &model)
        #expect(StudioUpdate.apply(.key(.character("o")), to: &model) == [.openOutput(12, sample: 0)])
        _ = StudioUpdate.apply(.key(.down), to: &model)
        #expect(StudioUpdate.apply(.key(.character("o")), to: &model) == [.openOutput(15, sample: 0)])
        #expect(StudioUpdate.apply(.key(.escape), to: &model).isEmpty)
        #expect(model.conversation == nil && model.screen == .history && model.keyScope == .history)
    }

    @Test func aPasteIsOneLineAndALineEndSendsIt() {
        var model = Self.openModel()
        #expect(StudioUpdate.apply(.paste("make the car\nred"), to: &model).isEmpty)
        #expect(model.conversation?.instruction.text == "make the car red")
        _ = StudioUpdate.apply(.key(.control("w")), to: &model)
        let effects = StudioUpdate.apply(.paste("blue\n"), to: &model)
        #expect(effects == [.checkForm(Self.draft(continuing: 15, prompt: "make the car blue"))])
    }

    @Test func anEmptyInstructionIsNotSent() {
        var model = Self.openModel()
        #expect(StudioUpdate.apply(.key(.enter), to: &model).isEmpty)
        #expect(model.toast?.hasPrefix("type what to change first") == true)
    }

    @Test func thePaneShowsTheChainWithItsLineageAndLiveStatus() throws {
        var chain = Self.finishedChain()
        chain.turns.append(Self.turn(18, .running, "make the car red", parent: 15))
        var model = Self.openModel(chain)
        Self.type("add rain", &model)
        let buffer = StudioView.render(model)
        try Snapshot.check(buffer, named: "conversation-80x24")
        let rows = buffer.textPicture
        #expect(rows.contains { $0.contains("lineage: #12 → #15 → #18") })
        #expect(rows.contains { $0.contains("turn 1") && $0.contains("#12") && $0.contains("done") && $0.contains("$0.80") })
        #expect(rows.contains { $0.contains("→ 15.mp4 (Tab, then o opens it)") })
        #expect(rows.contains { $0.contains("#18") && $0.contains("running") && $0.contains("make the car red") })
        #expect(rows.contains { $0.contains("#18 is running: the next turn waits for it") })
        #expect(rows.contains { $0.contains("add rain") })
        let newest = try #require(rows.lastIndex { $0.contains("#18") && $0.contains("turn 3") })
        #expect(rows.firstIndex { $0.contains("#12") && $0.contains("turn 1") }! < newest, "the newest turn is at the bottom")
    }

    @Test func aLongLineageKeepsItsNewestTurns() {
        let turns = (1...30).map { Self.turn(Int64($0), .done, "turn \($0)", parent: $0 == 1 ? nil : Int64($0 - 1)) }
        let lineage = ConversationChain(turns: turns).lineage(fitting: 30)
        #expect(lineage.hasPrefix("… → ") && lineage.hasSuffix("#29 → #30") && DisplayWidth.of(lineage) <= 30)
    }

    @Test func helpListsTheKeyAndThePanesKeys() {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        _ = StudioUpdate.apply(.key(.function(1)), to: &model)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("t ") && $0.contains("Turns") })
        var open = Self.openModel()
        _ = StudioUpdate.apply(.key(.function(1)), to: &open)
        let rows = StudioView.render(open).textPicture
        #expect(rows.contains { $0.contains("Help — Conversation (Gemini Omni)") })
        #expect(rows.contains { $0.contains("Send") } && rows.contains { $0.contains("Close the conversation") })
        _ = StudioUpdate.apply(.key(.escape), to: &open)
        #expect(open.conversation != nil, "Esc closes help first")
    }

    @Test func historyNamesTheParentOfARefinement() {
        let row = JobRow(record: Self.turn(18, .done, "make the car red", parent: 15).record, now: Self.now, latency: nil)
        #expect(row.line(width: 120).contains("Refine") && row.line(width: 120).contains("↳#15 make the car red"))
    }
}

/// The chain read from a real journal, and its next turn checked by the core as the form's drafts are.
@MainActor
struct ConversationJournalTests {
    @Test func theChainAndTheNextTurnComeFromTheCore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-conversation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try Journal.inMemory()
        let service = GenerationService(journal: journal, registry: ConversationTests.registry, prices: try PriceTable.builtIn(),
                                        assets: AssetStore(root: folder.appendingPathComponent("assets")),
                                        mediaRoot: folder.appendingPathComponent("media"))
        let first = try journal.recordNewGeneration(ConversationTests.turn(1, .done, "a blue car").record.with(id: nil), assets: [])
        let firstID = try #require(first.id)
        let output = OutputRecord(id: nil, generationID: firstID, sampleIndex: 0, path: "/videos/1.mp4", bytes: 1000, sha256: nil,
                                  remoteURI: nil, expiresAt: nil, mimeType: "video/mp4", createdAt: ConversationTests.now)
        try journal.recordOutput(output)
        let second = try journal.recordNewGeneration(ConversationTests.turn(2, .running, "make it night", parent: firstID).record.with(id: nil),
                                                     assets: [])
        let secondID = try #require(second.id)
        let chain = try #require(ConversationChain.load(secondID, service: service))
        #expect(chain.turns.map(\.id) == [firstID, secondID])
        #expect(chain.turns.first?.outputPath == "/videos/1.mp4")
        #expect(chain.turnInProgress?.id == secondID && chain.lastFinished?.id == firstID)
        var next = try #require(chain.nextDraft)
        #expect(next.continues == firstID && next.model == ConversationTests.omni && next.provider == "sandbox")
        next.prompt = "make the car red"
        let check = FormChecker(service: service, workingDirectory: folder).check(next)
        #expect(check.report.errors.isEmpty, "\(check.report.errors.map(\.message))")
        #expect(check.report.cost != nil, "the turn is priced for the confirmation")
    }
}

private extension GenerationRecord {
    func with(id: Int64?) -> GenerationRecord {
        var copy = self
        copy.id = id
        return copy
    }
}
