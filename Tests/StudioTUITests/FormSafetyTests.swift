import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// No key loses typed work in the form, every problem is readable in full, each tab keeps its own
/// draft, and the form speaks of its own fields and keys, never of CLI flags.
@MainActor
struct FormSafetyTests {
    typealias Form = GenerateFormTests
    static let registry = StudioScreenTests.registry

    @Test func qOnEveryKindOfFieldKeepsTheStudioAndTheDraft() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("a paper boat on a rainy street"), &model, checker)
        model.form.selectMode(.imageToVideo, Self.registry)
        model.form.draft.image = "/pics/a.png"
        for field in model.form.fields(Self.registry) {
            model.form.focus(on: field, Self.registry)
            let before = model.form.current
            let effects = Form.send(.key(.character("q")), &model, checker)
            #expect(!effects.contains(.quit), "q on \(field.id) (\(field.kind)) does not quit")
            #expect(model.confirmation == nil)
            if [.prompt, .text, .number, .video].contains(field.kind) {
                _ = Form.send(.key(.backspace), &model, checker)
            } else {
                #expect(model.form.current == before, "q changes nothing on \(field.id)")
                #expect(model.toast?.contains("Ctrl-Q quits") == true)
            }
        }
        #expect(model.form.prompt.text == "a paper boat on a rainy street" && model.form.draft.image == "/pics/a.png")
        #expect(model.screen == .generate)
    }

    @Test func ctrlQWithAnUnsentDraftAsksAndSaysItIsKept() throws {
        var (model, checker) = try Form.harness()
        Readings.read(&model, operations: [])
        _ = Form.send(.paste("a paper boat"), &model, checker)
        #expect(Form.send(.key(.control("q")), &model, checker).isEmpty)
        #expect(model.confirmation?.detail == "Your unsent Text draft is kept for the next start.")
        #expect(Form.send(.key(.character("y")), &model, checker) == [.quit])
    }

    @Test func escInTheFormGoesBackKeepingTheDraft() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(4)), &model, checker)
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("kept"), &model, checker)
        _ = Form.send(.key(.escape), &model, checker)
        #expect(model.screen == .history && model.form.prompt.text == "kept")
        #expect(model.toast == "the draft is kept: F2 comes back to it")
    }

    @Test func homeEndAndPageKeysMoveOverTheFields() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        Form.focus("durationSeconds", &model)
        _ = Form.send(.key(.home), &model, checker)
        #expect(model.form.focus == "prompt")
        Form.focus("provider", &model)
        _ = Form.send(.key(.character("G")), &model, checker)
        #expect(model.form.focus == model.form.fields(Self.registry).last?.id)
        _ = Form.send(.key(.pageUp), &model, checker)
        let fields = model.form.fields(Self.registry).map(\.id)
        #expect(model.form.focus == fields[fields.count - 1 - GenerateUpdate.fieldPage])
    }

    /// A Text form with three problems (no prompt, 1080p at 4 s, an unreadable seed) after Ctrl-S.
    static func threeProblems(size: Size = Size(width: 80, height: 24)) throws -> (AppModel, FormChecker) {
        var (model, checker) = try Form.harness(size: size)
        _ = Form.send(.key(.function(2)), &model, checker)
        Form.focus("seed", &model)
        _ = Form.send(.paste("12x"), &model, checker)
        model.form.draft.resolution = "1080p"
        model.form.draft.durationSeconds = 4
        _ = Form.send(.key(.control("s")), &model, checker)
        return (model, checker)
    }

    @Test func threeProblemsAreAllReadableAt80x24() throws {
        var (model, checker) = try Self.threeProblems()
        let problems = try #require(model.problems, "Ctrl-S with several problems lists them")
        #expect(problems.issues.count >= 3)
        let screen = StudioView.render(model).textPicture.joined(separator: " ")
            .split(separator: " ").filter { !$0.isEmpty && !$0.contains("│") }.joined(separator: " ")
        for issue in problems.issues {
            let words = StudioAdvice.message(issue, registry: Self.registry).split(separator: " ").joined(separator: " ")
            #expect(screen.contains(words), "\"\(words)\" is on the screen whole")
        }
        try Snapshot.check(StudioView.render(model), named: "problems-80x24")
        _ = Form.send(.key(.down), &model, checker)
        let second = problems.issues[1]
        _ = Form.send(.key(.enter), &model, checker)
        #expect(model.problems == nil && second.field.hasPrefix(model.form.focus), "Enter goes to the problem's field")
        _ = Form.send(.key(.function(5)), &model, checker)
        #expect(model.problems != nil, "F5 lists them again")
    }

    @Test func aProviderWithoutKeyIsMarkedBesideProviderBeforeSubmitting() throws {
        let missing = ValidationIssue(field: "provider", code: "credentials.missing", message: "no API key for the Gemini API",
                                      fix: "export GEMINI_API_KEY=…")
        var (model, checker) = try Form.harness(providerProblem: { $0 == "gemini" ? missing : nil })
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("a kite"), &model, checker)
        Form.focus("endpoint", &model)
        _ = Form.send(.key(.right), &model, checker)
        #expect(model.form.provider == "gemini", "the Endpoint row takes the sandbox's provider to the service")
        Form.focus("provider", &model)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("Provider") && $0.contains("✗ no API key") }, "marked beside Provider")
        #expect(!rows.contains { $0.contains("ready — Ctrl-S submits") })
        #expect(rows.joined().contains("export GEMINI_API_KEY"), "the fix is on screen")
    }

    /// The line under the form speaks of the form's endpoint: switched to the service, it no longer
    /// says "synthetic videos, nothing charged".
    @Test func theStatusLineFollowsTheFormsEndpoint() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("a kite"), &model, checker)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("sandbox — synthetic videos, nothing charged") })
        Form.focus("endpoint", &model)
        _ = Form.send(.key(.right), &model, checker)
        let rows = StudioView.render(model).textPicture
        #expect(!rows.contains { $0.contains("costs shown are the real service") }, "\(rows.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("gemini — the service itself: each video is charged") })
    }

    /// Switched to a service with no key: the "no problems" said by F5 goes, and the fix names the
    /// Endpoint row (not a sandbox name the Provider row no longer shows).
    @Test func switchingToAServiceWithoutKeyClearsNoProblemsAndPointsToTheEndpointRow() throws {
        let missing = ValidationIssue(field: "provider", code: "credentials.missing", message: "no API key for the Gemini API",
                                      fix: "export GEMINI_API_KEY=…, or use --provider sandbox to try the built-in emulator")
        var (model, checker) = try Form.harness(size: Size(width: 120, height: 40), providerProblem: { $0 == "gemini" ? missing : nil })
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("a kite"), &model, checker)
        _ = Form.send(.key(.function(5)), &model, checker)
        #expect(model.toast == "no problems: Ctrl-S submits")
        Form.focus("endpoint", &model)
        _ = Form.send(.key(.right), &model, checker)
        #expect(model.toast == nil, "no longer true: \(model.toast ?? "")")
        _ = Form.send(.key(.function(5)), &model, checker)
        let rows = StudioView.render(model).textPicture.joined(separator: "\n")
        #expect(rows.contains("choose gemini in Provider and sandbox in Endpoint"), "\(rows)")
    }

    @Test func choiceRowsShowTheChosenValueInBracketsAndSayWhatTheyCut() throws {
        var (model, checker) = try Form.harness(size: Size(width: 100, height: 30))
        _ = Form.send(.key(.function(2)), &model, checker)
        Form.focus("provider", &model)
        for _ in 0..<20 where model.form.provider != "task-relay-sandbox" { _ = Form.send(.key(.right), &model, checker) }
        #expect(model.form.provider == "task-relay-sandbox")
        let row = try #require(StudioView.render(model).textPicture.first { $0.contains("Provider") })
        #expect(row.contains("[task-relay]"), "the chosen value reads without colour")
        #expect(!row.contains("…") && ["gemini", "vertex", "openai-relay", "maas-vertex", "comet-chat"].allSatisfy(row.contains),
                "each provider once, the whole row: \(row)")
        let endpoint = try #require(StudioView.render(model).textPicture.first { $0.contains("Endpoint") })
        #expect(endpoint.contains("[sandbox] service"), "\(endpoint)")
        Form.focus("model", &model)
        _ = Form.send(.key(.right), &model, checker)
        let modelRow = try #require(StudioView.render(model).textPicture.first { $0.contains("Model ") })
        #expect(!modelRow.contains("gemini-om "), "no value is cut in half")
    }

    @Test func eachTabKeepsItsOwnDraftAndARerunAsksBeforeReplacingOne() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("text tab prompt"), &model, checker)
        _ = Form.send(.key(.control("n")), &model, checker)
        #expect(model.form.mode == .imageToVideo && model.form.prompt.text == "text tab prompt", "a fresh tab starts from the last one")
        #expect(model.form.focus == "image", "the keyboard goes to the tab's input")
        Form.focus("prompt", &model)
        _ = Form.send(.key(.control("w")), &model, checker)
        _ = Form.send(.key(.control("p")), &model, checker)
        #expect(model.form.prompt.text == "text tab prompt", "the Text tab kept its own")
        #expect(model.form.unsentModes == [.textToVideo, .imageToVideo])
        var parent = GenerationDraft()
        parent.provider = "sandbox"
        parent.prompt = "a lighthouse"
        _ = Form.send(.formPrefilled(parent, FormParent(id: 5, kind: "rerun", draft: parent), replacing: false), &model, checker)
        #expect(model.confirmation?.question == "Replace the unsent Text draft?")
        let yes = Form.send(.key(.character("y")), &model, checker)
        #expect(yes == [.replaceTab(parent, parentID: 5, parentKind: "rerun")])
        _ = Form.send(.formPrefilled(parent, FormParent(id: 5, kind: "rerun", draft: parent), replacing: true), &model, checker)
        #expect(model.form.prompt.text == "a lighthouse" && model.form.parent?.id == 5)
        _ = Form.send(.key(.control("n")), &model, checker)
        #expect(model.form.parent == nil, "the re-run's parent stays with its tab")
        let title = StudioView.render(model).textPicture[1]
        #expect(title.contains("image to video") && !title.contains("#5"), "the title names this tab, not #5: \(title)")
    }

    @Test func aTabOnlyPassedThroughHoldsNoWorkToLose() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("only the text tab was typed in"), &model, checker)
        for _ in 0..<4 { _ = Form.send(.key(.control("n")), &model, checker) }
        for _ in 0..<4 { _ = Form.send(.key(.control("p")), &model, checker) }
        #expect(model.form.unsentModes == [.textToVideo], "the tabs passed through carry a copy, not work")
    }

    @Test func keptDraftsComeBackInTheirTabs() throws {
        var (model, checker) = try Form.harness()
        var text = GenerationDraft()
        text.provider = "sandbox"
        text.prompt = "from yesterday"
        var image = text
        image.prompt = "the image tab"
        image.image = "/pics/a.png"
        _ = Form.send(.draftsRestored([(.imageToVideo, ModeDraft(draft: image)), (.textToVideo, ModeDraft(draft: text))]), &model, checker)
        #expect(model.form.mode == .imageToVideo && model.form.prompt.text == "the image tab" && model.form.draft.image == "/pics/a.png")
        model.form.selectMode(.textToVideo, Self.registry)
        #expect(model.form.prompt.text == "from yesterday")
    }

    @Test func unlockingTheSeedClearsItAndAProviderThatRefusesOneUnlocksIt() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        _ = Form.send(.paste("waves"), &model, checker)
        Form.focus("provider", &model)
        for _ in 0..<20 where model.form.provider != "vertex-sandbox" { _ = Form.send(.key(.right), &model, checker) }
        #expect(model.form.provider == "vertex-sandbox")
        _ = Form.send(.key(.control("l")), &model, checker)
        #expect(model.form.seedLocked && model.form.draft.seed != nil)
        _ = Form.send(.key(.control("l")), &model, checker)
        #expect(!model.form.seedLocked && model.form.draft.seed == nil, "unlocking clears the number")
        _ = Form.send(.key(.control("l")), &model, checker)
        for _ in 0..<20 where model.form.provider != "task-relay-sandbox" { _ = Form.send(.key(.left), &model, checker) }
        #expect(model.form.provider == "task-relay-sandbox")
        #expect(!model.form.seedLocked && model.form.draft.seed == nil, "a provider that refuses a seed unlocks it")
        #expect(model.toast?.hasPrefix("seed unlocked and cleared") == true)
    }

    @Test func theFormNamesFieldsNotFlags() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        let issue = try #require(model.form.check?.issues(for: "prompt").first)
        #expect(StudioAdvice.fix(issue, registry: Self.registry) == "write a prompt (the Prompt field), or use the Image tab (Ctrl-N)")
        #expect(!StudioView.render(model).textPicture.joined(separator: "\n").contains("--"), "no CLI flag in the studio")
        for rule in Self.registry.document.rules {
            let fix = StudioAdvice.rewrite(rule.fix, registry: Self.registry)
            #expect(!fix.contains("--"), "rule \(rule.id): \(fix)")
        }
        #expect(StudioAdvice.rewrite("remove --seed, or use --provider vertex", registry: Self.registry) == "clear Seed, or choose vertex in Provider")
        #expect(StudioAdvice.rewrite("turn enhance prompt off (--no-enhance-prompt) for repeatable results", registry: Self.registry)
                    == "turn enhance prompt off (Enhance off) for repeatable results")
    }

    @Test func thePickerRefusesAStyleMarkWhereNoneIsTaken() throws {
        var (model, checker) = try Form.harness()
        _ = Form.send(.key(.function(2)), &model, checker)
        model.form.selectMode(.referenceImages, Self.registry)
        _ = Form.send(.formChecked(checker.check(model.form.submission(Self.registry))), &model, checker)
        #expect(model.form.check?.styleRefusal != nil, "Veo 3.1 on the sandbox takes no style image")
        Form.focus("referenceImages", &model)
        _ = Form.send(.key(.enter), &model, checker)
        _ = Form.send(.directoryListed("/pics", [PickerAndActionsTests.image("a.png")]), &model, checker)
        _ = Form.send(.key(.character(" ")), &model, checker)
        _ = Form.send(.key(.character("s")), &model, checker)
        #expect(model.picker?.selection.first?.kind == .asset && model.picker?.notice?.hasPrefix("no style image here — style images: not on") == true)
    }
}
