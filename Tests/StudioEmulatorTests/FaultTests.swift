import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Fault injection")
struct FaultTests {
    @Test("the documented example spec parses and prints back")
    func parseExample() throws {
        let plan = try FaultPlan(spec: "429:0.2,500@poll:0.1,503@submit:1x2,slow@download:0.5,truncated@download:1,malformed@poll:0.1")
        #expect(plan.rules == [
            FaultRule(kind: .tooManyRequests, route: .any, probability: 0.2),
            FaultRule(kind: .internalError, route: .poll, probability: 0.1),
            FaultRule(kind: .unavailable, route: .submit, probability: 1, limit: 2),
            FaultRule(kind: .slow, route: .download, probability: 0.5),
            FaultRule(kind: .truncated, route: .download),
            FaultRule(kind: .malformed, route: .poll, probability: 0.1),
        ])
        #expect(plan.description == "429:0.2,500@poll:0.1,503@submit:2x,slow@download:0.5,truncated@download,malformed@poll:0.1")
        #expect(try FaultPlan(spec: plan.description) == plan)
        #expect(try FaultPlan(spec: "500@submit:3x").rules == [FaultRule(kind: .internalError, route: .submit, limit: 3)])
        #expect(try FaultPlan(spec: "") == .none)
        #expect(try FaultPlan(spec: "none") == .none)
    }

    @Test("bad specs name the token and the grammar",
          arguments: ["418", "429@upload", "429:1.5", "slow:abc", "500:0x", "429,,500", "truncated@poll:-1"])
    func parseErrors(spec: String) {
        do {
            _ = try FaultPlan(spec: spec)
            Issue.record("\(spec) should not parse")
        } catch {
            let text = "\(error)"
            #expect(text.contains("invalid fault rule '"))
            #expect(text.contains("KIND[@ROUTE][:TRIGGER]"))
        }
    }

    @Test("429, 500 and 503 answer instead of the handler, with Google bodies",
          arguments: [("429", 429, "RESOURCE_EXHAUSTED"), ("500", 500, "INTERNAL"), ("503", 503, "UNAVAILABLE")])
    func statusFaults(kind: String, code: Int, status: String) async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "\(kind)@submit:1x"))) { emulator in
            let first = try await emulator.submit(Body.text())
            #expect(Int(first.status.code) == code)
            #expect(first.errorStatus == status)
            if code == 429 {
                #expect(first.headers[.retryAfter] == "1")
                #expect(try first.json()["error"]?["details"]?.arrayValue?.first?["retryDelay"] == "1s")
            }
            let operations = try await emulator.control("operations").json()
            #expect(operations.arrayValue?.isEmpty == true, "a refused submit creates no operation")
            #expect(try await emulator.submit(Body.text()).status == .ok, "1x fires once")
        }
    }

    @Test("Nx and PxN count only matching requests")
    func counting() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "503@poll:1x2"))) { emulator in
            let name = try await emulator.start(Body.text())
            #expect(try await emulator.get("/v1beta/\(name)").status == .serviceUnavailable)
            #expect(try await emulator.get("/v1beta/\(name)").status == .serviceUnavailable)
            #expect(try await emulator.get("/v1beta/\(name)").status == .ok)
        }
    }

    @Test("malformed answers 200 with invalid JSON after doing the work")
    func malformed() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "malformed@submit:1x"))) { emulator in
            let response = try await emulator.submit(Body.text())
            #expect(response.status == .ok)
            #expect((try? response.json()) == nil)
            let operations = try await emulator.control("operations").json()
            #expect(operations.arrayValue?.count == 1, "the operation exists although its answer was unreadable")
        }
    }

    @Test("truncated JSON answers are cut in half")
    func truncatedJSON() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "truncated@poll"))) { emulator in
            let name = try await emulator.start(Body.text())
            let response = try await emulator.get("/v1beta/\(name)")
            #expect(response.status == .ok)
            let full = JSONValue.object(["name": .string(name)]).serialized()
            #expect(String(buffer: response.body) == String(full.prefix(full.count / 2)))
        }
    }

    @Test("truncated downloads announce the full length, send less and close")
    func truncatedDownload() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "truncated@download")), mode: .live) { emulator in
            let done = try await emulator.generate(Body.text())
            let uri = try #require(done.sampleURIs.first)
            let builtin = try #require(VideoRenderer.builtinVideo())
            do {
                let response = try await emulator.download(uri)
                #expect(response.headers[.contentLength] == String(builtin.count))
                #expect(response.body.readableBytes < builtin.count)
            } catch {
                // The client noticed the early close: that is the point of the fault.
            }
        }
    }

    @Test("slow delays the answer and then answers normally")
    func slow() async throws {
        var injector = FaultInjector(plan: try FaultPlan(spec: "slow@download,500@download:1x"), seed: 1)
        #expect(injector.decide(for: .poll) == FaultDecision())
        #expect(injector.decide(for: .download) == FaultDecision(slow: true, action: .internalError))
        #expect(injector.decide(for: .download) == FaultDecision(slow: true, action: nil))
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "slow"))) { emulator in
            let started = ContinuousClock.now
            let response = try await emulator.submit(Body.text())
            #expect(response.status == .ok)
            #expect(ContinuousClock.now - started >= .milliseconds(2), "2 s / speed 1000")
        }
    }

    @Test("probabilities are repeatable with a seed")
    func seededProbabilities() throws {
        let plan = try FaultPlan(spec: "500:0.5")
        func run() -> [Bool] {
            var injector = FaultInjector(plan: plan, seed: 42)
            return (0..<64).map { _ in injector.decide(for: .poll).action != nil }
        }
        let first = run()
        #expect(first == run())
        #expect(first.contains(true) && first.contains(false))
    }

    @Test("the plan can be replaced at run time through the control endpoint")
    func controlEndpoint() async throws {
        try await Fixture.withEmulator { emulator in
            let set = try await emulator.control("faults", method: .post, body: #"{"spec": "503@submit"}"#)
            #expect(set.status == .ok)
            #expect(try set.json()["spec"] == "503@submit")
            #expect(try await emulator.submit(Body.text()).status == .serviceUnavailable)
            let bad = try await emulator.control("faults", method: .post, body: #"{"spec": "teapot"}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage?.contains("'teapot'") == true)
            _ = try await emulator.control("faults", method: .post, body: #"{"spec": "none"}"#)
            #expect(try await emulator.submit(Body.text()).status == .ok)
        }
    }
    @Test("the kinds added for the proofs parse and print back")
    func proofKinds() throws {
        let plan = try FaultPlan(spec: "429-bare:0.1,reset@submit:1x,stall@poll:0.5")
        #expect(plan.rules.map(\.kind) == [.tooManyRequestsBare, .reset, .stall])
        #expect(try FaultPlan(spec: plan.description) == plan)
    }

    @Test("429-bare refuses with neither Retry-After nor RetryInfo")
    func bareTooManyRequests() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "429-bare@submit:1x"))) { emulator in
            let refused = try await emulator.submit(Body.text())
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(refused.headers[.retryAfter] == nil)
            #expect(try refused.json()["error"]?["details"]?.arrayValue?.isEmpty ?? true, "no RetryInfo detail")
        }
    }

    @Test("reset drops the connection without an answer and without doing the work")
    func reset() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "reset@submit:1x")), mode: .live) { emulator in
            await #expect(throws: (any Error).self, "the client sees the connection fail, not an answer") {
                _ = try await emulator.submit(Body.text())
            }
            // The reset connection is gone: the checks go over a new one.
            let fresh = TestClient(host: "127.0.0.1", port: try #require(emulator.client.port))
            fresh.connect()
            let operations = try await fresh.get("/_emulator/operations")
            #expect(try JSONValue(parsing: try #require(operations.body).readableBytesView).arrayValue?.isEmpty == true, "a reset submit creates no operation")
            try await fresh.shutdown()
        }
    }

    @Test("stall does the work, then holds the answer for the configured time")
    func stall() async throws {
        var options = Fixture.options(faults: try FaultPlan(spec: "stall@submit:1x"))
        options.stallSeconds = 0.05
        try await Fixture.withEmulator(options) { emulator in
            let late = try await emulator.submit(Body.text())
            #expect(late.status == .ok)
            let operations = try await emulator.control("operations").json()
            #expect(operations.arrayValue?.count == 1, "the stalled submit created its operation")
        }
    }
}
