import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Per-key, per-model quota")
struct QuotaTests {
    @Test("over requestsPerMinute answers 429 with Retry-After and RetryInfo, per key and model, for 60 s")
    func quota() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 2)) { emulator in
            #expect(try await emulator.submit(Body.text()).status == .ok)
            emulator.clock.advance(by: 10)
            #expect(try await emulator.submit(Body.text()).status == .ok)
            let refused = try await emulator.submit(Body.text())
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorStatus == "RESOURCE_EXHAUSTED")
            let message = try #require(refused.errorMessage)
            #expect(message.contains("PredictLongRunningRequestsPerMinutePerProjectPerModel"))
            #expect(message.contains(Fixture.model))
            #expect(refused.headers[.retryAfter] == "50")
            let details = try refused.json()["error"]?["details"]
            #expect(details == [.object([
                "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "50s",
            ])])

            // Another model and another key have their own budget.
            #expect(try await emulator.submit(Body.text(), model: "veo-3.1-fast-generate-preview").status == .ok)
            #expect(try await emulator.submit(Body.text().serialized(), key: "other-key").status == .ok)

            // The window slides.
            emulator.clock.advance(by: 51)
            #expect(try await emulator.submit(Body.text()).status == .ok)
            #expect(try await emulator.submit(Body.text()).status == .tooManyRequests)
        }
    }

    @Test("over --max-running answers 429 with Retry-After until one of the caller's operations finishes, per key")
    func maxRunning() async throws {
        try await Fixture.withEmulator(Fixture.options { $0.maxRunning = 2; $0.speed = 1 }) { emulator in
            #expect(try await emulator.submit(Body.text()).status == .ok)
            #expect(try await emulator.submit(Body.text(), model: "veo-3.1-fast-generate-preview").status == .ok)
            let refused = try await emulator.submit(Body.text())
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(try #require(refused.errorMessage).contains("2 at once"))
            let retry = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect(retry >= 1)
            #expect(try await emulator.submit(Body.text().serialized(), key: "other-key").status == .ok, "another key has its own")
            emulator.clock.advance(by: Double(retry))
            #expect(try await emulator.submit(Body.text()).status == .ok, "a slot is free once the first finished")
        }
    }

    @Test("the tracker frees a slot exactly 60 s after the oldest submit")
    func tracker() {
        var tracker = QuotaTracker()
        let start = Date(timeIntervalSince1970: 0)
        #expect(tracker.admit(key: "k", model: "m", now: start, limit: 1) == nil)
        #expect(tracker.admit(key: "k", model: "m", now: start.addingTimeInterval(59.5), limit: 1) == 1)
        #expect(tracker.admit(key: "k", model: "m", now: start.addingTimeInterval(60), limit: 1) == nil)
    }
}
