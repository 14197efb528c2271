import Foundation

extension StoryboardRunner {
    /// The chosen takes' videos in film order, an extension marked with the seconds it adds.
    public func clips(of state: StoryboardState) throws -> [FilmClip] {
        try state.shots.map { shot in
            guard let job = shot.chosen?.job, let jobID = job.id, job.status == .done,
                  let path = try service.journal.outputs(of: jobID).first(where: { $0.path != nil })?.path else {
                throw StudioError(field: "shot", code: "storyboard.shot_unfinished",
                                  message: "shot \(shot.shot.index) has no finished video (\(shot.status))",
                                  fix: "wait for it (veo-studio story show \(state.board.id)), or retake it: veo-studio story retake \(state.board.id) \(shot.shot.index)")
            }
            let spec = try? job.spec()
            let adds = shot.shot.continuation == .extend ? spec.map { Double(service.addedSeconds($0)) } : nil
            return FilmClip(path: path, shot: shot.shot.index, generationID: jobID, take: shot.chosen?.row.take,
                            provider: job.provider, model: job.model, costUSD: job.costEstimateUSD, extensionAdds: adds)
        }
    }

    /// Stitches the board's chosen takes into its film (`output`, else `storyboards/<id>/<title>.mp4`),
    /// writes the film's sidecar and records the film on the board.
    public func stitch(_ id: String, to output: URL? = nil, crossfade: Double = 0) throws -> FilmResult {
        guard let ffmpeg else { throw FFmpegTool.notFound }
        let state = try self.state(id)
        let clips = try self.clips(of: state)
        let target = output ?? directory.appendingPathComponent(id).appendingPathComponent(FilmSidecar.fileName(title: state.board.title))
        let film = try FilmStitcher(ffmpeg: ffmpeg).stitch(clips, to: target, crossfade: crossfade)
        try FilmSidecar.write(film, storyboard: state.board)
        try service.journal.updateStoryboard(id, status: StoryboardRecord.done, film: (film.path, film.sha256, film.seconds), at: service.clock.now())
        return film
    }
}
