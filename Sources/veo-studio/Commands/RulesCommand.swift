import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio rules`: the effective rules and prices, each with its source and date.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Print the effective rules and prices with their sources and dates.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the rules document as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let document = context.registry.document
        if json {
            Output.json(try JSONValue.decode(JSONEncoder().encode(document)))
            return
        }
        print("rules \(document.version) from \(context.registry.origin)")
        print("(drop a rules.json or prices.json into \(context.paths.configDirectory.path) to override)")
        print("\nProviders")
        for provider in document.providers {
            print("  \(provider.id): \(provider.name) — reference types \(provider.referenceTypeSpelling.sorted { $0.key < $1.key }.map(\.value).joined(separator: "/")), images \(provider.imageMimeTypes.joined(separator: ", ")) ≤ \(provider.maxImageBytes / 1_048_576) MB [\(provider.source), \(provider.as_of)]")
        }
        print("\nModels")
        for model in document.models {
            print("  \(model.name) (\(model.family))")
            for (provider, id) in model.ids.sorted(by: { $0.key < $1.key }) {
                let modes = (model.modes[provider] ?? []).map(\.phrase).joined(separator: ", ")
                print("    \(provider): \(id) — \(modes) [\(model.modesSource), \(model.modesAsOf)]")
            }
            for life in model.lifecycle {
                print("    \(life.provider): \(life.status.rawValue)\(life.date.map { " \($0)" } ?? "") — \(life.note) [\(life.source), \(life.as_of)]")
            }
        }
        print("\nRules")
        for rule in document.rules {
            print("  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(rule.id): \(rule.message) — \(rule.fix) [\(rule.source), \(rule.as_of)]")
        }
        print("\nPrices (\(context.prices.currency) \(context.prices.unit))")
        for entry in context.prices.entries {
            let price = entry.perRequest.map { "\($0) per request" } ?? "audio \(entry.audio), silent \(entry.silent)"
            print("  \(entry.family) \(entry.provider ?? "any provider") \(entry.resolution): \(price) [\(entry.source), \(entry.as_of)]")
        }
    }
}
