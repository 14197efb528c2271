import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// The Generate screen: keys → draft and effects, the core's check drawn beside the fields,
/// submit rules (problems, cost confirmation), re-run diffs, and the registry-driven field list.
@MainActor
struct GenerateFormTests {
    static let registry = StudioScreenTests.registry

    /// A form screen with the core's check carried out for real (in-memory journal).
    static func harness(size: Size = Size(width: 80, height: 24),
                        providerProblem: @escaping (String) -> ValidationIssue? = { _ in nil }) throws -> (AppModel, FormChecker) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-form-\(UUID().uuidString)")
        let service = GenerationService(journal: try Journal.inMemory(), registry: registry, prices: try PriceTable.builtIn(),
                                        assets: AssetStore(root: folder.appendingPathComponent("assets")),
                                        mediaRoot: folder.appendingPathComponent("media"))
        var model = AppModel(registry: registry)
        model.now = StudioScreenTests.now
        _ = StudioUpdate.apply(.resized(size), to: &model)
        return (model, FormChecker(service: service, workingDirectory: folder, providerProblem: providerProblem))
    }

    /// Applies a message and carries out the checks it asks for, like the runtime does.
    static func send(_ message: StudioMessage, _ model: inout AppModel, _ checker: FormChecker) -> [StudioEffect] {
        var effects = StudioUpdate.apply(message, to: &model)
        for effect in effects {
            if case .checkForm(let draft) = effect { effects += StudioUpdate.apply(.formChecked(checker.check(draft)), to: &model) }
        }
        return effects
    }

    static func focus(_ field: String, _ model: inout AppModel) {
        guard let entry = model.form.fields(registry).first(where: { $0.id == field }) else {
            Issue.record("no field \(field) on this form")
            return
        }
        model.form.focus(on: entry, registry)
    }

    @Test func typingAndChoosingBuildTheDraft() throws {
        var (model, checker) = try Self.harness()
        let effects = Self.send(.key(.function(2)), &model, checker)
        #expect(effects.contains { if case .checkForm = $0 { return true }; return false })
        #expect(model.inTextField, "the prompt has the keyboard")
        for character in "a red fox" { _ = Self.send(.key(.character(character)), &model, checker) }
        _ = Self.send(.key(.character("q")), &model, checker)
        #expect(model.form.prompt.text == "a red foxq", "q types in the prompt instead of quitting")
        Self.focus("durationSeconds", &model)
        #expect(!model.inTextField)
        let cycled = Self.send(.key(.right), &model, checker)
        #expect(model.form.draft.durationSeconds == 4, "from the default (8) Right wraps to the first choice")
        guard case .checkForm(let draft)? = cycled.first else {
            Issue.record("a change asks for a check")
            return
        }
        #expect(draft.prompt == "a red foxq" && draft.durationSeconds == 4)
        #expect(model.form.check?.report.cost?.usd == 1.6, "the cost follows: 4 s × $0.40")
    }

    @Test func forbiddenChoicesAreGreyedWithTheirReason() throws {
        var (model, checker) = try Self.harness()
        _ = Self.send(.key(.function(2)), &model, checker)
        model.form.draft.model = "veo-3.1-lite-generate-preview"
        Self.focus("resolution", &model)
        _ = StudioUpdate.apply(.formChecked(checker.check(model.form.submission(Self.registry))), to: &model)
        let fourK = model.form.check?.choices["resolution"]?.first { $0.value == "4k" }
        #expect(fourK?.blockedBy?.contains("Lite") == true, "4k is refused on Lite, with the reason")
        let buffer = StudioView.render(model)
        let text = buffer.textPicture.joined(separator: "\n")
        #expect(text.contains("not here (F5 lists why) — 4k:"), "the focused field says why a value is greyed")
        _ = StudioUpdate.apply(.key(.function(5)), to: &model)
        #expect(model.problems?.issues.contains { $0.code == "choice.greyed" && $0.message.hasPrefix("4k is greyed: ") } == true,
                "F5 has each greyed value's whole reason")
        try Snapshot.check(buffer, named: "generate-lite-80x24")
    }

    @Test func validatorIssuesAppearBesideTheirField() throws {
        var (model, checker) = try Self.harness(size: Size(width: 120, height: 40))
        _ = Self.send(.key(.function(2)), &model, checker)
        _ = Self.send(.paste("a slow dolly shot through a neon market at night"), &model, checker)
        model.form.draft.resolution = "1080p"
        model.form.draft.durationSeconds = 4
        Self.focus("seed", &model)
        _ = Self.send(.paste("12x"), &model, checker)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("Duration") && $0.contains("✗") }, "1080p needs 8 s: marked on the duration row")
        #expect(rows.contains { $0.contains("Seed") && $0.contains("not a whole number") })
        #expect(model.form.blockingIssues.count >= 2)
        try Snapshot.check(StudioView.render(model), named: "generate-issues-120x40")
    }

    @Test func submitRefusesProblemsAsksAboveTheThresholdAndSubmits() throws {
        var (model, checker) = try Self.harness()
        _ = Self.send(.key(.function(2)), &model, checker)
        Self.focus("durationSeconds", &model)
        #expect(Self.send(.key(.control("s")), &model, checker).isEmpty)
        #expect(model.toast?.contains("needs a prompt") == true)
        #expect(model.form.focus == "prompt", "the keyboard goes to the field to fix")
        _ = Self.send(.paste("a paper boat on a rainy street"), &model, checker)
        #expect(Self.send(.key(.control("s")), &model, checker).isEmpty, "$3.20 is above the $2 threshold: it asks first")
        #expect(model.confirmation?.question == "Submit for $3.20 (estimate)?", "the sandbox says it is an estimate")
        #expect(model.confirmation?.detail.hasPrefix("This is the sandbox: nothing is charged.") == true)
        _ = Self.send(.key(.character("n")), &model, checker)
        #expect(model.confirmation == nil && !model.form.submitting)
        _ = Self.send(.key(.control("s")), &model, checker)
        let effects = Self.send(.key(.character("y")), &model, checker)
        guard case .submit(let draft, nil, nil)? = effects.first else {
            Issue.record("y submits: \(effects)")
            return
        }
        #expect(draft.prompt == "a paper boat on a rainy street" && model.form.submitting)
        _ = Self.send(.submitFinished(9, "#9 queued"), &model, checker)
        #expect(model.screen == .operations && !model.form.submitting)
    }

    @Test func aCheapDraftSubmitsAtOnceAndAnUnlockedSeedIsCleared() throws {
        var (model, checker) = try Self.harness()
        _ = Self.send(.key(.function(2)), &model, checker)
        _ = Self.send(.paste("waves"), &model, checker)
        model.form.draft.durationSeconds = 4
        model.form.draft.seed = 42
        let refused = Self.send(.key(.control("s")), &model, checker)
        #expect(!refused.contains { if case .submit = $0 { return true }; return false }, "a stale check is redone before submitting")
        #expect(model.toast?.contains("seed") == true, "the Gemini API takes no seed: said before paying")
        model.form.draft.provider = "vertex"
        let effects = Self.send(.key(.control("s")), &model, checker)
        #expect(effects.contains { if case .submit = $0 { return true }; return false } && model.confirmation == nil, "$1.60 is under the threshold: \(model.toast ?? "")")
        _ = Self.send(.submitFinished(3, "#3 queued"), &model, checker)
        #expect(model.form.draft.seed == nil, "an unlocked seed is not reused")
        model.screen = .generate
        _ = Self.send(.key(.control("l")), &model, checker)
        #expect(model.form.seedLocked, "\(model.toast ?? "")")
        #expect(model.form.seedLocked && model.form.draft.seed != nil, "locking an empty seed makes one")
        let locked = model.form.draft.seed
        _ = Self.send(.submitFinished(4, "#4 queued"), &model, checker)
        #expect(model.form.draft.seed == locked)
    }

    @Test func rerunShowsTheDiffAgainstTheParent() throws {
        var (model, checker) = try Self.harness()
        var parent = GenerationDraft()
        parent.provider = "sandbox"
        parent.prompt = "a lighthouse in a storm"
        parent.durationSeconds = 8
        _ = Self.send(.formPrefilled(parent, FormParent(id: 5, kind: "rerun", draft: parent), replacing: false), &model, checker)
        #expect(model.screen == .generate && model.form.prompt.text == "a lighthouse in a storm")
        #expect(StudioView.render(model).textPicture.contains { $0.contains("same parameters as #5") })
        Self.focus("durationSeconds", &model)
        _ = Self.send(.key(.left), &model, checker)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("changed vs #5: durationSeconds 8 → 6") })
        _ = Self.send(.key(.control("s")), &model, checker)
        let effects = Self.send(.key(.character("y")), &model, checker)
        #expect(effects.contains { if case .submit(_, 5, "rerun") = $0 { return true }; return false }, "submitted as a child of #5")
        _ = Self.send(.submitFinished(6, "#6 queued"), &model, checker)
        #expect(model.form.parent == nil, "the next submit is a new generation")
    }

    @Test func vertexFieldsComeFromTheRegistry() throws {
        var (model, checker) = try Self.harness(size: Size(width: 120, height: 40))
        _ = Self.send(.key(.function(2)), &model, checker)
        let sandboxFields = model.form.fields(Self.registry).map(\.id)
        #expect(!sandboxFields.contains("storageUri"))
        Self.focus("provider", &model)
        for _ in 0..<20 where model.form.provider != "vertex-sandbox" { _ = Self.send(.key(.right), &model, checker) }
        #expect(model.form.provider == "vertex-sandbox")
        let vertexFields = model.form.fields(Self.registry).map(\.id)
        #expect(vertexFields.contains("storageUri") && vertexFields.contains("labels") && vertexFields.contains("compressionQuality"))
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("Bucket") } && rows.contains { $0.contains("Compression") })
        #expect(model.form.draft.model == nil, "a new provider starts at its default model")
    }

    @Test func theTabDecidesWhichInputsAreNeeded() throws {
        var (model, checker) = try Self.harness()
        _ = Self.send(.key(.function(2)), &model, checker)
        _ = Self.send(.key(.control("n")), &model, checker)
        #expect(model.form.mode == .imageToVideo)
        #expect(model.form.missingInputs.map(\.field) == ["image"])
        _ = Self.send(.key(.control("n")), &model, checker)
        #expect(model.form.missingInputs.map(\.field) == ["image", "lastFrame"])
        model.form.draft.image = "/nowhere/first.png"
        _ = Self.send(.key(.control("p")), &model, checker)
        _ = Self.send(.key(.control("p")), &model, checker)
        #expect(model.form.mode == .textToVideo)
        #expect(model.form.submission(Self.registry).image == nil, "a Text submit never carries the image of another tab")
    }

    @Test func pasteIsOneUndoStep() throws {
        var (model, checker) = try Self.harness()
        _ = Self.send(.key(.function(2)), &model, checker)
        _ = Self.send(.paste("line one\nline two — 長い文章 🎬"), &model, checker)
        #expect(model.form.prompt.text == "line one\nline two — 長い文章 🎬")
        _ = Self.send(.key(.control("z")), &model, checker)
        #expect(model.form.prompt.text.isEmpty)
    }

    @Test func aBurstOfKeysInATextFieldIsAPaste() {
        let keys: [Key] = [.character("a"), .character("b"), .enter, .character("c"), .function(3)]
        let inText = StudioRuntime.messages(from: keys, textField: true, size: { Size(width: 80, height: 24) })
        #expect(inText.count == 2)
        if case .paste(let text) = inText.first { #expect(text == "ab\nc") } else { Issue.record("expected a paste") }
        let outside = StudioRuntime.messages(from: keys, textField: false, size: { Size(width: 80, height: 24) })
        #expect(outside.count == 5, "outside text fields every key acts on its own")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func generateScreen(_ size: Size) throws {
        var (model, checker) = try Self.harness(size: size)
        _ = Self.send(.key(.function(2)), &model, checker)
        _ = Self.send(.paste("a paper boat on a rainy street, 雨の街 🎬"), &model, checker)
        try Snapshot.check(StudioView.render(model), named: "generate-\(size)")
    }
}
