import Foundation
import Testing
@testable import StudioCore

/// An operation belongs to the endpoint that accepted it: a job sent with `--base-url` (an emulator,
/// a proxy) is resumed there without the flag, and the journal records which wire protocol took it.
@Suite(.serialized)
struct EndpointTests {
    static let key = ["GEMINI_API_KEY": "endpoint-test-key"]

    /// Whether the emulator's one operation (Veo) or interaction (Gemini Omni) has finished.
    static func finished(_ base: String) async throws -> Bool {
        var finished = false
        for (route, isDone) in [("operations", { (item: JSONValue) in item["done"] == .bool(true) }),
                                ("interactions", { (item: JSONValue) in item["status"]?.stringValue == "completed" })] {
            let request = WireRequest(method: "GET", url: "\(base)/_emulator/\(route)", headers: [], body: nil)
            finished = try await HTTPTransport().sendJSON(request, stage: .poll).arrayValue?.contains(where: isDone) ?? false || finished
        }
        return finished
    }

    @Test(arguments: ["veo-3.1-generate-preview", "gemini-omni-1.1-flash"])
    func aJobSentWithABaseURLIsResumedThereWithoutIt(model: String) async throws {
        let (server, base) = try await GatewayCLITests.emulator(speed: 200)
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        // Polls at the emulator's pace, not the real service's.
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        try "[providers.gemini]\nlatency_scale = 0.005\n".write(to: cli.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let sent = try await cli.runAwaiting(["generate", "--provider", "gemini", "--model", model, "--base-url", base,
                                              "--prompt", "a paper boat", "--json"], environment: Self.key)
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = try #require(try JSONValue.decode(Data(sent.stdout.utf8))["id"]?.intValue)
        let journal = try Journal.open(at: cli.home.appendingPathComponent("journal.sqlite"))
        let record = try #require(try journal.generation(Int64(id)))
        #expect(record.endpoint == base, "the journal keeps where the job was sent")
        #expect(record.wireProtocol == (model.hasPrefix("gemini-omni") ? .interactions : .geminiPredict))

        // Resumed with no --base-url once the emulator has made it: one look finds it done at the
        // emulator (sent to Google's host instead, it would never end).
        for _ in 0..<400 where try await !Self.finished(base) { try await Task.sleep(for: .milliseconds(25)) }
        let resumed = try await cli.runAwaiting(["resume", "--json"], environment: Self.key)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let rows = try JSONValue.decode(Data(resumed.stdout.utf8)).arrayValue ?? []
        #expect(rows.first { $0["id"]?.intValue == id }?["status"]?.stringValue == "done", "\(resumed.stdout) \(resumed.stderr)")
    }
}
