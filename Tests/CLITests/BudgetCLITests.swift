import Foundation
import Testing
@testable import StudioCore

/// Budget caps and the ledger from the command line, against a service that charges (the Gemini
/// API's protocol on a local emulator, named with --base-url: not the sandbox).
@Suite(.serialized)
struct BudgetCLITests {
    static let key = ["GEMINI_API_KEY": "budget-test-key"]

    static func home(_ cli: CLIRunner, config: String) throws {
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        try Data(config.utf8).write(to: cli.home.appendingPathComponent("config.toml"))
    }

    @Test func aCapRefusesASubmissionWithTheNumbersAndTheLedgerKeepsSpentApartFromCommitted() async throws {
        let (server, base) = try await GatewayCLITests.emulator()
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        try Self.home(cli, config: "[budget]\ndaily_usd = 5\n\n[providers.gemini]\nlatency_scale = 0.001\n")
        let spec = ["--provider", "gemini", "--base-url", base, "--model", "veo-3.1-generate-preview"]
        let first = try await cli.runAwaiting(["generate", "--prompt", "a heron"] + spec + ["--wait", "--json"], environment: Self.key)
        #expect(first.status == 0, "\(first.stderr)")
        let refused = try await cli.runAwaiting(["generate", "--prompt", "one more"] + spec, environment: Self.key)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("budget (today): $3.20 spent + $0.00 in flight + $3.20 this job = $6.40, over the cap of $5.00"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("raise daily_usd under [budget]"))
        let json = try await cli.runAwaiting(["generate", "--prompt", "one more"] + spec + ["--json"], environment: Self.key)
        #expect(json.status == 1)
        #expect(try JSONValue.decode(Data(json.stdout.utf8))["error"]?["code"]?.stringValue == "budget.exceeded")

        // Queued instead: it waits with the reason budget, and dispatch does not wait for ever.
        let queued = try await cli.runAwaiting(["generate", "--prompt", "queued one", "--queue"] + spec + ["--json"], environment: Self.key)
        #expect(queued.status == 0, "\(queued.stderr)")
        let dispatched = try await cli.runAwaiting(["dispatch", "--wait", "--json"], environment: Self.key)
        #expect(dispatched.status == 0, "\(dispatched.stderr)")
        let waiting = try JSONValue.decode(Data(dispatched.stdout.utf8))["waiting"]?.arrayValue ?? []
        #expect(waiting.first?["reason"]?.stringValue == "budget: today cap $5.00", "\(dispatched.stdout)")

        let ledger = try JSONValue.decode(Data(try cli.run(["ledger", "--json"]).stdout.utf8))
        #expect(ledger["totals"]?["charged_usd"]?.doubleValue == 3.2)
        #expect(ledger["totals"]?["waiting_usd"]?.doubleValue == 3.2, "about to be spent, apart from spent")
        #expect(ledger["rows"]?.arrayValue?.map { $0["charge"]?.stringValue } == ["charged", "waiting"])
        #expect(ledger["prices_as_of"]?.stringValue?.isEmpty == false)
        let byProvider = try cli.run(["ledger", "--by", "provider", "--csv"])
        #expect(byProvider.stdout.hasPrefix("key,jobs,charged_usd,may_be_charged_usd,in_flight_usd,waiting_usd,not_charged,unpriced\n"))
        #expect(byProvider.stdout.contains("gemini,2,3.20,0.00,0.00,3.20,0,0"), "\(byProvider.stdout)")

        // Queued with today's cap passed: said at once; followed, it still waits and that is not success.
        let held = try await cli.runAwaiting(["generate", "--prompt", "held one", "--queue", "--wait"] + spec, environment: Self.key)
        #expect(held.status == 1, "\(held.stderr)")
        #expect(held.stderr.contains("it waits for money: budget (today)"), "\(held.stderr)")
        #expect(held.stderr.contains("still waits (budget: today cap $5.00)"), "\(held.stderr)")
    }

    @Test func aBatchOverItsCapIsRefusedWholeAndOneHeldByTheDayEndsNotDone() async throws {
        let (server, base) = try await GatewayCLITests.emulator()
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        try Self.home(cli, config: "[budget]\nbatch_usd = 5\ndaily_usd = 4\n\n[providers.gemini]\nlatency_scale = 0.001\nbase_url = \"\(base)\"\n")
        let line = "{\"provider\": \"gemini\", \"model\": \"veo-3.1-generate-preview\", \"prompt\": \"a heron\"}\n"
        cli.write("big.jsonl", Data(String(repeating: line, count: 2).utf8))
        let path = cli.workingDirectory.appendingPathComponent("big.jsonl").path
        let dry = try await cli.runAwaiting(["batch", path, "--dry-run"], environment: Self.key)
        #expect(dry.status == 1, "a dry run says the batch would be refused: \(dry.stderr)")
        #expect(dry.stderr.contains("budget (this batch): $6.40 for this batch if every take succeeds, over the cap of $5.00"), "\(dry.stderr)")
        let refused = try await cli.runAwaiting(["batch", path, "--json"], environment: Self.key)
        #expect(refused.status == 1)
        #expect(try JSONValue.decode(Data(refused.stdout.utf8))["error"]?["code"]?.stringValue == "budget.exceeded", "\(refused.stdout)")
        #expect(try cli.run(["queue"]).stdout.contains("the queue is empty"), "nothing was queued")

        // Under the batch's cap, over the day's: the first take goes, the second waits, and --wait says so.
        cli.write("two.jsonl", Data(line.utf8 + Data("{\"provider\": \"gemini\", \"model\": \"veo-3.1-fast-generate-preview\", \"prompt\": \"a kite\"}\n".utf8)))
        let run = try await cli.runAwaiting(["batch", cli.workingDirectory.appendingPathComponent("two.jsonl").path, "--wait", "--json"],
                                            environment: Self.key)
        #expect(run.status == 1, "a batch that leaves takes waiting is not a success: \(run.stderr)")
        #expect(run.stderr.contains("1 take(s) still wait (budget: today cap $4.00)"), "\(run.stderr)")
        let summary = try JSONValue.decode(Data(run.stdout.utf8))["summary"]
        #expect(summary?["done"]?.intValue == 1 && summary?["waiting"]?.intValue == 1, "\(run.stdout)")

        // The cap of its batch lowered afterwards: the reason, long as it is, is listed whole.
        try Self.home(cli, config: "[budget]\nbatch_usd = 1\n\n[providers.gemini]\nlatency_scale = 0.001\nbase_url = \"\(base)\"\n")
        let batchID = try #require(try JSONValue.decode(Data(run.stdout.utf8))["batch"]?.stringValue)
        _ = try await cli.runAwaiting(["dispatch", "--wait"], environment: Self.key)
        let listed = try cli.run(["queue"]).stdout
        #expect(listed.contains("budget: batch \(batchID) cap $1.00"), "\(listed)")
    }
}
