import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio providers`: each provider once, its sandbox, the protocols its models go through,
/// and whether it can send from this configuration.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the providers, their sandboxes and the protocols their models go through.",
        discussion: "With --json: one entry per provider and protocol (Veo, and Gemini Omni with each delivery), as the proofs iterate them.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one JSON entry per provider and protocol.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let matrix = ProviderMatrix(registry: context.registry, prices: context.prices)
        if json {
            Output.json(try JSONValue.decode(JSONEncoder().encode(matrix.cases)))
            return
        }
        for entry in context.registry.providers {
            let ready = context.readinessProblem(entry.id).map { "not ready: \($0.message)" } ?? "ready"
            print("\(entry.id) — \(entry.name)")
            print("  sandbox: \(entry.sandbox?.id ?? "none")   \(ready)")
            for found in matrix.cases where found.provider == entry.id {
                print("  \(found.wire): \(found.model)\(found.delivery.map { ", \($0) delivery" } ?? "")")
            }
        }
    }
}
