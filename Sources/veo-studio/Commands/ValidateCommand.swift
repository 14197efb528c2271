import ArgumentParser
import StudioCore

/// `veo-studio validate`: checks a spec against the rules and prices it; sends nothing.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a generation against the rules and estimate its cost; sends nothing.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var spec: SpecOptions
    @Flag(help: "Print {\"valid\", \"issues\", \"cost_estimate_usd\"} as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        var draft = try spec.draft(presets: context.presets())
        draft.provider = context.providerID(requested: draft.provider)
        let prepared = try context.service().prepare(draft)
        let report = prepared.report
        if json {
            Output.json(.object([
                "valid": .bool(report.isValid),
                "mode": .string(draft.mode.rawValue),
                "provider": .string(draft.provider ?? ""),
                "model": report.spec.map { .string($0.model) } ?? .null,
                "issues": .array(report.issues.map(Output.issueJSON)),
                "cost_estimate_usd": report.cost.map { .number($0.usd) } ?? .null,
            ]))
        } else {
            Output.issueLines(report.issues).forEach { print($0) }
            if let cost = report.cost { print("cost estimate: \(cost.summary)") }
            print(report.isValid ? "valid: \(draft.mode.phrase) on \(draft.provider ?? "")" : "not valid")
        }
        if !report.isValid { throw CLIFailure(message: "", exitCode: 1) }
    }
}
