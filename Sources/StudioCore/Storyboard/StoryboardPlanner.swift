import Foundation

/// Validates and prices a storyboard before anything is sent: each shot read like a batch line
/// (its keys over the defaults), a chained shot checked against the planned shape of the shot before
/// it — an extension against its chain's length, hops and aspect; a last-frame shot with a first
/// frame of the previous shot's size — so a chain a service would refuse is named here, not paid for.
public struct StoryboardPlanner: Sendable {
    public let service: GenerationService
    public let reader: BatchSpecReader
    public let loader: InputLoader
    /// The provider a shot without one goes to.
    public let defaultProvider: String

    public init(service: GenerationService, reader: BatchSpecReader, loader: InputLoader, defaultProvider: String) {
        self.service = service
        self.reader = reader
        self.loader = loader
        self.defaultProvider = defaultProvider
    }

    /// The plan of a document read from a file (its problems from reading come along).
    public func plan(_ document: StoryboardDocument, problems fileProblems: [BatchProblem] = []) -> StoryboardPlan {
        var plan = StoryboardPlan(document: document, shots: [], problems: fileProblems)
        var previous: StoryboardPlan.Shot?
        for shot in document.shots {
            // A shot with problems is still planned as far as it can be, so the shot after it is checked too.
            guard let planned = self.plan(shot, after: previous, problems: &plan.problems) else {
                previous = nil
                continue
            }
            if planned.prepared.report.isValid { plan.shots.append(planned) }
            previous = planned
        }
        plan.problems.sort { ($0.line, $0.field) < ($1.line, $1.field) }
        return plan
    }

    /// The draft a shot's keys describe (its chained input not yet filled in).
    public func draft(of shot: StoryboardShot) -> (GenerationDraft, [BatchProblem]) {
        var (draft, _, problems) = reader.read(BatchLine(number: shot.line, values: shot.values))
        if draft.provider == nil { draft.provider = defaultProvider }
        problems = problems.map { var p = $0; p.line = shot.line(of: p.field); p.message = "shot \(shot.index): \(p.message)"; return p }
        return (draft, problems)
    }

    private func plan(_ shot: StoryboardShot, after previous: StoryboardPlan.Shot?, problems: inout [BatchProblem]) -> StoryboardPlan.Shot? {
        var (draft, readProblems) = self.draft(of: shot)
        guard readProblems.isEmpty else {
            problems += readProblems
            return nil
        }
        if shot.continuation.chainsToPrevious, previous == nil {
            // The shot before could not be read: its problems are said already.
            return nil
        }
        let prepared: PreparedGeneration
        switch shot.continuation {
        case .extend:
            guard let previous else { return nil }
            if draft.provider != previous.provider { draft.provider = previous.provider }
            if draft.model == nil { draft.model = previous.model }
            draft.video = .generation(id: 0)
            let standIn = ExtensionSource(generationID: nil, remoteURI: Self.standInVideoURI(provider: previous.provider), hops: previous.hops,
                                          durationSeconds: previous.outputSeconds,
                                          aspectRatio: previous.prepared.report.spec?.effective.aspectRatio ?? previous.prepared.draft.aspectRatio,
                                          model: previous.model, finishedAt: service.clock.now())
            var (media, issues) = loader.load(draft)
            if service.registry.usesInteractions(model: previous.model, provider: previous.provider) {
                // Gemini Omni sends the video itself: a stand-in MP4 of the planned length.
                media["video"] = LoadedMedia(path: "(video of shot \(shot.index - 1))", data: Self.mp4Header)
            }
            prepared = service.prepare(draft, media: media, loadIssues: issues, standInSource: standIn)
        case .lastFrame:
            guard let previous else { return nil }
            let effective = previous.prepared.report.spec?.effective
            let size = Self.frameSize(resolution: effective?.resolution ?? previous.prepared.draft.resolution ?? "720p",
                                      aspectRatio: effective?.aspectRatio ?? previous.prepared.draft.aspectRatio ?? "16:9")
            draft.image = Self.standInFramePath(shot: shot.index - 1)
            var (media, issues) = loader.load(draft)
            media["image"] = LoadedMedia(path: draft.image ?? "", data: Self.pngHeader(width: size.width, height: size.height))
            issues.removeAll { $0.field == "image" }
            prepared = service.prepare(draft, media: media, loadIssues: issues)
        case .ingredients, .cut:
            prepared = service.prepare(draft, loader: loader)
        }
        if let refusal = capabilityProblem(shot, draft: draft) {
            problems.append(refusal)
        } else {
            report(prepared, of: shot, into: &problems)
        }
        let spec = prepared.report.spec
        let isExtension = shot.continuation == .extend
        let added = spec.map { isExtension ? service.addedSeconds($0) : $0.effective.durationSeconds }
            ?? (isExtension ? CostEstimator.extensionSeconds : draft.durationSeconds ?? 8)
        let output = isExtension ? (previous?.outputSeconds ?? 0) + added : added
        return StoryboardPlan.Shot(shot: shot, prepared: prepared, takeUSD: prepared.report.cost?.usd, outputSeconds: output,
                                   filmSeconds: added, hops: isExtension ? (previous?.hops ?? 0) + 1 : 0,
                                   provider: spec?.provider ?? draft.providerID, model: spec?.model ?? draft.model ?? "")
    }

    /// A chained shot on a provider and model whose documents describe no such continuation: refused by
    /// name (an extension on a gateway that documents none, a last frame where image → video is not offered).
    func capabilityProblem(_ shot: StoryboardShot, draft: GenerationDraft) -> BatchProblem? {
        guard shot.continuation.chainsToPrevious, let provider = service.registry.provider(draft.providerID) else { return nil }
        let mode: GenerationMode = shot.continuation == .extend ? .extendVideo : .imageToVideo
        // A provider with a model that can is left to the validator, which names that model.
        guard !service.registry.document.models.contains(where: { ($0.modes[provider.rulesAs] ?? []).contains(mode) }) else { return nil }
        let able = service.registry.providerIDs.filter { id in
            guard let entry = service.registry.provider(id), !service.registry.isSandbox(id) else { return false }
            return service.registry.document.models.contains { ($0.modes[entry.rulesAs] ?? []).contains(mode) && $0.ids[entry.rulesAs] != nil }
        }
        let what = shot.continuation == .extend ? "extend a video" : "start from an image (last-frame)"
        return BatchProblem(line: shot.line(of: "continue"), field: "continue", code: shot.continuation == .extend ? "storyboard.cannot_extend" : "storyboard.cannot_start_from_frame",
                            message: "shot \(shot.index): \(provider.id) cannot \(what): no document of it describes one",
                            fix: "make the shot \(shot.continuation == .extend ? "last-frame or " : "")cut, or use \(able.joined(separator: ", "))")
    }

    /// A prepared shot's errors as problems of its line (a chained input's named by `continue`).
    func report(_ prepared: PreparedGeneration, of shot: StoryboardShot, into problems: inout [BatchProblem]) {
        for issue in prepared.report.errors {
            let key = reader.key(forField: issue.field)
            let chained = shot.continuation.chainsToPrevious && (key == "video" || key == "image" || issue.code == "mode.unsupported")
            let field = chained ? "continue" : key
            problems.append(BatchProblem(line: shot.line(of: field), field: field, code: issue.code,
                                         message: "shot \(shot.index): \(issue.message)",
                                         fix: chained ? "\(issue.fix) (or make the shot cut)" : issue.fix))
        }
    }

    /// Stands in for the previous shot's video while planning (never sent): an address of the kind the
    /// provider's own outputs have (Cloud Storage on Vertex AI, a web address elsewhere).
    static func standInVideoURI(provider: String) -> String {
        provider.hasPrefix("vertex") ? "gs://storyboard/previous-shot.mp4" : "https://storyboard.invalid/previous-shot.mp4"
    }

    /// Stands in for the previous shot's last frame while planning (never read).
    static func standInFramePath(shot: Int) -> String { "(last frame of shot \(shot))" }

    /// A frame's pixel size for a resolution and aspect ratio (`720p`, `16:9` → 1280×720).
    public static func frameSize(resolution: String, aspectRatio: String) -> (width: Int, height: Int) {
        let lines: Int
        switch resolution.lowercased() {
        case "1080p": lines = 1080
        case "4k", "2160p": lines = 2160
        case "480p": lines = 480
        default: lines = 720
        }
        let long = lines * 16 / 9
        return aspectRatio == "9:16" ? (lines, long) : (long, lines)
    }

    /// The first bytes of an MP4 (its `ftyp` box): what the inspectors read of a video.
    static let mp4Header = Data([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D, 0, 0, 2, 0,
                                 0x69, 0x73, 0x6F, 0x6D, 0x6D, 0x70, 0x34, 0x31])

    /// The first bytes of a PNG of the given size: what the inspectors read of an image.
    static func pngHeader(width: Int, height: Int) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        for value in [width, height] { bytes += withUnsafeBytes(of: UInt32(value).bigEndian, Array.init) }
        bytes += [8, 2, 0, 0, 0, 0, 0, 0, 0]
        return Data(bytes)
    }
}
