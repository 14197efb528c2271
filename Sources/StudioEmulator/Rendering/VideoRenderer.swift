import Foundation
import Logging

/// Produces the MP4 for a generated file: rendered with ffmpeg when it is on PATH (checked once),
/// otherwise — or when ffmpeg fails — the built-in clip, with the reason logged. Each file is
/// rendered once (concurrent downloads share the work), at most two renders run at a time, and
/// a file is written under a temporary name and renamed, so nobody sees half a file.
actor VideoRenderer {
    let workDirectory: URL
    let useFFmpeg: Bool
    let logger: Logger
    private var tools: RenderTools?
    private var inFlight: [String: Task<URL, Never>] = [:]
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private static let maxConcurrentRenders = 2

    init(workDirectory: URL, useFFmpeg: Bool, logger: Logger) {
        self.workDirectory = workDirectory
        self.useFFmpeg = useFFmpeg
        self.logger = logger
    }

    /// Where a file's MP4 lives once rendered.
    nonisolated func outputURL(for fileID: String) -> URL {
        workDirectory.appendingPathComponent("files").appendingPathComponent("\(fileID).mp4")
    }

    /// The built-in MP4 shipped with the emulator.
    static func builtinVideo() -> Data? {
        guard let url = Bundle.module.url(forResource: "builtin", withExtension: "mp4") else { return nil }
        return try? Data(contentsOf: url)
    }

    /// The ffmpeg and font found on this machine (looked up once).
    func detectedTools() async -> RenderTools {
        if let tools { return tools }
        let found = await RenderTools.detect(enabled: useFFmpeg)
        if let tools { return tools }  // another caller finished first
        if let reason = found.unavailableReason {
            logger.notice("video rendering falls back to the built-in MP4: \(reason)")
        } else if found.fontFile == nil {
            logger.notice("no font found with fc-match: rendered videos carry no text")
        }
        tools = found
        return found
    }

    /// The rendered MP4 for `file`, rendering it first if needed.
    func video(for file: FileRecord) async -> URL {
        let output = outputURL(for: file.id)
        if FileManager.default.fileExists(atPath: output.path) { return output }
        if let task = inFlight[file.id] { return await task.value }
        let task = Task { await self.render(file, to: output) }
        inFlight[file.id] = task
        let url = await task.value
        inFlight[file.id] = nil
        return url
    }

    /// Starts rendering in the background (used when a poll first sees an operation done).
    func prefetch(_ files: [FileRecord]) {
        for file in files where inFlight[file.id] == nil && !FileManager.default.fileExists(atPath: outputURL(for: file.id).path) {
            let output = outputURL(for: file.id)
            inFlight[file.id] = Task {
                let url = await self.render(file, to: output)
                self.finished(file.id)
                return url
            }
        }
    }

    private func finished(_ id: String) {
        inFlight[id] = nil
    }

    /// Waits for every render in progress (used at shutdown and reset).
    func drain() async {
        let tasks = Array(inFlight.values)
        for task in tasks { _ = await task.value }
    }

    private func acquire() async {
        if running < Self.maxConcurrentRenders {
            running += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            running -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    private func render(_ file: FileRecord, to output: URL) async -> URL {
        try? FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tools = await detectedTools()
        if let ffmpeg = tools.ffmpeg {
            await acquire()
            let started = Date()
            var failure = await runFFmpeg(ffmpeg, font: tools.fontFile, file: file, output: output, withImages: true)
            if failure != nil, file.render.firstFrame != nil || !file.render.references.isEmpty {
                logger.warning("ffmpeg could not use the input images for \(file.id) (\(failure ?? "")); rendering without them")
                failure = await runFFmpeg(ffmpeg, font: tools.fontFile, file: file, output: output, withImages: false)
            }
            release()
            if let failure {
                logger.warning("ffmpeg failed for \(file.id), serving the built-in MP4: \(failure)")
            } else {
                let elapsed = Date().timeIntervalSince(started)
                logger.debug("rendered \(file.id) \(file.width)x\(file.height) \(file.durationSeconds)s in \(String(format: "%.2f", elapsed))s")
                return output
            }
        }
        do {
            guard let data = Self.builtinVideo() else {
                throw EmulatorSetupError("builtin.mp4 is missing from the StudioEmulator resources")
            }
            try AtomicFile.write(data, to: output)
        } catch {
            logger.error("cannot store the built-in MP4 for \(file.id): \(error)")
        }
        return output
    }

    /// Runs one ffmpeg render into a temporary file and renames it; returns why it failed, or nil.
    private func runFFmpeg(_ ffmpeg: String, font: String?, file: FileRecord, output: URL, withImages: Bool) async -> String? {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("veo-emulator-render-\(file.id)-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            return "cannot create \(scratch.path): \(error)"
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let spec = file.render
        let fontSize = max(12, min(spec.width, spec.height) / 16)
        let columns = max(12, Int(Double(spec.width) * 0.9 / (Double(fontSize) * 0.56)))
        let promptFile = scratch.appendingPathComponent("prompt.txt")
        let captionFile = scratch.appendingPathComponent("caption.txt")
        let prompt = FFmpegCommand.wrap(spec.prompt.isEmpty ? "(no prompt)" : spec.prompt, width: columns, maxLines: 5)
        do {
            try Data(prompt.utf8).write(to: promptFile)
            try Data(spec.caption.utf8).write(to: captionFile)
        } catch {
            return "cannot write text files: \(error)"
        }
        func absolute(_ relative: String?) -> String? {
            guard withImages, let relative else { return nil }
            return workDirectory.appendingPathComponent(relative).path
        }
        let temporary = AtomicFile.temporarySibling(of: output)
        let source = spec.sourceVideo.map { workDirectory.appendingPathComponent($0).path }
        let command = FFmpegCommand(
            spec: spec, firstFrame: absolute(spec.firstFrame), lastFrame: absolute(spec.lastFrame),
            references: withImages ? spec.references.map { workDirectory.appendingPathComponent($0).path } : [],
            promptFile: promptFile.path, captionFile: captionFile.path, fontFile: font, output: temporary.path,
            sourceVideo: source.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        )
        let timeout = 60 + Double(spec.durationSeconds) * 2
        let outcome = await ProcessRunner.run(ffmpeg, command.arguments, timeout: timeout)
        guard outcome.status == 0, !outcome.timedOut else {
            try? FileManager.default.removeItem(at: temporary)
            return outcome.timedOut ? "timed out after \(Int(timeout)) s" : "exit \(outcome.status): \(outcome.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        do {
            try AtomicFile.move(temporary, to: output)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return "\(error)"
        }
        return nil
    }
}

/// The external tools rendering uses.
struct RenderTools: Sendable {
    var ffmpeg: String?
    var fontFile: String?
    var unavailableReason: String?

    /// Looks for ffmpeg on PATH and a sans-serif font through fc-match.
    static func detect(enabled: Bool) async -> RenderTools {
        guard enabled else { return RenderTools(unavailableReason: "rendering with ffmpeg is turned off (--no-ffmpeg)") }
        guard let ffmpeg = ProcessRunner.which("ffmpeg") else {
            return RenderTools(unavailableReason: "ffmpeg is not on PATH")
        }
        return RenderTools(ffmpeg: ffmpeg, fontFile: await findFont())
    }

    private static func findFont() async -> String? {
        let candidates = [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/System/Library/Fonts/Supplemental/Arial.ttf",
            "/Library/Fonts/Arial.ttf",
        ]
        if let fcMatch = ProcessRunner.which("fc-match") {
            let outcome = await ProcessRunner.run(fcMatch, ["-f", "%{file}", "sans"], timeout: 10, captureOutput: true)
            let path = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if outcome.status == 0, isUsable(path) { return path }
        }
        return candidates.first(where: isUsable)
    }

    /// drawtext options are `:`-separated, so a font path with `:`, `'` or `\` is not used.
    private static func isUsable(_ path: String) -> Bool {
        !path.isEmpty && FileManager.default.fileExists(atPath: path)
            && !path.contains(":") && !path.contains("'") && !path.contains("\\") && !path.contains(",")
    }
}
