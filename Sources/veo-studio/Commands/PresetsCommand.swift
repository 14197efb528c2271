import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio presets`: the saved presets and prompt templates (TOML files in the config folder),
/// and `presets save NAME [spec flags]` to keep the flags given under a name.
struct PresetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets", abstract: "List saved presets and prompt templates, or save one.",
        subcommands: [List.self, Save.self], defaultSubcommand: List.self)

    /// `veo-studio presets [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the presets.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print [{\"name\", \"file\", \"fields\", \"placeholders\", \"problem\"}] as JSON.") var json = false

        func run() async throws {
            let context = try StudioContext(global: global)
            let store = context.presetStore
            let presets = store.all().presets
            let problems = context.presets().problems
            for name in problems.keys.sorted() { Output.stderr("warning: preset \(name) cannot be used: \(problems[name] ?? "")") }
            if json {
                Output.json(.array(presets.map { preset in
                    .object(["name": .string(preset.name), "file": .string(preset.file.path), "fields": .object(preset.values),
                             "placeholders": .array(preset.placeholders.map(JSONValue.string)),
                             "problem": problems[preset.name].map(JSONValue.string) ?? .null])
                }))
                return
            }
            guard !presets.isEmpty else {
                print("no presets yet: veo-studio presets save NAME [spec flags] keeps some, or write \(store.directory.path)/NAME.toml by hand")
                return
            }
            for preset in presets {
                let fields = preset.values.keys.sorted().filter { $0 != "prompt" }.map { "\($0)=\(BatchSpecReader.display(preset.values[$0]))" }
                let template = preset.placeholders.isEmpty ? "" : "  template: \(preset.placeholders.map { "{\($0)}" }.joined(separator: " "))"
                let broken = problems[preset.name] == nil ? "" : "  (cannot be used: see the warning above)"
                print("\(preset.name)  \(fields.joined(separator: " "))\(template)\(broken)")
            }
            print("(in \(store.directory.path); use with --preset NAME, and --var NAME=VALUE for a template)")
        }
    }

    /// `veo-studio presets save NAME [spec flags]`.
    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "save", abstract: "Save the spec flags given as a preset (replacing one of that name).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The preset's name: letters, digits, - and _.") var name: String
        @OptionGroup var spec: SpecOptions

        func run() async throws {
            let context = try StudioContext(global: global)
            let draft = try spec.draft(presets: context.presets(), fillingVars: false)
            let values = PresetStore.values(of: draft, catalog: try ParameterCatalog.shared())
            guard !values.isEmpty else { throw CLIFailure.badInput("error: no spec flag given: nothing to save under \(name)") }
            do {
                let file = try context.presetStore.save(name, values: values)
                print("saved \(name) (\(values.keys.sorted().joined(separator: ", "))) in \(file.path)")
            } catch let error as StudioError {
                throw CLIFailure.badInput("error: \(error.message) — \(error.fix)")
            }
        }
    }
}
