import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio stitch ID... --out FILE [--crossfade SECONDS] [--json]`: generations (or a storyboard's
/// chosen takes) joined into one MP4 — by stream copy when the clips match, else re-encoded.
struct StitchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stitch", abstract: "Join generations (or a storyboard's shots) into one MP4 with ffmpeg.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Generation ids in film order, or one storyboard id.") var ids: [String]
    @Option(help: ArgumentHelp("The film to write.", valueName: "FILE")) var out: String
    @Option(help: ArgumentHelp("Crossfade video and audio between clips, in seconds (re-encodes).", valueName: "SECONDS")) var crossfade: Double = 0
    @Flag(help: "Print {\"path\", \"sha256\", \"duration_seconds\", \"method\", \"clips\"} as JSON.") var json = false

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name the generations to join, e.g. veo-studio stitch 12 13 14 --out film.mp4") }
        guard crossfade >= 0, crossfade <= 5 else { throw ValidationError("--crossfade \(crossfade): write 0 to 5 seconds") }
    }

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        let output = URL(fileURLWithPath: (out as NSString).expandingTildeInPath).standardizedFileURL
        let film: FilmResult
        if ids.count == 1, let board = try service.journal.storyboard(ids[0]) {
            film = try context.storyboardRunner(service: service, storyboard: board.id).stitch(board.id, to: output, crossfade: crossfade)
        } else {
            var clips: [FilmClip] = []
            for text in ids {
                guard let id = Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                    throw CLIFailure.badInput("error: ID: \(text) is neither a generation id nor a storyboard — list them with veo-studio history or veo-studio story list")
                }
                guard let record = try service.journal.generation(id) else {
                    throw CLIFailure.badInput("error: ID: no generation \(id) in the journal — list them with veo-studio history")
                }
                guard let path = try service.journal.outputs(of: id).first(where: { $0.path != nil })?.path else {
                    throw CLIFailure.badInput("error: ID: #\(id) has no downloaded video (\(record.status.rawValue)) — veo-studio resume \(id) fetches it")
                }
                let extends = record.parentKind == "extend" && record.parentID.map(String.init) == clips.last?.generationID.map(String.init)
                let adds = extends ? (try? record.spec()).map { Double(service.addedSeconds($0)) } : nil
                clips.append(FilmClip(path: path, generationID: id, provider: record.provider, model: record.model,
                                      costUSD: record.costEstimateUSD, extensionAdds: adds))
            }
            guard let ffmpeg = FFmpegTool.locate(environment: context.environment) else { throw FFmpegTool.notFound }
            film = try FilmStitcher(ffmpeg: ffmpeg).stitch(clips, to: output, crossfade: crossfade)
            try FilmSidecar.write(film, storyboard: nil)
        }
        if json {
            Output.json(StoryOutput.filmJSON(film))
        } else {
            print("\(film.path): \(String(format: "%.2f", film.seconds)) s, \(film.width)×\(film.height), \(film.method)"
                  + (film.reencodeReason.map { " (\($0))" } ?? "") + ", sha256 \(film.sha256)")
        }
    }
}
