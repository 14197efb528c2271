import Foundation
import Logging
import StudioEmulator
import Testing
@testable import StudioCore

/// The media folder fills up during a download (a 4 KB tmpfs mounted over it): the job is never
/// done with a short file, leaves no part file, says what happened, and finishes on `resume` once
/// there is room. Mounting needs root (CI runs as root); elsewhere the suite is skipped by name.
@Suite(.serialized, .enabled(if: Tmpfs.canMount, "mounting a small tmpfs needs root (CI runs as root)"))
struct DiskTroubleTests {
    @Test func aFullMediaFolderLeavesTheJobResumableAndNeverDoneShort() async throws {
        try await Tmpfs.fullMediaFolderCase()
    }
}

/// Mounting small tmpfs folders for disk-trouble cases.
enum Tmpfs {
    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("veo-mount-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard shell("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", probe.path) == 0 else { return false }
        return shell("umount", probe.path) == 0
    }()

    @discardableResult
    static func shell(_ arguments: String...) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func fullMediaFolderCase() async throws {
        let (server, base) = try await GatewayCLITests.emulator()
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        let media = cli.home.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try "[providers.gemini]\nlatency_scale = 0.001\n".write(to: cli.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        #expect(shell("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", media.path) == 0)
        defer { shell("umount", media.path) }
        let environment = ["GEMINI_API_KEY": "disk-test-key"]
        let full = try await cli.runAwaiting(["generate", "--provider", "gemini", "--base-url", base, "--prompt", "a big wave",
                                              "--wait", "--json"], environment: environment)
        #expect(full.status != 0, "a job whose video could not be written is not done")
        let id = try #require(try JSONValue.decode(Data(full.stdout.utf8))["id"]?.intValue, "\(full.stdout) \(full.stderr)")
        let shown = try JSONValue.decode(Data(try await cli.runAwaiting(["show", "\(id)", "--json"]).stdout.utf8))
        #expect(shown["status"]?.stringValue == "downloading", "resumable: \(shown["status"] ?? .null)")
        let said = (shown["error"]?.encodedString() ?? "") + full.stderr
        #expect(said.lowercased().contains("space"), "the message names the full disk: \(said)")
        let left = FileManager.default.enumerator(atPath: media.path)?.allObjects.compactMap { $0 as? String } ?? []
        #expect(left.allSatisfy { !$0.hasSuffix(".part") && !$0.hasSuffix(".mp4") }, "nothing half-written is left: \(left)")

        #expect(shell("mount", "-o", "remount,size=64m", media.path) == 0)
        let resumed = try await cli.runAwaiting(["resume", "\(id)", "--wait", "--base-url", base, "--json"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let done = try JSONValue.decode(Data(try await cli.runAwaiting(["show", "\(id)", "--json"]).stdout.utf8))
        #expect(done["status"]?.stringValue == "done")
        for output in done["outputs"]?.arrayValue ?? [] {
            let path = try #require(output["path"]?.stringValue)
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
            #expect(size == output["bytes"]?.intValue && size > 0, "the file is whole")
        }
    }
}
