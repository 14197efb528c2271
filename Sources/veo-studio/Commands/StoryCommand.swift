import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio story`: storyboards — shots chained into one film. `story FILE` validates and prices
/// the whole film, then runs it (the unfinished run of the same file resumes); `show`, `retake` and
/// `list` work on a storyboard in the journal.
struct StoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story", abstract: "Run a storyboard file: shots chained (extend, last-frame, ingredients, cut) and stitched into one film.",
        subcommands: [StoryRunCommand.self, StoryShowCommand.self, StoryRetakeCommand.self, StoryListCommand.self],
        defaultSubcommand: StoryRunCommand.self)
}

/// `veo-studio story FILE [--dry-run] [--wait] [--json]`.
struct StoryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Validate and price a storyboard file, then run it (story FILE is the same).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The storyboard (TOML): title, [defaults], then [[shot]] tables with prompt, continue, takes and any spec key.")
    var file: String
    @Flag(name: .customLong("dry-run"), help: "Validate and price every shot, then stop (exit 0 valid, 1 problems, 2 unreadable file).")
    var dryRun = false
    @Flag(help: "Send the shots in order and follow them to the stitched film.") var wait = false
    @Flag(help: "Make the film again as a new storyboard, though this file's was already run (each shot is paid again).") var again = false
    @Option(help: ArgumentHelp("Crossfade between shots when stitching, in seconds.", valueName: "SECONDS")) var crossfade: Double = 0
    @Flag(help: "Print {\"id\", \"status\", \"shots\": [{\"index\", \"generation\", \"status\", \"continue\"}], \"film\"} as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath).standardizedFileURL
        let service = try context.service()
        let planner = try context.storyboardPlanner(service: service, directory: url.deletingLastPathComponent().path)
        let text: String
        let document: StoryboardDocument
        let fileProblems: [BatchProblem]
        do {
            (document, fileProblems, text) = try StoryboardFile.read(url, reader: planner.reader)
        } catch let error as StudioError {
            throw CLIFailure(message: "error: \(error.message) — \(error.fix)", exitCode: 2)
        }
        let plan = planner.plan(document, problems: fileProblems)
        let runner = try context.storyboardRunner(service: service, directory: url.deletingLastPathComponent().path)
        if !json {
            StoryOutput.describe(plan)
            if plan.isValid, dryRun, !again, let (earlier, stale) = try runner.earlierRun(of: plan, text: text) {
                Output.stderr(stale.isEmpty
                    ? "storyboard \(earlier.id) ran this file: story FILE \(earlier.hasFilm ? "shows its film, nothing is sent again" : "resumes it")"
                    : "storyboard \(earlier.id) ran this file before it changed: story FILE makes shot(s) \(StoryOutput.list(stale)) again and keeps the others (--again makes them all anew)")
            }
        }
        guard plan.isValid, !dryRun else {
            if json { Output.json(StoryOutput.planJSON(plan)) }
            if plan.isValid { return }
            throw CLIFailure(message: json ? "" : "\(plan.problems.count) problem(s) above" + (dryRun ? "" : "; nothing was sent"), exitCode: 1)
        }
        let (board, remade) = try runner.start(plan, text: text, again: again)
        _ = try? service.markInterruptedSubmits()
        var state = try runner.advance(board.id)
        switch remade {
        case nil:
            Output.stderr("storyboard \(board.id): \(document.shots.count) shot(s); each chained shot is queued once the shot before has its video")
        case let stale? where !stale.isEmpty:
            Output.stderr("storyboard \(board.id): the file changed since its run: shot(s) \(StoryOutput.list(stale)) are made again, the others are kept (--again makes them all anew)")
        default:
            Output.stderr(board.hasFilm
                ? "storyboard \(board.id): this file's film is made already (nothing is sent again); --again makes it anew, story retake \(board.id) SHOT remakes a shot"
                : "storyboard \(board.id): resuming this file's run")
        }
        if wait {
            state = try await StoryRun(context: context, service: service, runner: runner, json: json).follow(board.id, crossfade: crossfade)
        } else if !state.board.hasFilm {
            Output.stderr("veo-studio story \(file) --wait (or the studio, F8) sends them and makes the film; veo-studio story show \(board.id) tells where it stands")
        }
        await context.close()
        if json { Output.json(StoryOutput.stateJSON(state)) } else { StoryOutput.lines(state).forEach { print($0) } }
        if wait, StoryOutput.status(of: state) != "done" { throw CLIFailure(message: "", exitCode: 1) }
    }
}

/// Follows a storyboard to its film, telling progress on standard error.
struct StoryRun {
    let context: StudioContext
    let service: GenerationService
    let runner: StoryboardRunner
    let json: Bool

    func follow(_ id: String, crossfade: Double) async throws -> StoryboardState {
        // Each shot's status as last said, so a line is printed once per change.
        let told = LockedBox<[Int: String]>([:])
        let driver = StoryboardDriver(runner: runner, dispatcher: context.dispatcher(service: service))
        var state = try await driver.run(id, onChange: { state in
            guard !json else { return }
            for shot in state.shots where told.withLock({ said in
                let now = shot.status + (shot.note ?? "")
                defer { said[shot.shot.index] = now }
                return said[shot.shot.index] != now
            }) {
                Output.stderr("shot \(shot.shot.index) \(shot.status)\(shot.chosen?.job?.id.map { " (#\($0))" } ?? "")\(shot.note.map { ": \($0)" } ?? "")")
            }
        })
        let filmMade = state.board.filmPath.map { FileManager.default.fileExists(atPath: $0) } ?? false
        if state.isComplete, !filmMade || !state.board.hasFilm {
            do {
                let film = try runner.stitch(id, crossfade: crossfade)
                if !json { Output.stderr("film: \(film.path) (\(film.method), \(String(format: "%.2f", film.seconds)) s)") }
                CLINotifier.tell(JobNotice(batchID: id, status: "done", text: "storyboard \(id): film \(film.path)"),
                                 settings: context.config.notify, environment: context.environment)
            } catch let error as StudioError {
                Output.stderr("error: the film: \(error.message) — \(error.fix)")
            }
            state = try runner.state(id)
        }
        return state
    }
}

/// `veo-studio story show ID [--json]`.
struct StoryShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a storyboard: its shots, takes, states and film.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The storyboard id (story list shows them).") var id: String
    @Flag(help: "Print it as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        let state = try context.storyboardRunner(service: service, storyboard: id).state(id)
        if json { Output.json(StoryOutput.stateJSON(state)) } else { StoryOutput.lines(state).forEach { print($0) } }
    }
}

/// `veo-studio story list`.
struct StoryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List storyboards, newest first.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print them as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let boards = try context.journal().storyboards()
        if json {
            Output.json(.array(boards.map { .object(["id": .string($0.id), "title": .string($0.title), "status": .string($0.status),
                                                     "file": .string($0.fileName), "film": $0.filmPath.map { .string($0) } ?? .null]) }))
        } else if boards.isEmpty {
            print("no storyboard yet: veo-studio story FILE runs one")
        } else {
            boards.forEach { print("\($0.id)  \($0.status.padding(toLength: 8, withPad: " ", startingAt: 0))  \($0.title)  (\($0.fileName))") }
        }
    }
}

/// `veo-studio story retake ID SHOT [spec flags] [--take N] [--wait]`: a tweaked shot, or another take
/// chosen, makes the shots chained after it stale; exactly those are made again, nothing before.
struct StoryRetakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retake", abstract: "Retake a shot (tweaked by spec flags), or choose another take; the shots chained after it are made again.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The storyboard id.") var id: String
    @Argument(help: "The shot (1 is the first).") var shot: Int
    @OptionGroup var spec: SpecOptions
    @Option(help: ArgumentHelp("Choose this take of the shot for the film instead of making it again.", valueName: "N")) var take: Int?
    @Flag(help: "Send the stale shots and follow them to the stitched film.") var wait = false
    @Option(help: ArgumentHelp("Crossfade between shots when stitching, in seconds.", valueName: "SECONDS")) var crossfade: Double = 0
    @Flag(help: "Print the storyboard as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        let runner = try context.storyboardRunner(service: service, storyboard: id)
        let state = try runner.state(id)
        guard state.shots.contains(where: { $0.shot.index == shot }) else {
            throw CLIFailure.badInput("error: SHOT: storyboard \(id) has shots 1–\(state.shots.count), not \(shot)")
        }
        var overrides = GenerationDraft()
        try spec.apply(to: &overrides, presets: context.presets(), fillingVars: false)
        var changed = PresetStore.values(of: overrides, catalog: try ParameterCatalog.shared())
        if let take {
            guard changed.isEmpty else {
                throw CLIFailure.badInput("error: --take chooses a take already made; spec flags make the shot again — give one or the other")
            }
            if let stale = try runner.choose(id, shot: shot, take: take) {
                Output.stderr("shot \(shot): take \(take) chosen" + (stale.isEmpty ? "" : "; shot(s) \(stale.map(String.init).joined(separator: ", ")) are made again from it"))
            } else {
                Output.stderr("shot \(shot): take \(take) is the film's already; nothing changed")
            }
        } else {
            for key in ["image", "last_frame"] { if let path = changed[key]?.stringValue { changed[key] = .string(Self.absolute(path)) } }
            if let refs = changed["refs"]?.arrayValue { changed["refs"] = .array(refs.compactMap(\.stringValue).map { .string(Self.absolute($0)) }) }
            do {
                let stale = try runner.retake(id, shot: shot, changing: changed)
                if !json { Output.stderr("shot(s) \(stale.map(String.init).joined(separator: ", ")) are made again; shots before \(shot) are kept") }
            } catch let error as StudioError {
                throw CLIFailure.failed("error: the retake is not valid: \(error.message) — \(error.fix); nothing was changed")
            }
        }
        _ = try runner.advance(id)
        var ended = try runner.state(id)
        if wait {
            ended = try await StoryRun(context: context, service: service, runner: runner, json: json).follow(id, crossfade: crossfade)
        } else if !ended.board.hasFilm {
            Output.stderr("--wait sends them and makes the film (so do veo-studio story FILE --wait and the studio, F8)")
        }
        await context.close()
        if json { Output.json(StoryOutput.stateJSON(ended)) } else { StoryOutput.lines(ended).forEach { print($0) } }
        if wait, StoryOutput.status(of: ended) != "done" { throw CLIFailure(message: "", exitCode: 1) }
    }

    /// A path given on the command line, made absolute (the storyboard reads paths from its own folder).
    static func absolute(_ path: String) -> String {
        InputLoader.isRemote(path) || path.hasPrefix("/") ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
