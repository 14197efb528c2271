import Foundation
import Testing
@testable import veo_studio

/// `--home DIR` works on every command `veo-studio --help` lists, before or after the subcommand.
@Suite(.serialized)
struct HomeOptionTests {
    /// Arguments that make each command parse and then stop harmlessly, with what it then says
    /// (`{home}` stands for the home given).
    /// A command added later without a line here fails the test, so the promise stays checked.
    static let harmless: [String: (arguments: [String], says: String)] = [
        "generate": (["--prompt", "x", "--duration", "5"], "durationSeconds"),
        "validate": (["--prompt", "x", "--json"], "\"valid\""),
        "request": (["--prompt", "x", "--json"], "\"method\""),
        "jobs": (["--json"], "["),
        "resume": (["--json"], "["),
        "history": (["--json"], "["),
        "show": (["999999"], "999999"),
        "rerun": (["999999"], "999999"),
        "extend": (["999999", "--prompt", "x"], "999999"),
        "refine": (["999999", "make it red"], "999999"),
        "cancel": (["999999"], "999999"),
        "rules": ([], "{home}"),
        "providers": ([], "{home}"),
        "queue": (["--json"], "["),
        "dispatch": (["--json"], "\"waiting\""),
        "batch": (["/nowhere/shots.jsonl", "--dry-run"], "cannot read /nowhere/shots.jsonl"),
        "ledger": (["--json"], "\"totals\""),
        "presets": ([], "{home}"),
        "story": (["/nowhere/film.toml", "--dry-run"], "cannot read /nowhere/film.toml"),
        "stitch": (["999999", "--out", "/nowhere/film.mp4"], "999999"),
        "studio": ([], "needs a terminal"),
        "emulator": (["--port", "70000"], "--port must be between 0 and 65535"),
        "terminal-check": (["--project", "p"], "--project does not apply to terminal-check"),
    ]

    /// The subcommands as `veo-studio --help` lists them.
    static func listedSubcommands() throws -> [String] {
        let help = try CLIRunner().runBare(["--help"]).stdout
        let section = try #require(help.components(separatedBy: "SUBCOMMANDS:").last)
        // A command's line starts with two spaces; wrapped descriptions start with more.
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else { return nil }
            return ["See", "help"].contains(word) ? nil : String(word)
        }
    }

    @Test func everyListedCommandTakesHomeBeforeAndAfterIt() throws {
        let commands = try Self.listedSubcommands()
        #expect(commands.count >= 13 && commands.contains("emulator") && commands.contains("generate"), "\(commands)")
        for command in commands {
            let harmless = try #require(Self.harmless[command], "add harmless arguments for `\(command)` to this test")
            let cli = CLIRunner()
            for arguments in [["--home", cli.home.path, command] + harmless.arguments,
                              [command, "--home", cli.home.path] + harmless.arguments] {
                let result = try cli.runBare(arguments)
                let said = result.stdout + result.stderr
                #expect(!said.contains("Unknown option"), "\(arguments): \(said)")
                let expected = harmless.says.replacingOccurrences(of: "{home}", with: cli.home.path)
                #expect(said.contains(expected), "\(arguments) should reach the command and say \(expected): \(said)")
            }
        }
    }

    @Test func theEmulatorKeepsItsStateUnderTheHome() throws {
        let inHome = try EmulatorCommand.parse(["--home", "/tmp/h1"])
        #expect(inHome.resolvedStateDirectory(environment: [:])?.path == "/tmp/h1/emulator")
        let fromEnvironment = try EmulatorCommand.parse([])
        #expect(fromEnvironment.resolvedStateDirectory(environment: ["VEO_STUDIO_HOME": "/tmp/h2"])?.path == "/tmp/h2/emulator")
        #expect(fromEnvironment.resolvedStateDirectory(environment: [:]) == nil, "no home: nothing persists, as before")
        let explicit = try EmulatorCommand.parse(["--home", "/tmp/h1", "--state-dir", "/tmp/s"])
        #expect(explicit.resolvedStateDirectory(environment: ["VEO_STUDIO_HOME": "/tmp/h2"])?.path == "/tmp/s")
    }

    @Test(arguments: ["--project", "--location"])
    func cloudPlaceIsRefusedByTheEmulatorWithTheReason(flag: String) {
        do {
            _ = try EmulatorCommand.parse([flag, "x"])
            Issue.record("\(flag) was accepted by the emulator")
        } catch {
            let message = EmulatorCommand.message(for: error)
            #expect(message.contains("\(flag) does not apply to the emulator") && message.contains("every project and location"), "\(message)")
        }
    }
}
