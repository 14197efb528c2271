import Foundation

extension StudioApp {
    /// A planner for a storyboard whose relative paths are read from `directory`.
    public func storyboardPlanner(service: GenerationService, directory: String) throws -> StoryboardPlanner {
        StoryboardPlanner(service: service, reader: BatchSpecReader(catalog: try ParameterCatalog.shared(), presets: presets()),
                          loader: InputLoader(baseDirectory: URL(fileURLWithPath: directory)), defaultProvider: providerID(requested: nil))
    }

    /// A runner for storyboards (last frames and films under `media/storyboards`).
    public func storyboardRunner(service: GenerationService, directory: String) throws -> StoryboardRunner {
        StoryboardRunner(service: service, planner: try storyboardPlanner(service: service, directory: directory),
                         ffmpeg: FFmpegTool.locate(environment: environment), directory: paths.media.appendingPathComponent("storyboards"),
                         endpoint: { [self] in endpoint($0, baseURL: nil) })
    }

    /// The runner of a storyboard already in the journal (its paths read from its file's folder).
    public func storyboardRunner(service: GenerationService, storyboard id: String) throws -> StoryboardRunner {
        guard let board = try service.journal.storyboard(id) else {
            throw StudioError(field: "id", code: "storyboard.not_found", message: "no storyboard \(id) in the journal",
                              fix: "list them with veo-studio story list")
        }
        return try storyboardRunner(service: service, directory: try board.storyboard().directory)
    }
}
