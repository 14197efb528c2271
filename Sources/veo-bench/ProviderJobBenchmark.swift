import ArgumentParser
import Foundation
import StudioCore
#if canImport(Glibc)
import Glibc
#endif

/// Client cost of one job per provider: `veo-studio generate --wait` as its own process against one
/// emulator process (every profile), measured from the kernel's accounting of the child (user +
/// system CPU, peak resident memory), so the emulator's own work is never counted.
struct ProviderJobBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers", abstract: "CPU and peak RSS of the client per job, on every provider's emulator profile.")

    @Option(help: "Jobs per provider.") var jobs = 5
    @Option(help: "The emulator's speed-up (a 75 s job takes 75/speed s).") var speed = 500.0
    @Option(help: "The veo-studio binary measured (default: the one beside veo-bench), e.g. the release build of scripts/build-release.sh.")
    var studio: String?

    /// Row label, provider, extra flags and environment for a job on it: every provider of the
    /// registry × each protocol its models take (`ProviderMatrix`), so a new provider is measured too.
    static func cases() throws -> [(label: String, id: String, flags: [String], environment: [String: String])] {
        let matrix = ProviderMatrix(registry: try CapabilityRegistry.builtIn(), prices: try PriceTable.builtIn())
        return matrix.cases.map { found in
            var flags = ["--model", found.model, "--project", "bench"]
            if let delivery = found.delivery { flags += ["--delivery", delivery] }
            if found.needsReference { flags += ["--ref", "https://cdn.example.com/ref.png"] }
            let environment = found.keyVariables.first.map { [$0: "bench"] } ?? [:]
            return (found.label, found.provider, flags, environment)
        }
    }

    func run() throws {
        let studio = self.studio
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("veo-studio").path
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-providers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let emulator = try EmulatorProcess(binary: studio, speed: speed, log: work.appendingPathComponent("emulator.log"))
        defer { emulator.stop() }
        let scale = 1 / speed
        let cases = try Self.cases()
        let config = Set(cases.map(\.id)).sorted().map { "[providers.\($0)]\nlatency_scale = \(scale)\n" }.joined(separator: "\n")
        print("provider       jobs  done  CPU s/job (mean, max)   peak RSS MB (mean, max)   wall s/job")
        for (label, id, flags, environment) in cases {
            var cpu: [Double] = [], rss: [Double] = [], wall: [Double] = []
            var done = 0
            for job in 0..<jobs {
                let home = work.appendingPathComponent("\(label.replacingOccurrences(of: " ", with: "-"))-\(job)")
                try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
                try config.write(to: home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
                let arguments = ["generate", "--provider", id, "--base-url", emulator.url, "--prompt", "bench job \(job)",
                                 "--wait", "--json", "--home", home.path] + flags
                // An empty PATH: no gcloud (or other helper) runs inside a measured job.
                let measured = try ChildProcess.measure(studio, arguments: arguments, environment: environment.merging(["PATH": work.path]) { $1 })
                if measured.status == 0 { done += 1 }
                cpu.append(measured.cpuSeconds)
                rss.append(measured.peakRSSMB)
                wall.append(measured.wallSeconds)
            }
            print(label.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: " %4d  %4d  %8.3f  %8.3f        %8.1f  %8.1f        %6.2f", jobs, done,
                         mean(cpu), cpu.max() ?? 0, mean(rss), rss.max() ?? 0, mean(wall)))
        }
        print("(each job is a whole `veo-studio generate --wait` process: start, validate, journal, submit, poll, download, sidecar)")
    }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}

/// `veo-studio emulator` in its own process, on a free port.
struct EmulatorProcess {
    let process: Process
    let url: String

    init(binary: String, speed: Double, log: URL) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["emulator", "--port", "0", "--speed", "\(speed)", "--rpm", "100000", "--no-ffmpeg"]
        let out = Pipe()
        process.standardOutput = out
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        guard let line = String(data: out.fileHandleForReading.availableData, encoding: .utf8),
              let found = line.range(of: #"http://[^ ]+"#, options: .regularExpression) else {
            process.terminate()
            throw ValidationError("the emulator did not start (see \(log.path))")
        }
        url = String(line[found])
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// Runs a child and reads the kernel's accounting of it (`wait4`).
enum ChildProcess {
    struct Measurement {
        var status: Int32
        var cpuSeconds: Double
        var peakRSSMB: Double
        var wallSeconds: Double
    }

    static func measure(_ path: String, arguments: [String], environment extra: [String: String]) throws -> Measurement {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw ValidationError("cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Measurement(status: exited, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
                           peakRSSMB: Double(usage.ru_maxrss) / 1024, wallSeconds: wall)
    }
}
