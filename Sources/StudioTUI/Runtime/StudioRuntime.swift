import Foundation
import StudioCore
import TermUI

/// Runs the studio: keys, ticks, the journal's changes and the core's answers become messages for
/// `StudioUpdate`, effects are carried out here, and every change is drawn through the backend.
/// The loop sleeps until something happens — a key or a resize, an answer of background work, a
/// change of the journal by any process, or a timer — and every view is drawn from one reading of
/// the journal. Jobs are tracked in the background from the start.
@MainActor
public final class StudioRuntime {
    /// What the runtime needs from the rest of the program.
    public struct Dependencies {
        public var service: GenerationService
        public var providerName: String
        public var synthetic: Bool
        /// A provider (and its latency scale) for a provider id and the endpoint a job was kept with
        /// (nil: the provider's own host, or the built-in sandbox), started on demand.
        public var provider: @Sendable (String, String?) async throws -> (VideoProvider, Double)
        /// The endpoint a new job on a provider is kept with (a `base_url` in the config), or nil.
        public var endpoint: @Sendable (String) -> String?
        /// How much faster than the real service a provider runs (the sandbox), for ETAs.
        public var latencyScale: @Sendable (String) -> Double
        /// True once the program was asked to stop (a signal).
        public var shouldStop: @Sendable () -> Bool
        /// Submits above this estimate ask first.
        public var confirmCostAboveUSD: Double
        /// Where converted images and request files are written.
        public var dataDirectory: URL
        public var ffmpeg: FFmpegTool?
        public var workingDirectory: URL
        /// Why a provider cannot send from this configuration (no key, no base URL), told beside
        /// Provider before anything is sent; nil when it can.
        public var providerProblem: @Sendable (String) -> StudioError?
        /// The limits the queue holds a provider to (requests a minute, jobs at once).
        public var limits: @Sendable (String) -> ProviderLimits
        /// The saved presets (F6 on the form).
        public var presets: PresetStore
        /// How an ended job is told while its screen is not in front.
        public var notify: NotifySettings
        /// The environment (which terminal this is, for its notifications).
        public var environment: [String: String]

        public init(service: GenerationService, providerName: String, synthetic: Bool,
                    provider: @escaping @Sendable (String, String?) async throws -> (VideoProvider, Double),
                    endpoint: @escaping @Sendable (String) -> String? = { _ in nil },
                    latencyScale: @escaping @Sendable (String) -> Double, shouldStop: @escaping @Sendable () -> Bool,
                    confirmCostAboveUSD: Double = 2, dataDirectory: URL, ffmpeg: FFmpegTool? = FFmpegTool.locate(),
                    workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                    providerProblem: @escaping @Sendable (String) -> StudioError? = { _ in nil },
                    limits: @escaping @Sendable (String) -> ProviderLimits = { _ in .none },
                    presets: PresetStore? = nil,
                    notify: NotifySettings = NotifySettings(),
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.service = service
            self.providerName = providerName
            self.synthetic = synthetic
            self.provider = provider
            self.endpoint = endpoint
            self.latencyScale = latencyScale
            self.shouldStop = shouldStop
            self.confirmCostAboveUSD = confirmCostAboveUSD
            self.dataDirectory = dataDirectory
            self.ffmpeg = ffmpeg
            self.workingDirectory = workingDirectory
            self.providerProblem = providerProblem
            self.limits = limits
            self.notify = notify
            self.environment = environment
            self.presets = presets ?? PresetStore(configDirectory: dataDirectory)
        }
    }

    /// How often the studio looks for running jobs nobody tracks (their owner, another process, ended).
    static let adoptionInterval: Duration = .seconds(5)
    /// How long the form rests before its unsent drafts are written to the journal.
    static let draftSaveDelay: Duration = .milliseconds(400)

    let backend: TerminalBackend
    let dependencies: Dependencies
    private var model: AppModel
    private let wake = WakeSignal()
    let inbox: MessageInbox
    private let providers: ProviderPool
    private let tracker: JobTracker
    let queueRunner: QueueRunner
    private let checker: FormChecker
    private let mirror: JournalMirror
    private let journalChanged = JournalChangeFlag()
    private var savedDrafts: [GenerationMode: ModeDraft] = [:]
    /// Boards whose film is being stitched (each once at a time).
    var stitching: Set<String> = []
    var service: GenerationService { dependencies.service }

    public init(backend: TerminalBackend, dependencies: Dependencies) {
        self.backend = backend
        self.dependencies = dependencies
        inbox = MessageInbox(wake: wake)
        providers = ProviderPool(make: dependencies.provider)
        tracker = JobTracker(service: dependencies.service, providers: providers, inbox: inbox)
        queueRunner = QueueRunner(service: dependencies.service, providers: providers, limits: dependencies.limits, tracker: tracker)
        let problem = dependencies.providerProblem
        checker = FormChecker(service: dependencies.service, workingDirectory: dependencies.workingDirectory) { id in
            problem(id).map { ValidationIssue(field: "provider", code: $0.code, message: $0.message, fix: $0.fix) }
        }
        mirror = JournalMirror(service: dependencies.service, latencyScale: dependencies.latencyScale)
        model = AppModel(registry: dependencies.service.registry, provider: dependencies.providerName)
        model.synthetic = dependencies.synthetic
        model.confirmCostAboveUSD = dependencies.confirmCostAboveUSD
        model.workingDirectory = dependencies.workingDirectory.path
    }

    /// Runs until the user quits or a signal arrives; the terminal is restored on every way out.
    public func run() async {
        backend.start()
        let watcher = backend.wakeDescriptors.isEmpty ? nil : InputWatcher(descriptors: backend.wakeDescriptors, wake: wake)
        let changed = journalChanged
        let wake = self.wake
        let signal = JournalChangeSignal(journal: service.journal) {
            changed.set()
            wake.wake()
        }
        watcher?.start()
        defer {
            saveDrafts(force: true)
            watcher?.stop()
            signal.stop()
            queueRunner.stop()
            tracker.stopAll()
            backend.stop()
        }
        model.size = backend.refreshSize()
        model.colors = backend.colorCount
        model.now = Date()
        model.sessionStart = model.now
        resumeUnfinished()
        queueRunner.start()
        advanceStoryboards()
        if perform(StudioUpdate.apply(.draftsRestored(keptDrafts()), to: &model)) { return }
        savedDrafts = unsentDrafts()
        if readJournal(everything: true) { return }
        if perform([.checkForm(model.form.submission(model.registry))]) { return }
        let trace = FrameTrace()
        var firstFrame = true
        let clock = ContinuousClock()
        var nextTick = clock.now + .seconds(1)
        var nextAdoption = clock.now + Self.adoptionInterval
        var draftsDueAt: ContinuousClock.Instant?
        var dirty = true
        var keysReadAt: ContinuousClock.Instant?
        func draw() {
            backend.draw(StudioView.render(model), cursor: nil)
            dirty = false
            if firstFrame { trace.firstFrame() }
            firstFrame = false
            if let start = keysReadAt { trace.keyToFrame(since: start) }
            keysReadAt = nil
        }
        while !dependencies.shouldStop() {
            var keys: [Key] = []
            while let key = backend.readKey() { keys.append(key) }
            watcher?.resume()
            keysReadAt = keys.isEmpty || !trace.isOn ? nil : clock.now
            let before = model.form.allModes
            for message in Self.messages(from: keys, textField: model.inTextField, size: { self.backend.refreshSize() }) + inbox.drain() {
                if perform(StudioUpdate.apply(message, to: &model)) { return }
                dirty = true
            }
            let changedElsewhere = journalChanged.take()
            let askedAnew = model.journalQuery != model.journal.query
            // Keys are answered on screen first; a change made elsewhere follows in the next frame.
            if !keys.isEmpty, dirty, !askedAnew, changedElsewhere { draw() }
            if changedElsewhere { advanceStoryboards() }
            if changedElsewhere || askedAnew {
                if readJournal(everything: changedElsewhere) { return }
                dirty = true
            }
            let now = clock.now
            if now >= nextTick {
                nextTick = now + .seconds(1)
                if perform(StudioUpdate.apply(.tick(Date()), to: &model)) { return }
                dirty = true
            }
            if now >= nextAdoption {
                nextAdoption = now + Self.adoptionInterval
                adoptUntrackedJobs()
            }
            if model.form.allModes != before { draftsDueAt = now + Self.draftSaveDelay }
            if let due = draftsDueAt, now >= due {
                draftsDueAt = nil
                saveDrafts(force: false)
            }
            if dirty { draw() }
            let deadlines = [nextTick, nextAdoption] + (draftsDueAt.map { [$0] } ?? [])
            let timeout = (deadlines.min() ?? now + .seconds(1)) - clock.now
            // A backend that cannot be slept on (a test's) is read again soon.
            await wake.wait(timeout: watcher == nil ? min(timeout, .milliseconds(20)) : max(timeout, .zero))
        }
    }

    /// Keys read in one go become messages; a run of typed characters into a text field (a
    /// paste) becomes one `paste`, so it is one edit and one undo step.
    static func messages(from keys: [Key], textField: Bool, size: () -> Size) -> [StudioMessage] {
        var messages: [StudioMessage] = []
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            if run.count >= 3, textField {
                messages.append(.paste(run))
            } else {
                messages += run.map { $0 == "\n" ? StudioMessage.key(.enter) : .key(.character($0)) }
            }
            run = ""
        }
        for key in keys {
            switch key {
            case .character(let character): run.append(character)
            case .enter where !run.isEmpty && textField: run.append("\n")
            case .resize:
                flush()
                messages.append(.resized(size()))
            default:
                flush()
                messages.append(.key(key))
            }
        }
        flush()
        return messages
    }

    /// Reads the journal for the open views and hands the reading to every view at once; returns
    /// true when the studio should end.
    private func readJournal(everything: Bool) -> Bool {
        let snapshot = mirror.read(model.journalQuery, previous: model.journalRead ? model.journal : nil, journalChanged: everything)
        return perform(StudioUpdate.apply(.journalRead(snapshot), to: &model))
    }

    // MARK: Effects

    /// Carries out effects; returns true when the studio should end.
    private func perform(_ effects: [StudioEffect]) -> Bool {
        for effect in effects {
            if effect == .quit { return true }
            let followUps = run(effect).flatMap { StudioUpdate.apply($0, to: &model) }
            if perform(followUps) { return true }
        }
        return false
    }

    /// One effect; returns messages that are ready at once (background work posts to the inbox).
    private func run(_ effect: StudioEffect) -> [StudioMessage] {
        let journal = service.journal
        switch effect {
        case .quit:
            return []
        case .bell:
            backend.bell()
            return []
        case .notify(let notice):
            let settings = dependencies.notify
            if settings.terminal, let sequence = TerminalNotification.sequence(title: "Veo Studio", body: notice.text,
                                                                                 environment: dependencies.environment) {
                backend.send(control: sequence)
            } else if settings.bell {
                backend.bell()
            }
            if let command = settings.command, let problem = NotifyCommand.run(command, notice: notice, environment: dependencies.environment) {
                return [.toast(problem)]
            }
            return []
        case .loadFilterChoices:
            let known = try? journal.knownModelsAndProviders()
            return [.filterChoicesLoaded(models: known?.models ?? [], providers: known?.providers ?? [],
                                         batches: (try? journal.batches())?.map(\.id) ?? [])]
        case .loadThumbnails(let id, let paths):
            loadThumbnails(id, paths: paths)
            return []
        case .checkForm(let draft):
            return [.formChecked(checker.check(draft))]
        case .submit(let draft, let parentID, let parentKind):
            submit(draft, parent: parentID.map { ($0, parentKind ?? "rerun") })
            return []
        case .enqueue(let draft, let parentID, let parentKind):
            return [enqueue(draft, parent: parentID.map { ($0, parentKind ?? "rerun") })]
        case .changeQueue(let id, let change):
            return [.toast(changeQueue(id, change))]
        case .showLedger:
            return [LedgerPane.panel(service: service, now: Date())]
        case .storyboard(let action):
            return storyboard(action)
        case .loadShotFrames(let id):
            loadShotFrames(id)
            return []
        case .listPresets, .loadPreset, .savePreset:
            return presetEffect(effect)
        case .listDirectory(let path):
            let (directory, entries) = PickerFiles.list(path)
            return [.directoryListed(directory, entries)]
        case .loadLibrary:
            return [.libraryLoaded(PickerFiles.library(journal))]
        case .loadPreview(let path, let pixels, let cells):
            loadPreview(path, pixels: pixels, cells: cells)
            return []
        case .convertImage(let path, let matching):
            convert(path, matching: matching)
            return []
        case .cancelJob(let id):
            cancel(id)
            return []
        case .retryJob(let id):
            do {
                let parent = try service.parentDraft(of: id)
                submit(parent.draft, parent: (id, "retry"))
                return [.toast("retrying #\(id) with the same parameters…")]
            } catch {
                return [.toast("cannot retry #\(id): \(error)")]
            }
        case .rerun(let id):
            do {
                let parent = try service.parentDraft(of: id)
                return [.formPrefilled(parent.draft, FormParent(id: id, kind: "rerun", draft: parent.draft), replacing: false)]
            } catch {
                return [.toast("cannot re-run #\(id): \(error)")]
            }
        case .extend(let id):
            do {
                let draft = try service.extensionDraft(of: id)
                return [.formPrefilled(draft, FormParent(id: id, kind: "extend", draft: draft), replacing: false)]
            } catch {
                return [.toast("cannot extend #\(id): \(error)")]
            }
        case .replaceTab(let draft, let parentID, let parentKind):
            return [.formPrefilled(draft, FormParent(id: parentID, kind: parentKind, draft: draft), replacing: true)]
        case .openOutput(let id, let sample):
            let videos = ((try? journal.outputs(of: id)) ?? []).filter { $0.path != nil }
            if sample == nil, videos.count > 1 {
                return [.samplesFound(id, videos.map { ($0.sampleIndex, (($0.path ?? "") as NSString).lastPathComponent) })]
            }
            guard let video = videos.first(where: { $0.sampleIndex == sample }) ?? videos.first, let path = video.path else {
                return [.toast("#\(id) has no video on disk")]
            }
            return [.toast(PlayerLauncher.open(path))]
        case .showCurl(let id):
            showCurl(id)
            return []
        case .showSidecar(let id):
            return [sidecarPanel(id)]
        case .loadConversation(let id):
            return [.conversationLoaded(ConversationChain.load(id, service: service))]
        case .askDelete(let id):
            let files = ((try? journal.outputs(of: id)) ?? []).compactMap(\.path)
            let children = ((try? journal.children(of: id)) ?? []).compactMap { child in child.id.map { ($0, child.parentKind ?? "rerun") } }
            let inputs = (try? journal.assets(of: id).count) ?? 0
            return [.deleteAsked(DeleteFacts(id: id, files: files, children: children, inputs: inputs))]
        case .delete(let id):
            return delete(id)
        case .dismiss(let ids):
            do {
                try journal.dismiss(ids, at: Date())
                return []
            } catch {
                return [.toast("could not dismiss: \(error)")]
            }
        }
    }

    /// Where a new job on a provider goes: the config's endpoint, else (a child on its parent's
    /// provider) where the parent went, else the provider's own host or the sandbox.
    func endpoint(for providerID: String, parent: (id: Int64, kind: String)?) -> String? {
        dependencies.endpoint(providerID)
            ?? parent.flatMap { try? service.journal.generation($0.id) }.flatMap { $0.provider == providerID ? $0.endpoint : nil }
    }

    private func submit(_ draft: GenerationDraft, parent: (id: Int64, kind: String)?) {
        let service = self.service
        let loader = InputLoader(baseDirectory: dependencies.workingDirectory)
        let providerID = draft.provider ?? dependencies.providerName
        let endpoint = self.endpoint(for: providerID, parent: parent)
        // A conversation's turn is answered to its pane; everything else to the form.
        let refine = parent?.kind == "refine"
        let registry = service.registry
        let finished: @Sendable (Int64?, String) -> StudioMessage = { id, text in
            refine ? StudioMessage.turnSubmitted(id, text) : StudioMessage.submitFinished(id, text)
        }
        let watch = refine ? "it shows in the conversation and in Operations" : "watch it in Operations (F3)"
        Task { @MainActor in
            let prepared = service.prepare(draft, loader: loader)
            guard prepared.report.isValid else {
                let first = prepared.report.errors.first
                let fix = first.map { StudioAdvice.fix($0, registry: registry) } ?? ""
                inbox.post(finished(nil, "not submitted: \(first?.message ?? "the draft is incomplete") — \(fix)"))
                return
            }
            do {
                let ready = try await providers.provider(providerID, endpoint: endpoint)
                let record = try await service.submit(prepared, provider: ready.provider, endpoint: endpoint, parent: parent) { recorded in
                    // The job is in Operations at once, even while a synchronous gateway's answer streams.
                    if let id = recorded.id { inbox.post(finished(id, "#\(id) sent to \(providerID) — \(watch)")) }
                }
                guard let id = record.id else { return }
                // The form moved on when the job was recorded: from here on only tell what happened.
                if record.status == .queued {
                    tracker.track(id, provider: providerID, endpoint: endpoint)
                    let synthetic = ready.provider.isSynthetic ? " (sandbox: synthetic, nothing is charged)" : ""
                    inbox.post(.toast("#\(id) queued\(synthetic) — \(watch)"))
                } else {
                    inbox.post(.toast("#\(id) \(record.status.rawValue): \(record.errorMessage ?? "")"))
                }
            } catch {
                inbox.post(finished(nil, "not submitted: \(error)"))
            }
        }
    }

    /// Stops tracking a job and, where the service has a cancel (a Gemini Omni interaction), asks it.
    private func cancel(_ id: Int64) {
        tracker.stop(id)
        let service = self.service
        let providers = self.providers
        let inbox = self.inbox
        guard let record = try? service.journal.generation(id), record.operationName != nil else {
            inbox.post(.toast((try? service.cancel(id))?.message ?? "#\(id) could not be cancelled"))
            return
        }
        Task { @MainActor in
            var message = "#\(id) could not be cancelled"
            if let ready = try? await providers.provider(record.provider, endpoint: record.endpoint),
               let outcome = try? await service.cancel(id, provider: ready.provider) {
                message = outcome.message
            } else if let outcome = try? service.cancel(id) {
                message = outcome.message
            }
            inbox.post(.toast(message))
        }
    }

    private func loadPreview(_ path: String, pixels: Size, cells: Size) {
        let inbox = self.inbox
        guard let ffmpeg = dependencies.ffmpeg else {
            inbox.post(.previewLoaded(path: path, image: nil, problem: FFmpegTool.missingMessage))
            return
        }
        Task.detached {
            let fitted = HalfBlockImage.fittingSize(pixels: pixels, into: cells)
            do {
                let rgb = try ffmpeg.decodeRGB(path, width: fitted.width, height: fitted.height)
                inbox.post(.previewLoaded(path: path, image: HalfBlockImage(width: fitted.width, height: fitted.height, rgb: rgb), problem: nil))
            } catch {
                inbox.post(.previewLoaded(path: path, image: nil, problem: "no preview: \(error)"))
            }
        }
    }

    /// Small previews of a generation's inputs (no message when ffmpeg is missing: the paths are listed anyway).
    private func loadThumbnails(_ id: Int64, paths: [String]) {
        guard let ffmpeg = dependencies.ffmpeg else { return }
        let inbox = self.inbox
        Task.detached {
            var images: [HalfBlockImage] = []
            for path in paths.prefix(3) {
                guard let info = PickerFiles.inspect(path, name: "").image else { continue }
                let size = HalfBlockImage.fittingSize(pixels: Size(width: info.width, height: info.height), into: Size(width: 16, height: 5))
                if let rgb = try? ffmpeg.decodeRGB(path, width: size.width, height: size.height) {
                    images.append(HalfBlockImage(width: size.width, height: size.height, rgb: rgb))
                }
            }
            if !images.isEmpty { inbox.post(.thumbnailsLoaded(id, images)) }
        }
    }

    private func convert(_ path: String, matching: ImageInfo?) {
        let inbox = self.inbox
        guard let ffmpeg = dependencies.ffmpeg else {
            inbox.post(.imageConverted(nil, "cannot convert: ffmpeg not found (apt-get install ffmpeg)"))
            return
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let suffix = matching.map { "\($0.width)x\($0.height)" } ?? "1280"
        let output = dependencies.dataDirectory.appendingPathComponent("converted").appendingPathComponent("\(stem)-\(suffix).jpg")
        Task.detached {
            do {
                try ffmpeg.convertImage(path, to: output, size: matching.map { ($0.width, $0.height) })
                let entry = PickerFiles.inspect(output.path, name: output.lastPathComponent)
                inbox.post(.imageConverted(output.path, "converted: \(output.lastPathComponent) \(entry.facts) — selected"))
            } catch {
                inbox.post(.imageConverted(nil, "cannot convert: \(error)"))
            }
        }
    }

    private func showCurl(_ id: Int64) {
        let service = self.service
        let inbox = self.inbox
        let requests = dependencies.dataDirectory.appendingPathComponent("requests")
        Task { @MainActor in
            do {
                guard let record = try service.journal.generation(id) else { return }
                let spec = try record.spec()
                let ready = try await providers.provider(record.provider, endpoint: record.endpoint)
                let request = try ready.provider.submitRequest(for: spec, media: service.assets).redacted()
                let file = requests.appendingPathComponent("generation-\(id).sh")
                try FileManager.default.createDirectory(at: requests, withIntermediateDirectories: true)
                try Data(("#!/bin/sh\n" + CurlCommand.make(request, provider: record.provider, registry: service.registry) + "\n").utf8).write(to: file, options: .atomic)
                var shown = request
                shown.body = request.abbreviatedBody()
                let text = CurlCommand.make(shown, provider: record.provider, registry: service.registry)
                let lines: [(text: String, role: StyleRole)] = [("the full command (inline images included): \(file.path)", .muted), ("", .text),
                                                                 (text, .text)]
                inbox.post(.panelOpened(TextPanel(kind: .request, title: "Request of #\(id) as curl — Esc closes", lines: lines, generationID: id)))
            } catch {
                inbox.post(.toast("cannot show the request of #\(id): \(error)"))
            }
        }
    }

    private func sidecarPanel(_ id: Int64) -> StudioMessage {
        let outputs = ((try? service.journal.outputs(of: id)) ?? []).filter { $0.path != nil }
        guard !outputs.isEmpty else { return .toast("#\(id) has no video on disk, so no sidecar yet") }
        var lines: [(text: String, role: StyleRole)] = []
        for output in outputs {
            let sidecar = SidecarWriter.sidecarURL(for: URL(fileURLWithPath: output.path ?? ""))
            lines.append((sidecar.path, .accent))
            let text = (try? String(contentsOf: sidecar, encoding: .utf8)) ?? "(missing: it is rewritten when the job is resumed)"
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), StyleRole.text) }
        }
        return .panelOpened(TextPanel(kind: .sidecar, title: "Sidecar of #\(id) — Esc closes", lines: lines, generationID: id))
    }

    private func delete(_ id: Int64) -> [StudioMessage] {
        tracker.stop(id)
        // The journal row goes first: a failure then leaves everything as it was, never a row without its files.
        let outputs = (try? service.journal.outputs(of: id)) ?? []
        do {
            try service.journal.delete(id)
        } catch {
            return [.toast("#\(id) could not be deleted: \(error)")]
        }
        var removed = 0
        for path in outputs.compactMap(\.path) {
            let video = URL(fileURLWithPath: path)
            if (try? FileManager.default.removeItem(at: video)) != nil { removed += 1 }
            try? FileManager.default.removeItem(at: SidecarWriter.sidecarURL(for: video))
        }
        return [.toast("#\(id) deleted with \(removed) video file\(removed == 1 ? "" : "s")"), .panelClosed]
    }

    // MARK: Drafts

    /// The tabs with unsent work, as they are kept.
    private func unsentDrafts() -> [GenerationMode: ModeDraft] {
        let all = model.form.allModes
        return Dictionary(uniqueKeysWithValues: model.form.unsentModes.compactMap { mode in all[mode].map { (mode, $0) } })
    }

    /// Writes the unsent drafts that changed to the journal and forgets the ones that were sent or
    /// cleared; the tab on screen is written last, so it opens first at the next start.
    private func saveDrafts(force: Bool) {
        let unsent = unsentDrafts()
        guard force || unsent != savedDrafts else { return }
        let journal = service.journal
        let encoder = JSONEncoder()
        let now = Date()
        let current = model.form.mode
        let order = unsent.keys.filter { $0 != current } + (unsent[current] == nil ? [] : [current])
        for (index, mode) in order.enumerated() where force || unsent[mode] != savedDrafts[mode] {
            guard let kept = unsent[mode], let data = try? encoder.encode(kept) else { continue }
            let stamp = now.addingTimeInterval(Double(index) / 1000)
            try? journal.saveFormDraft(FormDraftRecord(mode: mode.rawValue, draftJSON: String(decoding: data, as: UTF8.self), updatedAt: stamp))
        }
        for mode in savedDrafts.keys where unsent[mode] == nil {
            try? journal.deleteFormDraft(mode: mode.rawValue)
        }
        savedDrafts = unsent
    }

    /// The drafts an earlier run kept, the most recently changed first (unreadable ones are skipped).
    private func keptDrafts() -> [(GenerationMode, ModeDraft)] {
        let decoder = JSONDecoder()
        return ((try? service.journal.formDrafts()) ?? []).compactMap { record in
            guard let mode = GenerationMode(rawValue: record.mode),
                  let kept = try? decoder.decode(ModeDraft.self, from: Data(record.draftJSON.utf8)) else { return nil }
            return (mode, kept)
        }
    }

    // MARK: Jobs

    /// Offers every running job to the tracker: one this studio tracks already is skipped, one a live
    /// process owns is left to it (the claim fails at once), and one whose owner ended is taken over.
    /// Jobs still `submitting` are left alone: only a start decides that a submit was interrupted.
    private func adoptUntrackedJobs() {
        for job in model.operations where job.record.status.isActive {
            tracker.track(job.id, provider: job.record.provider, endpoint: job.record.endpoint)
        }
    }

    /// Tracks again every job an earlier run left unfinished (a crash while submitting becomes `unknown`).
    private func resumeUnfinished() {
        _ = try? service.markInterruptedSubmits()
        for record in (try? service.journal.unfinished()) ?? [] {
            if let id = record.id { tracker.track(id, provider: record.provider, endpoint: record.endpoint) }
        }
    }
}
