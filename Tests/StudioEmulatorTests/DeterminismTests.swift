import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Determinism with a seed")
struct DeterminismTests {
    /// Names, file ids and finish times of a fixed script of requests.
    static func script(seed: UInt64) async throws -> [JSONValue] {
        try await Fixture.withEmulator(Fixture.options(seed: seed), clock: ManualEmulatorClock()) { emulator in
            _ = try await emulator.start(Body.text("one"))
            _ = try await emulator.start(Body.text("two", parameters: .object(["sampleCount": 2])))
            _ = try await emulator.start(Body.text("three"), model: "veo-3.1-lite-generate-preview")
            let operations = try await emulator.control("operations").json().arrayValue ?? []
            return operations.map { operation in
                .object([
                    "name": operation["name"] ?? .null,
                    "finishAt": operation["finishAt"] ?? .null,
                    "files": .array(operation["files"]?.arrayValue?.map { $0["id"] ?? .null } ?? []),
                ])
            }
        }
    }

    @Test("the same seed gives the same ids and latencies; another seed does not")
    func sameSeed() async throws {
        let first = try await Self.script(seed: 1)
        let second = try await Self.script(seed: 1)
        let other = try await Self.script(seed: 2)
        #expect(first.count == 3)
        #expect(first == second)
        #expect(first != other)
    }

    @Test("latency is lognormal around the model median and clipped to 11..360 s")
    func latency() {
        let model = LatencyModel(sigma: 0.5, minSeconds: 11, maxSeconds: 360, speed: 1)
        var random = SeededGenerator(seed: 3)
        let samples = (0..<2000).map { _ in model.sample(median: 75, using: &random) }.sorted()
        #expect(samples.first ?? 0 >= 11)
        #expect(samples.last ?? 0 <= 360)
        let median = samples[samples.count / 2]
        #expect((65...85).contains(median), "median \(median)")
        let fast = LatencyModel(sigma: 0.5, minSeconds: 11, maxSeconds: 360, speed: 1000)
        #expect(fast.sample(median: 75, using: &random) <= 0.36)
    }
}
