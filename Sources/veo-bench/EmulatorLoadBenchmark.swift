import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import StudioEmulator

/// `veo-bench emulator-load`: starts the emulator in this process on 127.0.0.1 and drives waves of
/// concurrent Gemini API operations (submit, then poll until done) through its HTTP API with
/// AsyncHTTPClient. Prints requests per second and p50/p99 latency per request kind for a first
/// burst, then soaks for `--soak-seconds`, sampling this process's resident memory (VmRSS), and
/// prints the first, last and largest samples. Bounded: every wave, every operation and the whole
/// run have deadlines, so it always stops by itself.
struct EmulatorLoadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator-load",
        abstract: "Concurrent operations against the in-process emulator: requests/s, p50/p99 per request kind, memory during a soak.")

    @Option(help: "Operations in flight at once (one wave).") var operations = 1_000
    @Option(help: "Emulator speed: generation latency is divided by this (1000 finishes a 75 s job in 75 ms).") var speed = 1_000.0
    @Option(name: .customLong("poll-interval-ms"), help: "Pause between two polls of one operation.") var pollIntervalMS = 25
    @Option(help: "HTTP/1.1 connections the client opens to the emulator.") var connections = 64
    @Option(name: .customLong("soak-seconds"), help: "Seconds of back-to-back waves after the burst, sampling memory (600 for the full figure).")
    var soakSeconds = 60.0
    @Option(name: .customLong("sample-seconds"), help: "Seconds between two memory samples (default: soak / 60, at least 1).")
    var sampleSeconds: Double?
    @Flag(inversion: .prefixedNo, help: "POST /_emulator/reset between soak waves (off: the emulator forgets what has passed its retention by itself).")
    var resetBetweenWaves = false
    @Option(name: .customLong("retention-seconds"), help: "How long the emulator retains a finished operation and its video (the service's is 2 days).")
    var retentionSeconds = 20.0
    @Option(name: .customLong("max-seconds"), help: "Hard limit on the whole run (default: soak + 300).")
    var maxSeconds: Double?

    static let model = "veo-3.1-generate-preview"
    /// One operation gives up after this many polls (a stuck operation cannot hold a wave forever).
    static let pollLimit = 4_000

    func validate() throws {
        guard operations > 0, operations <= 100_000 else { throw ValidationError("--operations must be in 1…100000.") }
        guard speed > 0 else { throw ValidationError("--speed must be positive.") }
        guard connections > 0, connections <= 1_000 else { throw ValidationError("--connections must be in 1…1000.") }
        guard soakSeconds >= 0, soakSeconds <= 86_400 else { throw ValidationError("--soak-seconds must be in 0…86400.") }
        guard pollIntervalMS >= 0 else { throw ValidationError("--poll-interval-ms must not be negative.") }
        guard retentionSeconds > 0, retentionSeconds <= 172_800 else { throw ValidationError("--retention-seconds must be in 0…172800.") }
    }

    func run() async throws {
        let runDeadline = ContinuousClock.now + .seconds(maxSeconds ?? soakSeconds + 300)
        var logger = Logger(label: "veo-bench.emulator-load")
        logger.logLevel = .error
        var options = EmulatorOptions()
        options.host = "127.0.0.1"
        options.port = 0
        options.profiles = [.gemini]
        options.speed = speed
        options.seed = 42
        options.requestsPerMinute = Int(Int32.max)
        options.renderWithFFmpeg = false
        options.stateDirectory = nil
        options.retention = .milliseconds(Int64(retentionSeconds * 1000))
        let server = EmulatorServer(options: options, logger: logger)
        let url = try await server.start()
        guard url.host == "127.0.0.1" else {
            await server.stop()
            throw ValidationError("the emulator is not on 127.0.0.1 (\(url)); refusing to load anything else")
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let driver = LoadDriver(client: client, base: url.absoluteString, pollInterval: .milliseconds(pollIntervalMS))

        print("emulator-load: in-process emulator at \(url.absoluteString) (Gemini profile, speed \(Self.number(speed)), rpm \(options.requestsPerMinute), no ffmpeg)")
        print("  client: AsyncHTTPClient, \(connections) HTTP/1.1 connections, poll every \(pollIntervalMS) ms, \(operations) operations per wave")
        print("  RSS at start (emulator started, client ready): \(String(format: "%.1f", Stopwatch.residentMB())) MB")
        do {
            // 1. The burst: one wave of `operations` concurrent operations.
            let burst = LatencyRecorder()
            let wave = await driver.wave(operations, recorder: burst, deadline: min(runDeadline, .now + .seconds(300)))
            print("")
            print("burst: \(operations) concurrent operations, \(wave.done) done, \(wave.failed) failed, \(String(format: "%.2f", wave.seconds)) s wall")
            Self.printLatencies(burst, seconds: wave.seconds)
            print("  RSS after burst: \(String(format: "%.1f", Stopwatch.residentMB())) MB, emulator operations: \(await driver.operationCount() ?? -1)")
            if resetBetweenWaves { await driver.reset() }

            // 2. The soak: back-to-back waves, memory sampled on a timer.
            if soakSeconds > 0 {
                try await soak(driver: driver, runDeadline: runDeadline)
            }
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    private func soak(driver: LoadDriver, runDeadline: ContinuousClock.Instant) async throws {
        let interval = sampleSeconds ?? max(1, soakSeconds / 60)
        let soakEnd = min(runDeadline, ContinuousClock.now + .seconds(soakSeconds))
        let started = ContinuousClock.now
        let recorder = LatencyRecorder()
        print("")
        print("soak: \(Self.number(soakSeconds)) s of back-to-back waves of \(operations) operations, VmRSS every \(Self.number(interval)) s\(resetBetweenWaves ? ", emulator reset between waves" : ", no reset: operations and videos are forgotten \(Self.number(retentionSeconds)) s after they finish")")
        let samples = SampleBox()
        let sampler = Task {
            while !Task.isCancelled {
                let elapsed = Self.seconds(ContinuousClock.now - started)
                let rss = Stopwatch.residentMB()
                samples.append((elapsed, rss))
                print(String(format: "  t=%6.1f s  VmRSS %7.1f MB", elapsed, rss))
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        var waves = 0
        var done = 0
        var failed = 0
        var maxOperations = 0
        while ContinuousClock.now < soakEnd {
            let wave = await driver.wave(operations, recorder: recorder, deadline: min(runDeadline, .now + .seconds(300)))
            waves += 1
            done += wave.done
            failed += wave.failed
            maxOperations = max(maxOperations, await driver.operationCount() ?? -1)
            if resetBetweenWaves { await driver.reset() }
        }
        sampler.cancel()
        _ = await sampler.value
        let wall = Self.seconds(ContinuousClock.now - started)
        samples.append((wall, Stopwatch.residentMB()))
        print("soak: \(waves) waves, \(done) operations done, \(failed) failed, \(String(format: "%.1f", wall)) s wall, emulator held at most \(maxOperations) operations")
        Self.printLatencies(recorder, seconds: wall)
        let all = samples.values
        guard let first = all.first, let last = all.last, let peak = all.max(by: { $0.1 < $1.1 }) else { return }
        // Steady state: after the first tenth of the soak (allocator and pools warmed up).
        let steady = all.filter { $0.0 >= wall / 10 }
        let steadyFirst = steady.first ?? first
        let growth = last.1 - steadyFirst.1
        print(String(format: "  memory: first %.1f MB (t=%.1f s), last %.1f MB (t=%.1f s), max %.1f MB (t=%.1f s), %d samples",
                     first.1, first.0, last.1, last.0, peak.1, peak.0, all.count))
        print(String(format: "  steady state (t ≥ %.1f s): %.1f MB → %.1f MB, %+.1f MB (%+.1f%%); %@",
                     wall / 10, steadyFirst.1, last.1, growth, steadyFirst.1 > 0 ? growth / steadyFirst.1 * 100 : 0,
                     (abs(growth) <= max(8, steadyFirst.1 * 0.10) ? "flat (within max(8 MB, 10%))" : "NOT flat") as NSString))
    }

    private static func printLatencies(_ recorder: LatencyRecorder, seconds: Double) {
        let summary = recorder.summary()
        let total = summary.reduce(0) { $0 + $1.count }
        print(String(format: "  %d requests in %.2f s = %.0f requests/s", total, seconds, seconds > 0 ? Double(total) / seconds : 0))
        for line in summary {
            print(String(format: "  %-7@ %8d requests  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  errors %d",
                         line.kind as NSString, line.count, line.p50 * 1000, line.p99 * 1000, line.max * 1000, line.errors))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Runs waves of operations against the emulator's Gemini API profile.
private struct LoadDriver: Sendable {
    let client: HTTPClient
    let base: String
    let pollInterval: Duration

    struct WaveResult { var done = 0, failed = 0, seconds = 0.0 }

    func wave(_ count: Int, recorder: LatencyRecorder, deadline: ContinuousClock.Instant) async -> WaveResult {
        let started = ContinuousClock.now
        var result = WaveResult()
        await withTaskGroup(of: Bool.self) { group in
            for index in 0..<count {
                group.addTask { await self.operation(index, recorder: recorder, deadline: deadline) }
            }
            for await ok in group {
                if ok { result.done += 1 } else { result.failed += 1 }
            }
        }
        result.seconds = EmulatorLoadBenchmark.seconds(ContinuousClock.now - started)
        return result
    }

    /// Submit one operation, then poll it until done; true when it finished with a video.
    private func operation(_ index: Int, recorder: LatencyRecorder, deadline: ContinuousClock.Instant) async -> Bool {
        let body = #"{"instances":[{"prompt":"load \#(index): a paper boat on a stormy sea"}],"parameters":{"aspectRatio":"16:9","durationSeconds":8}}"#
        guard let submitted = await call("submit", .POST,
                                         "\(base)/v1beta/models/\(EmulatorLoadBenchmark.model):predictLongRunning",
                                         body: body, recorder: recorder),
              let name = submitted["name"] as? String
        else { return false }
        for _ in 0..<EmulatorLoadBenchmark.pollLimit {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: pollInterval)
            guard let polled = await call("poll", .GET, "\(base)/v1beta/\(name)", body: nil, recorder: recorder) else { return false }
            if polled["done"] as? Bool == true {
                return polled["error"] == nil && polled["response"] != nil
            }
        }
        return false
    }

    /// One request; records its latency (to the last body byte) under `kind`. The decoded JSON object, or nil on any failure.
    private func call(_ kind: String, _ method: HTTPMethod, _ url: String, body: String?, recorder: LatencyRecorder) async -> [String: Any]? {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "x-goog-api-key", value: "bench")
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let started = ContinuousClock.now
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            let elapsed = EmulatorLoadBenchmark.seconds(ContinuousClock.now - started)
            guard response.status == .ok,
                  let object = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]
            else {
                recorder.record(kind, seconds: elapsed, error: true)
                return nil
            }
            recorder.record(kind, seconds: elapsed, error: false)
            return object
        } catch {
            recorder.record(kind, seconds: EmulatorLoadBenchmark.seconds(ContinuousClock.now - started), error: true)
            return nil
        }
    }

    func operationCount() async -> Int? {
        guard let response = try? await client.execute(HTTPClientRequest(url: "\(base)/_emulator/health"), timeout: .seconds(30)),
              let bytes = try? await response.body.collect(upTo: 1 << 20),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any]
        else { return nil }
        return (object["operations"] as? NSNumber)?.intValue
    }

    func reset() async {
        var request = HTTPClientRequest(url: "\(base)/_emulator/reset")
        request.method = .POST
        if let response = try? await client.execute(request, timeout: .seconds(30)) {
            _ = try? await response.body.collect(upTo: 1 << 20)
        }
    }
}

/// Latencies per request kind in fixed log-scale buckets (2 % wide, 1 µs … ~1000 s): constant memory,
/// so a long soak does not grow the process it measures.
private final class LatencyRecorder: @unchecked Sendable {
    private static let base = 1.02
    private static let bucketCount = 1_400
    private let lock = NSLock()
    private var histograms: [String: [Int]] = [:]
    private var errors: [String: Int] = [:]
    private var maxima: [String: Double] = [:]
    private var order: [String] = []

    func record(_ kind: String, seconds: Double, error: Bool) {
        let micros = max(1, seconds * 1e6)
        let bucket = min(Self.bucketCount - 1, Int(log(micros) / log(Self.base)))
        lock.lock()
        defer { lock.unlock() }
        if histograms[kind] == nil {
            histograms[kind] = Array(repeating: 0, count: Self.bucketCount)
            order.append(kind)
        }
        histograms[kind]![bucket] += 1
        if error { errors[kind, default: 0] += 1 }
        maxima[kind] = max(maxima[kind] ?? 0, seconds)
    }

    func summary() -> [(kind: String, count: Int, p50: Double, p99: Double, max: Double, errors: Int)] {
        lock.lock()
        defer { lock.unlock() }
        return order.map { kind in
            let buckets = histograms[kind] ?? []
            let count = buckets.reduce(0, +)
            func percentile(_ p: Double) -> Double {
                let target = max(1, Int((p * Double(count)).rounded(.up)))
                var seen = 0
                for (index, n) in buckets.enumerated() {
                    seen += n
                    // The bucket's upper edge, in seconds (an over-estimate of at most 2 %).
                    if seen >= target { return min(pow(Self.base, Double(index + 1)) / 1e6, maxima[kind] ?? .infinity) }
                }
                return 0
            }
            return (kind, count, percentile(0.50), percentile(0.99), maxima[kind] ?? 0, errors[kind] ?? 0)
        }
    }
}

/// Memory samples taken by the sampler task.
private final class SampleBox: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [(Double, Double)] = []

    func append(_ sample: (Double, Double)) {
        lock.lock()
        samples.append(sample)
        lock.unlock()
    }

    var values: [(Double, Double)] {
        lock.lock()
        defer { lock.unlock() }
        return samples
    }
}
