import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// What a new user tripped over in a first hour with the studio, each held by a test: a key in the
/// conversation that quit, a selection scrolled out of sight, extension lengths, letters typed where
/// nothing types, the cursor after a submit, the pane's actions, where Esc goes back to, which issue
/// shows beside a field, a seed that cannot be locked, library picks in the picker.
@MainActor
struct FirstHourTests {
    typealias Screens = StudioScreenTests
    typealias Form = GenerateFormTests
    static let registry = StudioScreenTests.registry

    @Test func qInTheConversationQuitsNothingAndATypedInstructionIsKept() {
        var model = ConversationTests.openModel()
        ConversationTests.type("zoom out", &model)
        _ = StudioUpdate.apply(.key(.tab), to: &model)
        #expect(StudioUpdate.apply(.key(.character("q")), to: &model).isEmpty, "q on the turns does not quit")
        #expect(model.conversation != nil && model.toast?.hasPrefix("q does nothing here") == true)
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(model.conversation == nil && model.toast?.contains("t on #15 brings it back") == true)
        #expect(StudioUpdate.apply(.key(.control("q")), to: &model).isEmpty, "an instruction not sent is work: Ctrl-Q asks")
        #expect(model.confirmation?.detail.contains("instruction you typed and did not send is lost") == true)
        _ = StudioUpdate.apply(.key(.character("n")), to: &model)
        _ = StudioUpdate.apply(.conversationLoaded(ConversationTests.finishedChain()), to: &model)
        #expect(model.conversation?.instruction.text == "zoom out", "opening it again brings the instruction back")
    }

    @Test func theSelectedRowStaysInSightUnderALongMessage() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: (1...30).reversed().map { Screens.record(Int64($0), .done, "row \($0)", seconds: 9) })
        model.toast = String(repeating: "a status message long enough to take three rows of the status line ", count: 3)
        _ = StudioUpdate.apply(.key(.character("G")), to: &model)
        #expect(model.selectedID == 1)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("▸ #1 ") }, "the cursor row is drawn")
    }

    @Test func anExtensionShowsTheLengthOfItsVideo() {
        var extended = Screens.record(5, .done, "the camera rises", seconds: 30)
        extended.mode = .extendVideo
        extended.outputSeconds = 15
        let row = JobRow(summary: GenerationSummary(record: extended, durationSeconds: 8), now: Screens.now, latency: nil)
        #expect(row.length == "15 s", "the 8 s source plus Veo's 7 s")
        let detail = GenerationDetail(record: extended, outputs: [], events: [], children: [], inputs: [])
        #expect(!detail.lines.contains { $0.text.hasPrefix("+8 s") })
    }

    @Test func aGeminiOmniExtensionAsksHowManySecondsToAdd() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        model.form.selectMode(.extendVideo, Self.registry)
        #expect(!model.form.fields(Self.registry).contains { $0.id == "durationSeconds" }, "Veo adds a fixed 7 s")
        model.form.draft.model = "gemini-omni-1.1-flash"
        #expect(model.form.fields(Self.registry).contains { $0.id == "durationSeconds" }, "Gemini Omni adds what it is asked for")
    }

    @Test func lettersTypedIntoAChoiceSayWhereTypingGoes() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        Form.focus("model", &model)
        let before = model.form.draft
        _ = Form.send(.key(.character("t")), &model, checker)
        #expect(model.form.draft == before)
        #expect(model.toast?.hasPrefix("Model is a choice") == true, "not dropped silently")
    }

    @Test func afterASubmitOperationsPutsTheCursorOnTheNewJob() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.submitFinished(9, "#9 sent"), to: &model)
        Readings.read(&model, operations: [Screens.record(7, .running, "a", seconds: 40), Screens.record(8, .queued, "b", seconds: 3),
                                           Screens.record(9, .queued, "c", seconds: 1)])
        #expect(model.screen == .operations && model.selectedID == 9)
    }

    @Test func aPaneOpenedFromOperationsReRunsAndExtendsAndEscGoesBackToWhereItCameFrom() {
        var model = Screens.model()
        Readings.read(&model, operations: [Screens.record(7, .done, "a lighthouse", seconds: 40)])
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(StudioUpdate.apply(.key(.character("r")), to: &model) == [.rerun(7)])
        #expect(StudioUpdate.apply(.key(.character("e")), to: &model) == [.extend(7)])
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.video = .generation(id: 7)
        _ = StudioUpdate.apply(.formPrefilled(draft, FormParent(id: 7, kind: "extend", draft: draft), replacing: false), to: &model)
        #expect(model.screen == .generate)
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(model.screen == .history, "Esc goes back to History, where e was pressed")
    }

    @Test func theBlockingIssueShowsBesideItsFieldBeforeAWarning() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        let warning = ValidationIssue(field: "durationSeconds", code: "mode.disputed", message: "a warning first", fix: "", severity: .warning)
        let error = ValidationIssue(field: "durationSeconds", code: "duration.resolution", message: "1080p needs 8 s", fix: "set 8")
        model.form.check = FormCheck(draft: model.form.submission(Self.registry), report: ValidationReport(issues: [warning, error], spec: nil, cost: nil))
        #expect(GenerateView.issues(for: "durationSeconds", model.form).first?.message == "1080p needs 8 s")
        model.problems = ProblemList(issues: [error, warning])
        #expect(StudioView.render(model).textPicture.contains { $0.contains("1 problem, 1 warning") })
    }

    @Test func ctrlLWhereNoSeedIsTakenSaysSoInsteadOfUnlocking() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("waves"), &model, checker)
        _ = Form.send(.key(.control("l")), &model, checker)
        #expect(!model.form.seedLocked)
        #expect(model.toast?.hasPrefix("no seed to lock here") == true, "\(model.toast ?? "")")
    }

    @Test func aLibraryPickIsKnownAsChosen() {
        var picker = ImagePicker(target: .referenceImages, directory: "/", selection: [ReferenceImageInput(path: "/pics/a.png")])
        let stored = PickerEntry(name: "a.png", path: "/data/assets/ab/abcd.png", isDirectory: false, bytes: 1000,
                                 image: ImageInfo(format: .png, width: 64, height: 64, byteCount: 1000), origin: "/pics/a.png")
        #expect(picker.mark(for: stored) == "1")
        picker.toggle(stored)
        #expect(picker.selection.isEmpty, "Space on it unselects it")
    }

    @Test func historyCancelsAndRetriesAndDeclinedQuestionsSayWhatStayed() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [Screens.record(7, .running, "a lighthouse", seconds: 40)])
        _ = StudioUpdate.apply(.key(.character("x")), to: &model)
        #expect(model.confirmation?.question == "Cancel #7?")
        _ = StudioUpdate.apply(.key(.character("n")), to: &model)
        #expect(model.toast == "#7 goes on")
        _ = StudioUpdate.apply(.key(.character("R")), to: &model)
        #expect(model.confirmation?.question.hasPrefix("Retry #7") == true)
    }

    @Test func aCloudStorageImageOnTheGeminiAPIIsRefusedForWhatItIs() throws {
        let (_, checker) = try Form.harness()
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.prompt = "a harbour"
        draft.image = "gs://bucket/img.png"
        let issues = checker.check(draft).report.issues.filter { $0.field == "image" }
        #expect(!issues.contains { $0.message.hasPrefix("no file at") }, "\(issues.map(\.message))")
        #expect(issues.contains { $0.message.contains("Vertex AI only") }, "\(issues.map(\.message))")
    }
}
