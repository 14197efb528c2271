import Foundation
import Logging
import Testing
import StudioEmulator
@testable import StudioCore

/// Storyboards end to end against the emulator (rendering with ffmpeg, so continuity is in the
/// pixels): every continuation mode on Veo and on Gemini Omni, the film stitched and probed, a
/// retake that makes exactly the stale shots again, and a board without ffmpeg that still makes
/// what it can and says what it cannot.
@Suite(.serialized, .enabled(if: FFmpegTool.locate() != nil, "ffmpeg is not installed: last frames, continuity and the stitch need it"))
struct StoryboardEndToEndTests {
    static let speed = 2000.0

    struct Stack {
        let folder: TemporaryFolder
        let server: EmulatorServer
        let service: GenerationService
        let runner: StoryboardRunner
        let driver: StoryboardDriver
        let baseURL: String

        static func start(ffmpeg: FFmpegTool? = FFmpegTool.locate()) async throws -> Stack {
            let folder = TemporaryFolder()
            var options = EmulatorOptions()
            options.speed = StoryboardEndToEndTests.speed
            options.seed = 23
            options.requestsPerMinute = 1000
            let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
            let url = try await server.start().absoluteString
            let app = try TestApp.open(folder)
            let service = try app.service(policy: TestApp.policy())
            let (provider, _) = try await app.provider("sandbox", baseURL: url)
            folder.write("hero.png", TestImages.png(width: 64, height: 36, rgb: (230, 40, 40)))
            let planner = StoryboardPlanner(service: service, reader: BatchSpecReader(catalog: try ParameterCatalog.shared()),
                                            loader: InputLoader(baseDirectory: folder.url), defaultProvider: "sandbox")
            let runner = StoryboardRunner(service: service, planner: planner, ffmpeg: ffmpeg,
                                          directory: folder.url.appendingPathComponent("storyboards"), endpoint: { _ in url })
            var dispatcher = QueueDispatcher(service: service, limits: { _ in .none }, providerFor: { _ in (provider, 1 / StoryboardEndToEndTests.speed) })
            dispatcher.idleLook = 0.02
            return Stack(folder: folder, server: server, service: service, runner: runner,
                         driver: StoryboardDriver(runner: runner, dispatcher: dispatcher), baseURL: url)
        }

        func plan(_ text: String) throws -> StoryboardPlan {
            let (document, problems) = try StoryboardFile.parse(text, fileName: "film.toml", directory: folder.url.path, reader: runner.planner.reader)
            return runner.planner.plan(document, problems: problems)
        }

        /// The emulator's log of POSTs whose path contains `part`, oldest first.
        func posts(containing part: String) async throws -> [StudioCore.JSONValue] {
            let list = try await HTTPTransport().sendJSON(WireRequest(method: "GET", url: "\(baseURL)/_emulator/requests", headers: [], body: nil),
                                                          stage: .poll)
            return (list.arrayValue ?? list["requests"]?.arrayValue ?? []).filter {
                ($0["path"]?.stringValue ?? "").contains(part) && $0["method"]?.stringValue == "POST"
            }
        }
    }

    static func board(model: String, duration: Int) -> String {
        """
        title = "Continuity"
        [defaults]
        model = "\(model)"
        aspect_ratio = "16:9"
        resolution = "720p"
        duration = \(duration)
        refs = ["hero.png"]

        [[shot]]
        prompt = "A red kite over a beach"
        continue = "ingredients"

        [[shot]]
        prompt = "The kite climbs into the clouds"
        continue = "extend"

        [[shot]]
        prompt = "It dives towards the sea"
        continue = "last-frame"

        [[shot]]
        prompt = "The same kite, now on the sand"
        continue = "ingredients"
        """
    }

    /// A frame of a video at `seconds` (negative: from the end), as small RGB pixels.
    static func pixels(_ video: String, at seconds: Double) throws -> [UInt8] {
        let tool = try #require(FFmpegTool.locate())
        let frame = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("frame-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: frame) }
        if seconds < 0 {
            try tool.extractLastFrame(of: video, to: frame)
        } else {
            try tool.produce(frame, field: "test", what: "a frame") { ["-y", "-v", "error", "-ss", "\(seconds)", "-i", video, "-frames:v", "1", "-c:v", "png", "-f", "image2", $0.path] }
        }
        return try tool.decodeRGB(frame.path, width: 64, height: 36)
    }

    /// Mean absolute difference of two frames, 0…255.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).map { abs(Int($0) - Int($1)) }.reduce(0, +)) / Double(max(1, a.count))
    }

    func video(_ stack: Stack, _ shot: StoryboardState.Shot) throws -> String {
        let id = try #require(shot.chosen?.job?.id)
        return try #require(try stack.service.journal.outputs(of: id).first?.path)
    }

    func runBoard(model: String, duration: Int, addedByExtension: Int) async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        let text = Self.board(model: model, duration: duration)
        let plan = try stack.plan(text)
        #expect(plan.isValid, "\(plan.problems.map(\.text))")
        let (board, remade) = try stack.runner.start(plan, text: text)
        #expect(remade == nil, "a new board")
        let state = try await stack.driver.run(board.id)
        #expect(state.isComplete, "\(state.shots.map { "\($0.shot.index) \($0.status) \($0.note ?? "") \($0.chosen?.job?.errorMessage ?? "")" })")
        guard state.isComplete else { return }
        let jobs = state.shots.compactMap { $0.chosen?.job }
        #expect(jobs.map(\.mode) == [.referenceImages, .extendVideo, .imageToVideo, .referenceImages])
        #expect(jobs[1].parentID == jobs[0].id && jobs[1].parentKind == "extend")
        #expect(jobs[2].parentID == jobs[1].id && jobs[2].parentKind == "last-frame")
        #expect(try stack.service.journal.jobs(inBatch: board.id).count == 4, "the board's shots are one entry in the history")

        // Continuity is in the pixels: a last-frame shot starts with the frame the shot before ends on.
        let videos = try state.shots.map { try video(stack, $0) }
        let end2 = try Self.pixels(videos[1], at: -1)
        let start3 = try Self.pixels(videos[2], at: 0)
        let start4 = try Self.pixels(videos[3], at: 0)
        #expect(Self.difference(end2, start3) < 6, "shot 3 starts on shot 2's last frame (difference \(Self.difference(end2, start3)))")
        #expect(Self.difference(end2, start4) > 2 * Self.difference(end2, start3), "an unchained shot does not")

        // The film: the extension holds shot 1, so it is not shown twice.
        let tool = try #require(FFmpegTool.locate())
        let seconds = try videos.map { try tool.clipFormat($0).seconds }
        let film = try stack.runner.stitch(board.id)
        let probed = try tool.clipFormat(film.path)
        let extensionHolds = abs(seconds[1] - (seconds[0] + Double(addedByExtension))) < 0.5
        let expected = (extensionHolds ? seconds[1] : seconds[0] + seconds[1]) + seconds[2] + seconds[3]
        #expect(abs(probed.seconds - expected) <= 1.0 / 24 + 0.05, "film \(probed.seconds) s, shots \(seconds)")
        #expect(probed.audio != nil && probed.width == 1280 && probed.height == 720, "one video and one audio stream at the declared size")
        let finished = try stack.runner.state(board.id)
        #expect(finished.board.status == "done" && finished.board.filmSHA256 == film.sha256)
        let sidecar = try JSONValue.decode(Data(contentsOf: SidecarWriter.sidecarURL(for: URL(fileURLWithPath: film.path))))
        #expect(sidecar["shots"]?.arrayValue?.compactMap { $0["generation"]?.doubleValue }.map { Int64($0) } == jobs.compactMap(\.id))

        // Crossfaded: shorter by one crossfade per seam between segments.
        let faded = try stack.runner.stitch(board.id, to: stack.folder.url.appendingPathComponent("faded.mp4"), crossfade: 0.5)
        let seams = Double((extensionHolds ? 3 : 4) - 1)
        #expect(abs(faded.seconds - (expected - 0.5 * seams)) <= 1.0 / 24 + 0.05, "faded \(faded.seconds) s")
    }

    @Test func fourShotsOnVeoEachContinuationStitched() async throws {
        try await runBoard(model: "veo-3.1-generate-preview", duration: 8, addedByExtension: 7)
    }

    @Test func fourShotsOnGeminiOmniEachContinuationStitched() async throws {
        try await runBoard(model: "gemini-omni-1.1-flash", duration: 4, addedByExtension: 4)
    }

    @Test func aRetakeOfShotTwoMakesShotsTwoToFourAgainAndNothingElse() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        let text = Self.board(model: "veo-3.1-generate-preview", duration: 8)
        let (board, _) = try stack.runner.start(try stack.plan(text), text: text)
        let first = try await stack.driver.run(board.id)
        #expect(first.isComplete)
        let before = try await stack.posts(containing: ":predictLongRunning")
        #expect(before.count == 4)

        var document = first.document
        document.shots[1].values["prompt"] = .string("The kite loops twice")
        let stale = document.staleShots(from: 2)
        #expect(stale == [2, 3], "shot 4 starts fresh (ingredients): it is not stale")
        try stack.service.journal.retake(storyboard: board.id, shots: stale, document: document, at: Date())
        let second = try await stack.driver.run(board.id)
        #expect(second.isComplete)
        let after = try await stack.posts(containing: ":predictLongRunning")
        #expect(after.count == before.count + 2, "exactly the stale shots were sent again")
        #expect(after.suffix(2).first?["body"]?.encodedString().contains("loops twice") == true)
        #expect(second.shots[0].chosen?.job?.id == first.shots[0].chosen?.job?.id, "nothing upstream is touched")
        #expect(second.shots[3].chosen?.job?.id == first.shots[3].chosen?.job?.id)
        #expect(second.shots[1].chosen?.job?.id != first.shots[1].chosen?.job?.id)
        #expect(second.shots[2].chosen?.job?.parentID == second.shots[1].chosen?.job?.id, "shot 3 continues from the new shot 2")
    }

    @Test func anEditedFileRemakesOnlyTheShotsItMakesStaleAndATakeChosenBackComesBack() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        let text = Self.board(model: "veo-3.1-generate-preview", duration: 8).replacingOccurrences(
            of: "prompt = \"A red kite over a beach\"", with: "prompt = \"A red kite over a beach\"\ntakes = 2")
        let (board, _) = try stack.runner.start(try stack.plan(text), text: text)
        let first = try await stack.driver.run(board.id)
        #expect(first.isComplete)
        let sent = try await stack.posts(containing: ":predictLongRunning").count
        #expect(sent == 5, "two takes of shot 1, then shots 2–4")

        // The same file again: nothing to remake. An edit of shot 4's prompt: shot 4 alone.
        #expect(try stack.runner.start(try stack.plan(text), text: text).1 == [])
        let edited = text.replacingOccurrences(of: "The same kite, now on the sand", with: "The kite folded on the sand")
        let (same, remade) = try stack.runner.start(try stack.plan(edited), text: edited)
        #expect(same.id == board.id && remade == [4], "\(remade ?? [])")
        let second = try await stack.driver.run(board.id)
        #expect(second.isComplete)
        #expect(try await stack.posts(containing: ":predictLongRunning").count == sent + 1, "only shot 4 was sent again")
        #expect((0..<3).allSatisfy { second.shots[$0].chosen?.job?.id == first.shots[$0].chosen?.job?.id })

        // Take 2 of shot 1 chosen: shots 2 and 3 are made from it; take 1 chosen back: theirs come back.
        let shot2 = second.shots[1].chosen?.job?.id
        #expect(try stack.runner.choose(board.id, shot: 1, take: 2) == [2, 3])
        let third = try await stack.driver.run(board.id)
        #expect(third.isComplete && third.shots[1].chosen?.job?.parentID == third.shots[0].chosen?.job?.id)
        #expect(try await stack.posts(containing: ":predictLongRunning").count == sent + 3)
        #expect(try stack.runner.choose(board.id, shot: 1, take: 1) == [], "the chain made from take 1 comes back")
        let fourth = try await stack.driver.run(board.id)
        #expect(fourth.isComplete && fourth.shots[1].chosen?.job?.id == shot2)
        #expect(try await stack.posts(containing: ":predictLongRunning").count == sent + 3, "nothing is paid twice")
        #expect(try stack.runner.choose(board.id, shot: 1, take: 1) == nil, "the film's take already: nothing changes")
    }

    @Test func aRetakeBeforeTheJobWasSentTakesItOutOfTheQueue() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        let text = Self.board(model: "veo-3.1-generate-preview", duration: 8)
        let (board, _) = try stack.runner.start(try stack.plan(text), text: text)
        let queued = try stack.runner.advance(board.id)
        let waiting = try #require(queued.shots[0].chosen?.job)
        #expect(waiting.status == .waiting)
        try stack.runner.retake(board.id, shot: 1, changing: ["prompt": .string("A blue kite over a beach")])
        let waitingID = try #require(waiting.id)
        let removed = try #require(try stack.service.journal.generation(waitingID))
        #expect(removed.status == .cancelled && removed.errorCode == Charge.removedFromQueueCode, "never sent, nothing charged")
        #expect(!(try stack.service.journal.queue()).contains { $0.record.id == waiting.id })
        #expect(throws: StudioError.self, "a shot that chains cannot become the first") {
            try stack.runner.moveShot(board.id, shot: 2, by: -1)
        }
    }

    @Test func withoutFFmpegTheShotsThatNeedNoneAreMadeAndTheRestSaySo() async throws {
        let stack = try await Stack.start(ffmpeg: nil)
        defer { Task { [server = stack.server] in await server.stop() } }
        let text = Self.board(model: "veo-3.1-generate-preview", duration: 8)
        let (board, _) = try stack.runner.start(try stack.plan(text), text: text)
        let state = try await stack.driver.run(board.id)
        #expect(state.isSettled && !state.isComplete)
        #expect(state.shots.map(\.status) == ["done", "done", "blocked", "done"], "\(state.shots.map(\.status))")
        #expect(state.shots[2].note?.contains("ffmpeg not found") == true && state.shots[2].note?.contains("apt-get install") == true)
        let out = stack.folder.url.appendingPathComponent("films/film.mp4")
        #expect(throws: StudioError.self) { try stack.runner.stitch(board.id, to: out) }
        #expect(!FileManager.default.fileExists(atPath: out.deletingLastPathComponent().path), "nothing half-written")
    }
}
