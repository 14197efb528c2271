import ArgumentParser
import Foundation
import StudioCore

/// The `veo-studio` command: a studio for Google's Veo video models.
@main
struct VeoStudio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veo-studio",
        abstract: "Make videos with Google's Veo models: validate, price, submit, track and keep every job.",
        discussion: """
        With no subcommand the terminal studio opens. With no credentials configured the provider is `sandbox`, a built-in emulator on 127.0.0.1 \
        whose outputs are synthetic. Set GEMINI_API_KEY (or GOOGLE_API_KEY) to use the Gemini API.
        """,
        version: "veo-studio \(StudioVersion.current)",
        subcommands: [
            GenerateCommand.self, ValidateCommand.self, RequestCommand.self, JobsCommand.self, ResumeCommand.self,
            HistoryCommand.self, ShowCommand.self, RerunCommand.self, ExtendCommand.self, RefineCommand.self, CancelCommand.self,
            RulesCommand.self, ProvidersCommand.self, QueueCommand.self, DispatchCommand.self, BatchCommand.self, PresetsCommand.self, LedgerCommand.self,
            StoryCommand.self, StitchCommand.self,
            StudioCommand.self, EmulatorCommand.self, TerminalCheckCommand.self,
        ],
        defaultSubcommand: StudioCommand.self
    )

    /// `--home DIR` may come before the subcommand; it is moved after it so every subcommand sees it.
    static func main() async {
        let arguments = ArgumentReorder.movingGlobalOptions(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let failure = CLIFailure.report(error) {
                if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
                Foundation.exit(failure.exitCode)
            }
            // A flag the command does not know or refuses is bad input too: exit 2 as the README says, not 64.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
