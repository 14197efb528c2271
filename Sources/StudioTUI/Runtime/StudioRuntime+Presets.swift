import Foundation
import StudioCore

/// The presets panel's effects: list the saved presets, read one for the form, save the form as one.
extension StudioRuntime {
    func presetEffect(_ effect: StudioEffect) -> [StudioMessage] {
        switch effect {
        case .listPresets:
            let (presets, problems) = dependencies.presets.all()
            return [.presetsListed(presets.map { preset in
                PresetPanel.Entry(name: preset.name,
                                  summary: preset.values.keys.sorted().filter { $0 != "prompt" }
                                      .map { "\($0)=\(BatchSpecReader.display(preset.values[$0]))" }.joined(separator: " "),
                                  placeholders: preset.placeholders)
            }, problems: problems)]
        case .loadPreset(let name):
            guard let catalog = try? ParameterCatalog.shared(), let preset = try? dependencies.presets.preset(named: name) else {
                return [.toast("preset \(name) could not be read: F6 lists what can")]
            }
            return [.presetLoaded(name, PresetStore.draft(of: preset, reader: BatchSpecReader(catalog: catalog)))]
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
