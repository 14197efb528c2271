import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// F6 on the form: the presets listed, one loaded over the form (a template's placeholders said),
/// the form saved under a typed name.
@MainActor
struct PresetPanelTests {
    @Test func loadAPresetOverTheFormAndSaveTheFormAsOne() throws {
        var (model, checker) = try GenerateFormTests.harness()
        _ = GenerateFormTests.send(.key(.function(2)), &model, checker)
        GenerateFormTests.focus("prompt", &model)
        _ = GenerateFormTests.send(.paste("a kite"), &model, checker)
        #expect(GenerateFormTests.send(.key(.function(6)), &model, checker) == [.listPresets])
        let entries = [PresetPanel.Entry(name: "vertical", summary: "aspect_ratio=9:16 duration=6", placeholders: ["animal"])]
        _ = GenerateFormTests.send(.presetsListed(entries, problems: ["/cfg/presets/broken.toml line 1: …"]), &model, checker)
        let picture = StudioView.render(model).textPicture
        #expect(picture.contains { $0.contains("vertical  aspect_ratio=9:16 duration=6  template: {animal}") }, "\(picture)")
        #expect(picture.contains { $0.contains("! /cfg/presets/broken.toml line 1") }, "a preset that cannot be read is named")
        let long = "/cfg/presets/bad.toml: colour: no such key — use one of: aspect_ratio, audio, duration, negative_prompt, resolution, seed, the-end"
        _ = GenerateFormTests.send(.presetsListed(entries, problems: [long]), &model, checker)
        let wrapped = StudioView.render(model).textPicture.joined(separator: "\n")
        #expect(wrapped.contains("the-end"), "a long problem is wrapped, read whole at 80 columns: \(wrapped)")
        #expect(GenerateFormTests.send(.key(.enter), &model, checker) == [.loadPreset("vertical")])
        var preset = GenerationDraft()
        preset.aspectRatio = "9:16"
        preset.durationSeconds = 6
        preset.prompt = "a {animal} in the rain"
        _ = GenerateFormTests.send(.presetLoaded("vertical", preset), &model, checker)
        let draft = model.form.submission(GenerateFormTests.registry)
        #expect(draft.aspectRatio == "9:16" && draft.durationSeconds == 6 && draft.prompt == "a {animal} in the rain")
        #expect(model.toast == "preset vertical loaded: fill {animal} in the prompt")
        #expect(model.form.check?.report.errors.contains { $0.code == "prompt.placeholder" } == true,
                "the form refuses the unfilled placeholder: sent as typed, the braces would be read literally")
        #expect(GenerateFormTests.send(.key(.control("s")), &model, checker).allSatisfy { if case .submit = $0 { false } else { true } },
                "Ctrl-S does not send a template with holes")
        #expect(model.confirmation == nil && model.toast?.contains("{animal} is a template placeholder left unfilled") == true,
                "nor asks to pay for it: it says what to fill (\(model.toast ?? ""))")
        let marked = StudioView.render(model).textPicture
        #expect(marked.contains { $0.contains("✗ see below") } && !marked.contains { $0.contains("✗ needed") },
                "a prompt that is there is not said to be needed: \(marked)")

        _ = GenerateFormTests.send(.key(.function(6)), &model, checker)
        _ = GenerateFormTests.send(.presetsListed(entries, problems: []), &model, checker)
        _ = GenerateFormTests.send(.key(.character("s")), &model, checker)
        for character in "rainy" { _ = GenerateFormTests.send(.key(.character(character)), &model, checker) }
        let effects = GenerateFormTests.send(.key(.enter), &model, checker)
        guard case .savePreset("rainy", let saved)? = effects.first else {
            Issue.record("Enter saves under the typed name: \(effects)")
            return
        }
        #expect(saved.aspectRatio == "9:16" && model.presets == nil)
    }

    @Test func aNamePastedIntoTheNameBoxStaysThere() throws {
        var (model, checker) = try GenerateFormTests.harness()
        _ = GenerateFormTests.send(.key(.function(2)), &model, checker)
        GenerateFormTests.focus("prompt", &model)
        _ = GenerateFormTests.send(.paste("a kite"), &model, checker)
        _ = GenerateFormTests.send(.key(.function(6)), &model, checker)
        _ = GenerateFormTests.send(.presetsListed([PresetPanel.Entry(name: "vertical", summary: "", placeholders: [])], problems: []), &model, checker)
        _ = GenerateFormTests.send(.key(.character("s")), &model, checker)
        _ = GenerateFormTests.send(.paste("studio_saved\n"), &model, checker)
        #expect(model.presets?.naming == "studio_saved", "the paste goes to the name box")
        #expect(model.form.submission(GenerateFormTests.registry).prompt == "a kite", "the prompt behind it is untouched")
        let effects = GenerateFormTests.send(.key(.enter), &model, checker)
        guard case .savePreset("studio_saved", _)? = effects.first else {
            Issue.record("Enter saves under the pasted name: \(effects)")
            return
        }
    }

    @Test func aBadNameIsRefusedAndEscGoesBack() throws {
        var (model, checker) = try GenerateFormTests.harness()
        _ = GenerateFormTests.send(.key(.function(2)), &model, checker)
        _ = GenerateFormTests.send(.presetsListed([], problems: []), &model, checker)
        #expect(model.presets?.naming == "", "with none saved yet, the panel asks for a name at once")
        for character in "../x" { _ = GenerateFormTests.send(.key(.character(character)), &model, checker) }
        #expect(GenerateFormTests.send(.key(.enter), &model, checker).isEmpty)
        #expect(model.toast?.contains("letters, digits, - and _") == true)
        _ = GenerateFormTests.send(.key(.escape), &model, checker)
        #expect(model.presets == nil)
    }
}
