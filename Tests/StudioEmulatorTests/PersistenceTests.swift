import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Persistence across restarts")
struct PersistenceTests {
    @Test("a restarted emulator with the same state directory answers for old operations and finishes them on time")
    func restart() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualEmulatorClock()
        let options = Fixture.options(stateDirectory: directory)

        let (running, finishedURI) = try await Fixture.withEmulator(options, clock: clock) { emulator in
            let finished = try await emulator.generate(Body.text("kept"))
            let uri = try #require(finished.sampleURIs.first)
            #expect(try await emulator.download(uri).status == .ok)
            let running = try await emulator.start(Body.text("still running"))
            #expect(try await emulator.poll(running)["done"] == nil)
            return (running, uri)
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("state.json").path))

        try await Fixture.withEmulator(options, clock: clock) { emulator in
            #expect(try await emulator.poll(running)["done"] == nil, "still running after the restart")
            let done = try await emulator.finish(running)
            #expect(done["done"] == true)
            let uri = try #require(done.sampleURIs.first)
            #expect(try await emulator.download(uri).status == .ok)
            #expect(try await emulator.download(finishedURI).status == .ok, "files from before the restart")
            let extended = try await emulator.generate(Body.extend(finishedURI))
            #expect(extended.sampleURIs.count == 1, "old files can still be extended")
            let next = try await emulator.start(Body.text("new"))
            #expect(next != running, "new ids do not collide with restored ones")
        }
        #expect(FileManager.default.fileExists(atPath: directory.path), "a state directory is never deleted")
    }

    @Test("two emulators on one state directory (two processes' sandboxes) answer for each other's operations")
    func sharedStateDirectory() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualEmulatorClock()
        let options = Fixture.options(stateDirectory: directory)
        try await Fixture.withEmulator(options, clock: clock) { studio in
            let early = try await studio.start(Body.text("made before the CLI started"))
            let cli = try await Fixture.withEmulator(options, clock: clock) { cli in
                #expect(try await cli.poll(early)["done"] == nil, "the second emulator knows the first one's operation")
                return try await cli.start(Body.text("made by the CLI, which then ends"))
            }
            #expect(try await studio.poll(cli)["done"] == nil, "the first emulator answers for the ended one's operation")
            let done = try await studio.finish(cli)
            let uri = try #require(done.sampleURIs.first)
            #expect(try await studio.download(uri).status == .ok, "and serves its video")
            #expect(try await studio.poll(early)["name"] != nil, "its own operation was kept when the other one saved")
        }
    }

    @Test("a corrupt state file is reported with a fix")
    func corruptState() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{not json".utf8).write(to: directory.appendingPathComponent("state.json"))
        #expect(throws: EmulatorSetupError.self) {
            _ = try buildEmulatorApplication(options: Fixture.options(stateDirectory: directory), logger: Fixture.logger)
        }
    }
}
