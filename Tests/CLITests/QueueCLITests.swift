import Foundation
import Testing
@testable import StudioCore

/// The queue from the command line as a script drives it: `--queue`, `queue` and its subcommands,
/// `dispatch`, and two dispatchers on one home sending each job once.
@Suite(.serialized)
struct QueueCLITests {
    static func queued(_ cli: CLIRunner, _ prompt: String) throws -> Int {
        let result = try cli.run(["generate", "--queue", "--prompt", prompt, "--model", "veo-3.1-fast-generate-preview", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.decode(Data(result.stdout.utf8))
        #expect(json["status"]?.stringValue == "waiting" && json["operation"] == .null, "queued, not sent: \(result.stdout)")
        return try #require(json["id"]?.intValue)
    }

    @Test func queueHoldReorderRemoveThenDispatch() throws {
        let cli = CLIRunner()
        let ids = try ["a red kite", "a blue boat", "a green hill", "a grey gull"].map { try Self.queued(cli, $0) }
        #expect(try cli.run(["queue", "pause", "\(ids[1])"]).stdout.contains("paused"))
        #expect(try cli.run(["queue", "top", "\(ids[2])"]).status == 0)
        let removed = try cli.run(["queue", "remove", "\(ids[3])"])
        #expect(removed.stdout.contains("nothing is charged"), "\(removed.stdout)")
        let again = try cli.run(["queue", "remove", "\(ids[3])"])
        #expect(again.status != 0 && again.stderr.contains("#\(ids[3]) is cancelled, not waiting in the queue"), "\(again.stderr)")

        let listed = try JSONValue.decode(Data(try cli.run(["queue", "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(listed.compactMap { $0["id"]?.intValue } == [ids[2], ids[0], ids[1]], "the front, then by age; the removed one is gone")
        #expect(listed.map { $0["position"]?.intValue } == [1, 2, nil])
        #expect(listed.last?["reason"]?.stringValue == "paused")
        for key in ["priority", "paused", "not_before", "attempts", "batch", "provider", "model", "prompt", "cost_estimate_usd", "queued_at"] {
            #expect(listed.first?[key] != nil, "queue --json has \(key)")
        }

        let dispatched = try cli.run(["dispatch", "--wait", "--json"])
        #expect(dispatched.status == 0, "\(dispatched.stderr)")
        let result = try JSONValue.decode(Data(dispatched.stdout.utf8))
        let sent = result["sent"]?.arrayValue ?? []
        #expect(sent.compactMap { $0["id"]?.intValue } == [ids[0], ids[2]].sorted(), "\(dispatched.stdout)")
        #expect(sent.allSatisfy { $0["status"]?.stringValue == "done" && $0["outputs"]?.arrayValue?.count == 1 })
        #expect(result["waiting"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [ids[1]], "the paused job still waits")

        #expect(try cli.run(["queue", "pause", "\(ids[1])"]).stdout.contains("#\(ids[1]) is paused already: nothing changed"))
        #expect(try cli.run(["queue", "resume", "\(ids[1])"]).status == 0)
        let resumedTwice = try cli.run(["queue", "resume", "\(ids[1])"])
        #expect(resumedTwice.status == 0 && resumedTwice.stdout.contains("#\(ids[1]) was not paused: nothing changed"), "\(resumedTwice.stdout)")
        let last = try cli.run(["dispatch", "--wait"])
        #expect(last.status == 0 && last.stdout.contains("a blue boat"), "\(last.stdout)\(last.stderr)")
        #expect(try cli.run(["queue"]).stdout.contains("the queue is empty"))
    }

    @Test func twoDispatchersOnOneHomeSendEachJobOnce() throws {
        let cli = CLIRunner()
        let ids = try (0..<6).map { try Self.queued(cli, "shot \($0)") }
        let group = DispatchGroup()
        let results = LockedResults()
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                results.append(try? cli.run(["dispatch", "--wait", "--json"]))
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 180) == .success, "both dispatchers end")
        let sent = results.all.compactMap { $0 }.flatMap { result in
            ((try? JSONValue.decode(Data(result.stdout.utf8)))?["sent"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }
        }
        #expect(sent.sorted() == ids, "every job sent, none twice: \(sent)")
        let journal = try Journal.open(at: cli.home.appendingPathComponent("journal.sqlite"))
        for id in ids {
            let taken = try journal.events(of: Int64(id)).filter { $0.detail == "taken from the queue to send" }
            #expect(taken.count == 1, "#\(id) taken \(taken.count) times")
            #expect(try journal.generation(Int64(id))?.status == .done)
        }
    }
}

/// Results gathered from several threads.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLIRunner.Result?] = []
    func append(_ result: CLIRunner.Result?) { lock.withLock { results.append(result) } }
    var all: [CLIRunner.Result?] { lock.withLock { results } }
}
