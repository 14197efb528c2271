import Foundation
import Logging
import StudioCore
import StudioEmulator
import Testing

/// Several `veo-studio` processes on one home at the same time, against one emulator: none fails
/// on a locked database, each job is polled by one process only (its owner), and a job whose owner
/// was killed is taken over by the next process that resumes. Each process uses a key of its own
/// length, which the emulator's request log keeps ("<redacted, N chars>"), so every poll in the log
/// names the process that sent it.
@Suite(.serialized)
struct TwoProcessTests {
    /// The Veo model: its submit and polls have paths of their own in the log.
    static let veo = "veo-3.1-generate-preview"
    /// Keys of distinct lengths, one per process.
    static let keys = ["two-proc-a", "two-proc-b-key", "two-proc-c-key-long", "two-proc-d-key-longer-yet"]

    /// A home whose config polls the emulator at its own pace (15× the real service).
    static func home() throws -> CLIRunner {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        try "[providers.gemini]\nlatency_scale = 0.0667\n".write(to: cli.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        return cli
    }

    /// A running CLI process whose output goes to files (pipes could fill while it runs).
    struct Running {
        let process: Process
        let output: URL

        func finish() -> (status: Int32, text: String) {
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
    }

    static func start(_ cli: CLIRunner, _ arguments: [String], key: String, name: String) throws -> Running {
        let output = cli.workingDirectory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil) // opening it below throws if it is not there
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments + ["--home", cli.home.path]
        process.currentDirectoryURL = cli.workingDirectory
        var environment = ProcessInfo.processInfo.environment
        environment["VEO_STUDIO_HOME"] = nil
        environment["GOOGLE_API_KEY"] = nil
        environment["GEMINI_API_KEY"] = key
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return Running(process: process, output: output)
    }

    /// A list the emulator's control routes answer: `requests` (its request log) or `operations`.
    static func control(_ base: String, _ list: String) async throws -> [StudioCore.JSONValue] {
        let answer = try await HTTPTransport().sendJSON(WireRequest(method: "GET", url: "\(base)/_emulator/\(list)", headers: [], body: nil),
                                                        stage: .poll)
        return answer.arrayValue ?? answer[list]?.arrayValue ?? []
    }

    /// The emulator's request log.
    static func log(_ base: String) async throws -> [StudioCore.JSONValue] {
        try await control(base, "requests")
    }

    /// The length of the key a logged request carried, read from its redacted header.
    static func keyLength(_ request: StudioCore.JSONValue) -> Int? {
        guard case .object(let headers)? = request["headers"] else { return nil }
        for header in headers where header.key.lowercased() == "x-goog-api-key" {
            let text = header.value.stringValue ?? ""
            return Int(text.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }

    static func path(_ request: StudioCore.JSONValue) -> String { request["path"]?.stringValue ?? "" }

    /// Polls the log (bounded) until `count` requests match.
    static func waitForRequests(_ base: String, count: Int, matching: (StudioCore.JSONValue) -> Bool) async throws -> [StudioCore.JSONValue] {
        var found: [StudioCore.JSONValue] = []
        for _ in 0..<400 {
            found = try await log(base).filter(matching)
            if found.count >= count { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        return found
    }

    /// The operation names of the jobs in this home, by prompt.
    static func operations(_ cli: CLIRunner) throws -> [String: (operation: String, status: String)] {
        let history = try cli.run(["history", "--json"])
        var result: [String: (String, String)] = [:]
        for job in try StudioCore.JSONValue.decode(Data(history.stdout.utf8)).arrayValue ?? [] {
            let id = job["id"]?.intValue ?? 0
            let shown = try StudioCore.JSONValue.decode(Data(try cli.run(["show", String(id), "--json"]).stdout.utf8))
            let operation = shown["operation"]?.stringValue ?? shown["operation_name"]?.stringValue ?? ""
            result[job["prompt"]?.stringValue ?? ""] = (operation, job["status"]?.stringValue ?? "")
        }
        return result
    }

    @Test func twoGeneratesAndAResumeAtOnceShareOneHomeWithOneOwnerPerJob() async throws {
        let (server, base) = try await GatewayCLITests.emulator(speed: 15)
        defer { Task { await server.stop() } }
        let cli = try Self.home()
        let common = ["--provider", "gemini", "--model", Self.veo, "--base-url", base, "--wait"]
        let first = try Self.start(cli, ["generate", "--prompt", "the first process"] + common, key: Self.keys[0], name: "first")
        let submitted = try await Self.waitForRequests(base, count: 1) { Self.path($0).hasSuffix(":predictLongRunning") }
        #expect(submitted.count == 1, "the first job was submitted")
        let second = try Self.start(cli, ["generate", "--prompt", "the second process"] + common, key: Self.keys[1], name: "second")
        let resumer = try Self.start(cli, ["resume", "--base-url", base, "--wait"], key: Self.keys[2], name: "resumer")

        for (name, run) in [("first", first), ("second", second), ("resumer", resumer)] {
            let (status, text) = run.finish()
            #expect(status == 0, "\(name) exits 0: \(text)")
            #expect(!text.lowercased().contains("locked"), "\(name) never meets a locked database: \(text)")
        }
        let jobs = try Self.operations(cli)
        #expect(jobs.count == 2 && jobs.values.allSatisfy { $0.status == "done" }, "both jobs are done: \(jobs)")
        let requests = try await Self.log(base)
        for (prompt, owner) in [("the first process", Self.keys[0]), ("the second process", Self.keys[1])] {
            let operation = try #require(jobs[prompt]?.operation)
            let polls = requests.filter { Self.path($0).hasSuffix(operation) }
            #expect(!polls.isEmpty, "\(prompt) was polled")
            let senders = Set(polls.compactMap(Self.keyLength))
            #expect(senders == [owner.count], "only its owner polled \(prompt): key lengths \(senders)")
        }
        #expect(requests.filter { Self.path($0).hasSuffix(":predictLongRunning") }.count == 2, "each job submitted once")
        // Three processes wrote one log: every line whole, none written over another.
        let log = try String(contentsOf: cli.home.appendingPathComponent("logs/veo-studio.log"), encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.count >= 2, "the processes logged")
        #expect(lines.allSatisfy { $0.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ .*/#) != nil },
                "a line of the log was overwritten: \(lines.filter { $0.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ .*/#) == nil })")
    }

    /// Whether the emulator still has the operation of `prompt` running (not yet finished).
    static func stillRunning(_ base: String, prompt: String) async throws -> Bool {
        let operation = try await control(base, "operations").first { $0["prompt"]?.stringValue == prompt }
        return operation?["done"] == .bool(false)
    }

    @Test func aJobWhoseOwnerWasKilledIsTakenOverByTheNextResume() async throws {
        let (server, base) = try await GatewayCLITests.emulator(speed: 15)
        defer { Task { await server.stop() } }
        let cli = try Self.home()
        // The owner is killed after its first poll. A job that had already finished by then (its
        // first poll found it done) leaves nothing to take over, so another is made, at most 4.
        var takenOver = false
        for attempt in 1...4 where !takenOver {
            let prompt = "an owner killed, take \(attempt)"
            let pollsBefore = try await Self.log(base).filter { Self.path($0).contains("/operations/") }.count
            let owner = try Self.start(cli, ["generate", "--prompt", prompt, "--provider", "gemini", "--model", Self.veo,
                                              "--base-url", base, "--wait"],
                                       key: Self.keys[0], name: "owner-\(attempt)")
            let polled = try await Self.waitForRequests(base, count: pollsBefore + 1) {
                $0["method"]?.stringValue == "GET" && Self.path($0).contains("/operations/")
            }
            #expect(polled.count > pollsBefore, "the owner was polling")
            kill(owner.process.processIdentifier, SIGKILL)
            owner.process.waitUntilExit()
            let killedAt = try await Self.log(base).count
            // Still running on the service after the kill: the dead owner cannot have finished it.
            takenOver = try await Self.stillRunning(base, prompt: prompt)

            let next = try Self.start(cli, ["resume", "--base-url", base, "--wait"], key: Self.keys[3], name: "next-\(attempt)")
            let (status, text) = next.finish()
            #expect(status == 0, "resume exits 0: \(text)")
            let job = try #require(try Self.operations(cli)[prompt])
            #expect(job.status == "done", "taken over and finished: \(text)")
            guard takenOver else { continue }
            let after = try await Self.log(base).dropFirst(killedAt)
            #expect(!after.isEmpty && after.allSatisfy { Self.keyLength($0) == Self.keys[3].count },
                    "after the kill the new owner finishes the job: \(after.map { "\(Self.path($0)) \(Self.keyLength($0) ?? 0)" })")
        }
        #expect(takenOver, "in 4 tries the owner was never killed while its job was still running")
        #expect(try await Self.log(base).filter { Self.path($0).hasSuffix(":predictLongRunning") }.count == (try Self.operations(cli)).count,
                "each job submitted once")
    }
}
