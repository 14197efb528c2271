import ArgumentParser
import Foundation
import StudioCore
import StudioTUI
import TermUICurses

/// `veo-studio studio`: the terminal studio — watch jobs live in Operations, browse and search
/// History; jobs left unfinished by an earlier run resume at start.
struct StudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio", abstract: "Open the terminal studio: live operations and the history browser.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Theme: default, high-contrast, mono, or one in the config folder's themes/ (NO_COLOR selects mono).")
    var theme: String?

    @MainActor
    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIFailure.badInput("the studio needs a terminal (stdin and stdout are not one); for scripts use the subcommands: veo-studio --help")
        }
        let context = try StudioContext(global: global)
        let catalog = ThemeCatalog(configDirectory: context.paths.configDirectory)
        let chosen = try catalog.resolve(requested: theme ?? context.config.theme, environment: context.environment)
        let service = try context.service()
        let providerID = context.providerID(requested: nil)
        let runtime = StudioRuntime(backend: CursesTerminal(theme: chosen), dependencies: .init(
            service: service, providerName: providerID, synthetic: context.isSandbox(providerID),
            provider: { id, endpoint in try await context.provider(id, baseURL: endpoint) },
            endpoint: { id in context.endpoint(id, baseURL: nil) },
            latencyScale: { id in context.latencyScale(id) },
            shouldStop: { terminationSignal.load(ordering: .relaxed) != 0 },
            confirmCostAboveUSD: context.config.confirmCostAboveUSD, dataDirectory: context.paths.dataDirectory,
            providerProblem: { id in context.readinessProblem(id) }, limits: { id in context.limits(id) },
            presets: context.presetStore, notify: context.config.notify, environment: context.environment))
        await runtime.run()
        await context.close()
    }
}
