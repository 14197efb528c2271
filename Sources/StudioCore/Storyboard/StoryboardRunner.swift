import Crypto
import Foundation

/// Runs a storyboard on the journal: starts it (or continues the run of the same file), and
/// on each `advance` queues every take that can go now — a fresh shot at once, a chained shot once
/// the shot before has its video (an extension of it, or its exact last frame as the first frame).
/// Queueing a take and linking it to its job is one transaction, so a run killed and started again
/// never queues a shot twice. The queue's dispatcher sends the jobs under each provider's limits.
public struct StoryboardRunner: Sendable {
    public let service: GenerationService
    public let planner: StoryboardPlanner
    /// ffmpeg, for last frames (nil when it is not installed: a last-frame shot says so).
    public let ffmpeg: FFmpegTool?
    /// Where last frames and films go (`media/storyboards`).
    public let directory: URL
    /// The base URL a provider's jobs are kept with.
    public let endpoint: @Sendable (String) -> String?

    public init(service: GenerationService, planner: StoryboardPlanner, ffmpeg: FFmpegTool?, directory: URL,
                endpoint: @escaping @Sendable (String) -> String?) {
        self.service = service
        self.planner = planner
        self.ffmpeg = ffmpeg
        self.directory = directory
        self.endpoint = endpoint
    }

    /// The run a plan continues, if any: the storyboard of the same text (nothing to remake), else the
    /// newest of the same file (same name, same folder) with the shots the edit makes stale — each
    /// changed shot and those chained after it, and the shots removed; the others are kept.
    public func earlierRun(of plan: StoryboardPlan, text: String) throws -> (board: StoryboardRecord, stale: [Int])? {
        if let same = try service.journal.storyboard(fileSHA256: Self.sha256(text)) { return (same, []) }
        guard let board = try service.journal.storyboard(fileName: plan.document.fileName, directory: plan.document.directory) else { return nil }
        let before = try board.storyboard().shots
        let after = plan.document.shots
        var stale: Set<Int> = []
        for shot in after {
            let old = before.first { $0.index == shot.index }
            if old == nil || old?.values != shot.values || old?.continuation != shot.continuation || old?.takes != shot.takes {
                stale.formUnion(plan.document.staleShots(from: shot.index))
            }
        }
        stale.formUnion(before.map(\.index).filter { $0 > after.count })
        return (board, stale.sorted())
    }

    static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).hexString }

    /// The storyboard for a valid plan: the run of the same file if there is one — resumed as it was,
    /// or already made (running a file twice never pays twice), or, when the file was edited since,
    /// with exactly the shots the edit makes stale made again —, else (or with `again`) a new one.
    /// Returns it and the shots made again (nil for a new board).
    public func start(_ plan: StoryboardPlan, text: String, again: Bool = false) throws -> (StoryboardRecord, remade: [Int]?) {
        let sha = Self.sha256(text)
        if !again, let (earlier, stale) = try earlierRun(of: plan, text: text) {
            guard earlier.fileSHA256 != sha else { return (earlier, []) }
            try service.journal.reshape(storyboard: earlier.id, document: plan.document, moving: { $0 }, stale: stale,
                                        at: service.clock.now(), fileSHA256: sha)
            return (try service.journal.storyboard(earlier.id) ?? earlier, stale)
        }
        let now = service.clock.now()
        let board = try StoryboardRecord(id: StoryboardRecord.newID(at: now), createdAt: now, title: plan.document.title,
                                         fileName: plan.document.fileName, fileSHA256: sha, document: plan.document)
        try service.journal.createStoryboard(board, document: plan.document, estimateUSD: plan.unpriced > 0 && plan.totalUSD == 0 ? nil : plan.totalUSD)
        return (board, nil)
    }

    /// The storyboard's state as the journal has it.
    public func state(_ id: String) throws -> StoryboardState {
        try StoryboardState.read(id, journal: service.journal)
    }

    /// Queues every take that can go now; returns the state after.
    @discardableResult
    public func advance(_ id: String) throws -> StoryboardState {
        var state = try self.state(id)
        var changed = false
        for (offset, shot) in state.shots.enumerated() {
            for take in shot.takes where take.row.generationID == nil {
                guard let takeID = take.row.id else { continue }
                var parent: (id: Int64, kind: String)?
                var draftProblems: [BatchProblem]
                var draft: GenerationDraft
                (draft, draftProblems) = planner.draft(of: shot.shot)
                if let problem = draftProblems.first {
                    try note(takeID, problem.text, was: take.row.note, changed: &changed)
                    continue
                }
                if shot.shot.continuation.chainsToPrevious {
                    let previous = state.shots[offset - 1]
                    guard let source = previous.chosen?.job, let sourceID = source.id, source.status == .done else {
                        let reason = previous.isStuck ? "shot \(previous.shot.index) has no video (\(previous.status))" : nil
                        try note(takeID, reason, was: take.row.note, changed: &changed)
                        continue
                    }
                    do {
                        try chain(&draft, to: source, as: shot.shot.continuation, board: id)
                    } catch let error as StudioError {
                        try note(takeID, "\(error.message) — \(error.fix)", was: take.row.note, changed: &changed)
                        continue
                    }
                    parent = (sourceID, shot.shot.continuation.rawValue)
                }
                if shot.takes.count > 1 { seed(&draft, take: take.row.take) }
                let prepared = service.prepare(draft, loader: planner.loader)
                guard prepared.report.isValid else {
                    let issue = prepared.report.errors.first
                    try note(takeID, "shot \(shot.shot.index): \(issue?.message ?? "invalid") — \(issue?.fix ?? "")", was: take.row.note, changed: &changed)
                    continue
                }
                _ = try service.enqueue(prepared, endpoint: endpoint(draft.providerID), parent: parent, batchID: id, takeID: takeID)
                changed = true
            }
        }
        if changed { state = try self.state(id) }
        return state
    }

    private func note(_ takeID: Int64, _ text: String?, was: String?, changed: inout Bool) throws {
        guard text != was else { return }
        try service.journal.noteTake(takeID, text)
        changed = true
    }

    /// Fills a chained shot's input from the shot before: its video to extend, or its last frame.
    private func chain(_ draft: inout GenerationDraft, to source: GenerationRecord, as continuation: ShotContinuation, board: String) throws {
        guard let sourceID = source.id else { return }
        switch continuation {
        case .extend:
            draft.provider = source.provider
            if draft.model == nil { draft.model = source.model }
            draft.video = .generation(id: sourceID)
        case .lastFrame:
            guard let ffmpeg else { throw FFmpegTool.notFound }
            guard let video = try service.journal.outputs(of: sourceID).first(where: { $0.path != nil })?.path,
                  FileManager.default.fileExists(atPath: video) else {
                throw StudioError(field: "continue", code: "storyboard.source_missing", message: "the video of #\(sourceID) is not on disk",
                                  fix: "download it again: veo-studio resume \(sourceID)")
            }
            let frame = directory.appendingPathComponent(board).appendingPathComponent("g\(sourceID)-last.png")
            if !FileManager.default.fileExists(atPath: frame.path) { try ffmpeg.extractLastFrame(of: video, to: frame) }
            draft.image = frame.path
        case .ingredients, .cut:
            break
        }
    }

    /// Takes of a shot get seeds one apart (from the shot's seed, else the first take's) where the
    /// provider takes a seed; otherwise each take is its own submission.
    private func seed(_ draft: inout GenerationDraft, take: Int) {
        var seeded = draft
        let digest = Array(SHA256.hash(data: Data((draft.prompt ?? "").utf8)))
        let base = draft.seed ?? Int64(digest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) } % (UInt32.max - 64))
        seeded.seed = (base + Int64(take - 1)) % (Int64(UInt32.max) + 1)
        if !service.prepare(seeded, loader: planner.loader).report.issues.contains(where: { $0.field == "seed" }) { draft = seeded }
    }
}
