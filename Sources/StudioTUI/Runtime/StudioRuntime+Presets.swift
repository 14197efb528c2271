import Foundation
import StudioCore

/// The presets panel's effects: list the saved presets, read one for the form, save the form as one.
extension StudioRuntime {
    func presetEffect(_ effect: StudioEffect) -> [StudioMessage] {
        switch effect {
        case .listPresets:
            // Listed as the CLI takes them: a preset a batch line would refuse is named with its cause, not offered.
            let presets = dependencies.presets.all().presets
            let problems = (try? ParameterCatalog.shared()).map { dependencies.presets.checked(reader: BatchSpecReader(catalog: $0)).problems } ?? [:]
            return [.presetsListed(presets.filter { problems[$0.name] == nil }.map { preset in
                PresetPanel.Entry(name: preset.name,
                                  summary: preset.values.keys.sorted().filter { $0 != "prompt" }
                                      .map { "\($0)=\(BatchSpecReader.display(preset.values[$0]))" }.joined(separator: " "),
                                  placeholders: preset.placeholders)
            }, problems: problems.keys.sorted().compactMap { problems[$0] })]
        case .loadPreset(let name):
            guard let catalog = try? ParameterCatalog.shared() else { return [.toast("preset \(name) could not be read: F6 lists what can")] }
            let checked = dependencies.presets.checked(reader: BatchSpecReader(catalog: catalog))
            guard let draft = checked.drafts[name] else {
                return [.toast("preset \(name) cannot be used: \(checked.problems[name] ?? "it is gone; F6 lists what can be")")]
            }
            return [.presetLoaded(name, draft)]
        case .savePreset(let name, let draft):
            do {
                let values = PresetStore.values(of: draft, catalog: try ParameterCatalog.shared())
                let file = try dependencies.presets.save(name, values: values)
                return [.toast("saved preset \(name) (\(values.keys.sorted().joined(separator: ", "))) in \(file.path)")]
            } catch let error as StudioError {
                return [.toast("not saved: \(error.message) — \(error.fix)")]
            } catch {
                return [.toast("not saved: \(error)")]
            }
        default:
            return []
        }
    }
}
