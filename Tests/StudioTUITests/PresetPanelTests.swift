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
        #expect(GenerateFormTests.send(.key(.enter), &model, checker) == [.loadPreset("vertical")])
        var preset = GenerationDraft()
        preset.aspectRatio = "9:16"
        preset.durationSeconds = 6
        preset.prompt = "a {animal} in the rain"
        _ = GenerateFormTests.send(.presetLoaded("vertical", preset), &model, checker)
        let draft = model.form.submission(GenerateFormTests.registry)
        #expect(draft.aspectRatio == "9:16" && draft.durationSeconds == 6 && draft.prompt == "a {animal} in the rain")
        #expect(model.toast == "preset vertical loaded: fill {animal} in the prompt")
        #expect(model.form.check?.report.warnings.contains { $0.code == "prompt.placeholder" } == true, "the form flags the unfilled placeholder")

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
