import ArgumentParser
import Foundation
import StudioCore

/// `veo-bench inline`: a Vertex answer holding one ~60 MB video as base64, decoded three ways, each
/// in its own process so that its peak RSS is its own: `stream` (the streaming reader fed pieces of
/// the file), `http` (the real `VertexAIProvider.poll` over HTTP from a local server streaming the
/// answer — server and client in one process) and `naive` (whole body, JSONSerialization,
/// Data(base64Encoded:)). Prints throughput and peak RSS of each.
struct InlineDecodeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inline", abstract: "Inline Vertex result: streaming decode vs naive decode (MB/s, peak RSS).")

    @Option(help: "Size of the video in MB.") var megabytes = 60
    @Option(help: "Bytes per piece fed to the streaming reader (what the network hands over).") var piece = 65_536
    @Option(help: "Internal: run one decoder (stream or naive) on --body.") var run: String?
    @Option(help: "Internal: the answer file.") var body: String?

    func run() async throws {
        if let run, let body {
            try await measure(mode: run, body: URL(fileURLWithPath: body))
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-inline-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let answer = folder.appendingPathComponent("answer.json")
        let videoBytes = try writeAnswer(to: answer)
        let bodyBytes = (try FileManager.default.attributesOfItem(atPath: answer.path)[.size] as? Int) ?? 0
        print(String(format: "inline answer: video %.1f MB, body %.1f MB (base64 in JSON), pieces of %d bytes (MB = 2^20 bytes)",
                     Double(videoBytes) / 1_048_576, Double(bodyBytes) / 1_048_576, piece))
        for mode in ["stream", "http", "naive"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = ["inline", "--run", mode, "--body", answer.path, "--piece", String(piece)]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            print(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        print("target: streaming peak RSS ≤ 1.5 × the video (\(String(format: "%.0f", Double(videoBytes) * 1.5 / 1_048_576)) MB)")
    }

    /// A finished operation with one inline sample of random bytes (incompressible, like video); returns its size.
    private func writeAnswer(to url: URL) throws -> Int {
        var generator = SystemRandomNumberGenerator()
        let size = megabytes * 1_048_576
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(#"{"name": "projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/bench", "done": true, "response": {"@type": "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse", "raiMediaFilteredCount": 0, "videos": [{"mimeType": "video/mp4", "bytesBase64Encoded": ""#.utf8))
        let block = 3 * 1_048_576
        var written = 0
        while written < size {
            let count = min(block, size - written)
            let bytes = (0..<((count + 7) / 8)).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
            try handle.write(contentsOf: Data(Data(bytes.prefix(count)).base64EncodedString().utf8))
            written += count
        }
        try handle.write(contentsOf: Data(#""}]}}"#.utf8))
        return size
    }

    private func measure(mode: String, body: URL) async throws {
        let output = body.deletingLastPathComponent().appendingPathComponent("\(mode).mp4")
        let bodyBytes = (try FileManager.default.attributesOfItem(atPath: body.path)[.size] as? Int) ?? 0
        let baseline = Stopwatch.residentMB()
        var videoBytes = 0
        let start = DispatchTime.now().uptimeNanoseconds
        switch mode {
        case "stream":
            let reader = InlineVideoReader { _ in try AtomicFileWriter(destination: output) }
            let handle = try FileHandle(forReadingFrom: body)
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: piece), !data.isEmpty {
                try data.withUnsafeBytes { try reader.feed($0) }
            }
            videoBytes = try reader.finish().files.first?.bytes ?? 0
        case "http":
            let (url, server) = try await AnswerFileServer.start(serving: body)
            defer { server.cancel() }
            let provider = VertexAIProvider(endpoint: VertexEndpoint(project: "p", location: "us-central1", baseURL: url),
                                            tokens: StaticTokenSource(token: "bench", origin: "the benchmark", fix: ""),
                                            stagingDirectory: body.deletingLastPathComponent().appendingPathComponent("staging"))
            let snapshot = try await provider.poll(operation: "projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/bench")
            guard let video = snapshot.videos.first else { throw ValidationError("the answer held no video") }
            let staged = try await provider.download(video, to: output)
            videoBytes = staged.bytes
        default:
            let data = try Data(contentsOf: body)
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let videos = (json?["response"] as? [String: Any])?["videos"] as? [[String: Any]]
            let video = Data(base64Encoded: videos?.first?["bytesBase64Encoded"] as? String ?? "") ?? Data()
            try video.write(to: output, options: .atomic)
            videoBytes = video.count
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let peak = Stopwatch.peakResidentMB()
        let videoMB = Double(videoBytes) / 1_048_576
        print(String(format: "%@  %7.1f MB/s of body  %7.1f MB/s of video  peak RSS %6.1f MB (%.2f × the video; %.1f MB before decoding)",
                     mode.padding(toLength: 6, withPad: " ", startingAt: 0),
                     Double(bodyBytes) / 1_048_576 / seconds, videoMB / seconds, peak, peak / max(videoMB, 0.001), baseline))
    }
}
