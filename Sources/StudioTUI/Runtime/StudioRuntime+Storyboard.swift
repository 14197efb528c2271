import Foundation
import StudioCore
import TermUI

/// The Storyboard screen's work: runs, retakes, takes chosen, shots added, moved or edited in the
/// form, the film stitched and played. While the studio is open it keeps every running board going:
/// each change of the journal queues the shots that can go now (the queue runner sends them), and a
/// board whose shots are all made is stitched.
extension StudioRuntime {
    /// The runner of a board in the journal (its relative paths read from its file's folder).
    func storyboardRunner(_ id: String, reader given: BatchSpecReader? = nil) throws -> StoryboardRunner {
        guard let board = try service.journal.storyboard(id) else {
            throw StudioError(field: "id", code: "storyboard.not_found", message: "storyboard \(id) is no longer in the journal", fix: "")
        }
        let reader = try given ?? storyboardReader()
        let planner = StoryboardPlanner(service: service, reader: reader,
                                        loader: InputLoader(baseDirectory: URL(fileURLWithPath: try board.storyboard().directory)),
                                        defaultProvider: dependencies.providerName)
        return StoryboardRunner(service: service, planner: planner, ffmpeg: dependencies.ffmpeg,
                                directory: service.mediaRoot.appendingPathComponent("storyboards"), endpoint: dependencies.endpoint)
    }

    func storyboard(_ action: StoryboardAction) -> [StudioMessage] {
        do {
            switch action {
            case .price(let id):
                let runner = try storyboardRunner(id)
                let state = try runner.state(id)
                let plan = runner.planner.plan(state.document)
                let usd = state.shots.reduce(0.0) { total, shot in
                    let unsent = shot.takes.filter { $0.job == nil }.count
                    let each = plan.shots.first { $0.shot.index == shot.shot.index }?.takeUSD ?? 0
                    return total + Double(unsent) * each
                }
                let sandbox = state.document.shots.allSatisfy { service.registry.isSandbox(runner.planner.draft(of: $0).0.providerID) }
                return [.storyboardPriced(id, usd: usd, sandbox: sandbox)]
            case .run(let id):
                try service.journal.updateStoryboard(id, status: StoryboardRecord.running, at: Date())
                try storyboardRunner(id).advance(id)
                queueRunner.nudge()
                return [.toast("running the board: each shot is queued as soon as it can go; the film is stitched at the end")]
            case .retake(let shot):
                let stale = try storyboardRunner(shot.board).retake(shot.board, shot: shot.index)
                try hold(shot.board)
                return [.toast("shot\(stale.count == 1 ? "" : "s") \(list(stale)) will be made again: r runs the board")]
            case .choose(let shot, let take):
                guard let stale = try storyboardRunner(shot.board).choose(shot.board, shot: shot.index, take: take) else {
                    return [.toast("shot \(shot.index): take \(take) is the film's already")]
                }
                try hold(shot.board)
                return [.toast("shot \(shot.index): take \(take) chosen" + (stale.isEmpty ? "; r makes the film with it" : "; shot\(stale.count == 1 ? "" : "s") \(list(stale)) will be made again from it (those made from it before come back): r runs the board"))]
            case .add(let after):
                let added = try storyboardRunner(after.board).addShot(after.board, after: after.index)
                try hold(after.board)
                return [.toast("shot \(added) added after shot \(after.index): a copy of it, cut — e edits it, r runs the board")]
            case .move(let shot, let delta):
                let moved = try storyboardRunner(shot.board).moveShot(shot.board, shot: shot.index, by: delta)
                try hold(shot.board)
                return [.toast("shot \(shot.index) is now shot \(moved); shots chained to a new shot before them will be made again: r runs the board")]
            case .stitch(let id):
                stitch(id)
                return []
            case .edit(let shot):
                let runner = try storyboardRunner(shot.board)
                let state = try runner.state(shot.board)
                guard let planned = state.document.shots.first(where: { $0.index == shot.index }) else { return [.toast("no shot \(shot.index)")] }
                let (draft, _) = runner.planner.draft(of: planned)
                return [.formPrefilled(draft, FormParent(id: 0, kind: "shot", draft: draft, shot: shot), replacing: true)]
            case .save(let shot, let draft):
                let values = PresetStore.values(of: draft, catalog: try ParameterCatalog.shared())
                let stale = try storyboardRunner(shot.board).retake(shot.board, shot: shot.index, changing: values)
                try hold(shot.board)
                return [.shotSaved("shot \(shot.index) saved; shot\(stale.count == 1 ? "" : "s") \(list(stale)) will be made again: r runs the board")]
            case .play(let shot):
                let state = try StoryboardState.read(shot.board, journal: service.journal)
                if let film = state.board.filmPath, FileManager.default.fileExists(atPath: film) { return [.toast(PlayerLauncher.open(film))] }
                guard let id = state.shots.first(where: { $0.shot.index == shot.index })?.chosen?.job?.id,
                      let path = try service.journal.outputs(of: id).first(where: { $0.path != nil })?.path else {
                    return [.toast("no film yet, and shot \(shot.index) has no video yet: r runs the board")]
                }
                return [.toast(PlayerLauncher.open(path))]
            }
        } catch let error as StudioError {
            if case .save = action { return [.submitFinished(nil, "not saved: \(error.message) — \(error.fix)")] }
            return [.toast("\(error.message)\(error.fix.isEmpty ? "" : " — \(error.fix)")")]
        } catch {
            return [.toast("the storyboard could not be changed: \(error)")]
        }
    }

    /// A board being edited in the studio waits for `r`: several changes are made before anything is sent.
    private func hold(_ id: String) throws {
        try service.journal.updateStoryboard(id, status: StoryboardRecord.editing, at: Date())
    }

    /// How a board's shots are read (the catalog's keys, the saved presets).
    func storyboardReader() throws -> BatchSpecReader {
        let catalog = try ParameterCatalog.shared()
        return BatchSpecReader(catalog: catalog, presets: dependencies.presets.drafts(reader: BatchSpecReader(catalog: catalog)))
    }

    /// Queues what running boards can send now; stitches a board whose shots are all made. Called on
    /// every change of the journal: with no board running it is one small query.
    func advanceStoryboards() {
        guard let boards = try? service.journal.storyboards(status: StoryboardRecord.running, limit: 50), !boards.isEmpty,
              let reader = try? storyboardReader() else { return }
        for board in boards {
            guard let runner = try? storyboardRunner(board.id, reader: reader), let state = try? runner.advance(board.id) else { continue }
            if state.isComplete, runner.ffmpeg != nil { stitch(board.id) }
        }
        queueRunner.nudge()
    }

    /// Stitches a board's film in the background; says where it is.
    func stitch(_ id: String) {
        guard !stitching.contains(id) else { return }
        guard let runner = try? storyboardRunner(id) else { return }
        stitching.insert(id)
        let inbox = self.inbox
        Task.detached {
            let message: StudioMessage
            do {
                let film = try runner.stitch(id)
                message = .toast("film made: \(film.path) (\(String(format: "%.1f", film.seconds)) s, \(film.method)) — o plays it")
            } catch let error as StudioError {
                message = .toast("the film could not be made: \(error.message) — \(error.fix)")
            } catch {
                message = .toast("the film could not be made: \(error)")
            }
            await MainActor.run { _ = self.stitching.remove(id) }
            inbox.post(message)
        }
    }

    /// Decodes a finished shot's first and last frame in the background (nothing without ffmpeg).
    func loadShotFrames(_ id: Int64) {
        guard let ffmpeg = dependencies.ffmpeg,
              let path = (try? service.journal.outputs(of: id))?.first(where: { $0.path != nil })?.path else { return }
        let inbox = self.inbox
        Task.detached {
            guard let format = try? ffmpeg.clipFormat(path) else { return }
            let size = HalfBlockImage.fittingSize(pixels: Size(width: format.width, height: format.height),
                                                  into: Size(width: StoryboardView.picturesWidth - 2, height: 5))
            var images: [HalfBlockImage] = []
            if let rgb = try? ffmpeg.decodeRGB(path, width: size.width, height: size.height) {
                images.append(HalfBlockImage(width: size.width, height: size.height, rgb: rgb))
            }
            let last = FileManager.default.temporaryDirectory.appendingPathComponent("veo-shot-\(id)-\(UUID().uuidString.prefix(6)).png")
            defer { try? FileManager.default.removeItem(at: last) }
            if (try? ffmpeg.extractLastFrame(of: path, to: last)) != nil,
               let rgb = try? ffmpeg.decodeRGB(last.path, width: size.width, height: size.height) {
                images.append(HalfBlockImage(width: size.width, height: size.height, rgb: rgb))
            }
            if !images.isEmpty { inbox.post(.shotFramesLoaded(id, images)) }
        }
    }

    private func list(_ shots: [Int]) -> String { shots.map(String.init).joined(separator: ", ") }
}
