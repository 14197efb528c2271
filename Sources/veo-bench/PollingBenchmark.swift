import ArgumentParser
import Foundation
import StudioCore
import StudioEmulator

/// Polls per job and mean detection delay on the emulator's latency distribution:
/// the adaptive schedule against fixed 10-second polling, run through the real tracker state machine.
struct PollingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "polling", abstract: "Adaptive polling against fixed 10 s polling.")

    @Option(help: "Jobs per model.") var jobs = 5_000
    @Option(help: "Seed of the emulator's latency stream.") var seed: UInt64 = 42
    @Option(help: "Finished jobs in the history used to fit the latency model (0 = registry prior only).") var history = 50

    func run() async throws {
        let registry = try CapabilityRegistry.builtIn()
        print("model                          schedule     polls/job  mean delay  p95 delay")
        for model in ["veo-3.1-generate-preview", "veo-3.1-fast-generate-preview"] {
            var sampler = try LatencySampler(seed: seed)
            let latencies = (0..<jobs).compactMap { _ in sampler.sample(model: model) }
            let pastJobs = Array((0..<history).compactMap { _ in sampler.sample(model: model) })
            let entry = registry.model(matching: model)?.latency
            let prior = LatencyModel(medianSeconds: entry?.medianSeconds ?? 75, sigma: entry?.sigma ?? 0.5)
            let fitted = LatencyModel.fitted(history: pastJobs, prior: prior)
            let adaptive = Self.measure(latencies, schedule: PollSchedule(model: fitted))
            let fixed = Self.measure(latencies, schedule: PollSchedule.fixed(every: 10))
            for (name, result) in [("adaptive", adaptive), ("fixed 10 s", fixed)] {
                print(String(format: "%-30@ %-12@ %9.2f  %8.2f s  %7.2f s", model as NSString, name as NSString,
                             result.polls, result.meanDelay, result.p95Delay))
            }
            print(String(format: "  → adaptive uses %.2f× the polls of fixed 10 s, mean delay %.2f s vs %.2f s (fitted median %.1f s, sigma %.2f)",
                         adaptive.polls / fixed.polls, adaptive.meanDelay, fixed.meanDelay, fitted.medianSeconds, fitted.sigma))
        }
    }

    /// Runs the tracker machine against known finishing times.
    static func measure(_ latencies: [Double], schedule: PollSchedule) -> (polls: Double, meanDelay: Double, p95Delay: Double) {
        let start = Date(timeIntervalSince1970: 0)
        var totalPolls = 0
        var delays: [Double] = []
        for latency in latencies {
            var machine = TrackerMachine(policy: TrackerPolicy(deadlineSeconds: 3600), schedule: schedule, submittedAt: start)
            var now = 0.0
            var action = machine.start(now: start)
            while case .poll(let wait) = action {
                now += wait
                let done = now >= latency
                let snapshot = OperationSnapshot(name: "op", done: done, videos: done ? [RemoteVideo(uri: "files/x")] : [])
                action = machine.handle(.success(snapshot), now: start.addingTimeInterval(now), random: 0.5)
                if done { delays.append(now - latency) }
            }
            totalPolls += machine.polls
        }
        let count = Double(latencies.count)
        let sorted = delays.sorted()
        return (Double(totalPolls) / count, delays.reduce(0, +) / count, sorted[Int(Double(sorted.count - 1) * 0.95)])
    }
}
