import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio request`: prints the exact HTTP request `generate` would send (secrets redacted).
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Print the exact HTTP request generate would send; sends nothing.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var spec: SpecOptions
    @Flag(help: "Print {\"method\", \"url\", \"headers\", \"body\"} as JSON.") var json = false
    @Flag(help: "Print a runnable curl command that reads the key (or a gcloud token) at run time.") var curl = false

    func run() async throws {
        let context = try StudioContext(global: global)
        var draft = try spec.draft(presets: context.presets())
        draft.provider = context.providerID(requested: draft.provider)
        let prepared = try context.service().prepare(draft)
        Output.issueLines(prepared.report.warnings).forEach(Output.stderr)
        guard let validSpec = prepared.report.spec, prepared.report.isValid else {
            Output.issueLines(prepared.report.errors).forEach(Output.stderr)
            throw CLIFailure.badInput("no request: \(prepared.report.errors.count) problem(s) above")
        }
        let provider = try context.previewProvider(draft.providerID, baseURL: spec.baseURL)
        let request = try provider.submitRequest(for: validSpec, media: LoadedMediaSource(files: Array(prepared.media.values)))
            .redacted()
        if curl {
            print(CurlCommand.make(request, provider: draft.providerID, registry: context.registry))
        } else if json {
            Output.json(.object([
                "method": .string(request.method), "url": .string(request.url),
                "headers": .object(Dictionary(request.headers.map { ($0.name, JSONValue.string($0.value)) },
                                              uniquingKeysWith: { first, _ in first })),
                "body": request.body ?? .null,
            ]))
        } else {
            print("\(request.method) \(request.url)")
            request.headers.forEach { print("\($0.name): \($0.value)") }
            print("")
            print(request.body?.encodedString(pretty: true) ?? "")
        }
    }
}
