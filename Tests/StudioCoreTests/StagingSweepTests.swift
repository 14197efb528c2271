import Foundation
import Testing
@testable import StudioCore

/// Staged inline videos: what a tracked job may still claim stays, what nobody will claim goes.
struct StagingSweepTests {
    @Test func keepsWhatATrackedJobOrAWriterMayClaimAndRemovesTheRest() async throws {
        let harness = try ServiceHarness()
        let record = try await harness.service.submit(harness.prepare(), provider: ScriptedProvider(polls: []))
        let operation = try #require(record.operationName)
        let temporary = TemporaryFolder()
        let staging = temporary.url.appendingPathComponent("staging")
        let hour = Date().addingTimeInterval(-7200)
        func stage(_ name: String, modified: Date) throws {
            let folder = staging.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder.appendingPathComponent("sample_0.mp4").path, contents: Data([1, 2, 3]))
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: folder.path)
        }
        let tracked = VertexAIProvider.stagingFolderName(operation)
        let orphan = VertexAIProvider.stagingFolderName("projects/p/operations/gone")
        let fresh = VertexAIProvider.stagingFolderName("projects/p/operations/being-written")
        try stage(tracked, modified: hour)
        try stage(orphan, modified: hour)
        try stage(fresh, modified: Date())
        #expect(StagingSweep.sweep(staging, journal: harness.journal) == 1)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: staging.path))
        #expect(left == [tracked, fresh])
    }

    /// A kill between two claims, then a re-poll, stages a sample again that is already in the media
    /// folder: once the job has ended nothing claims it, so it goes at the next start, whatever its age.
    @Test func removesTheFolderOfAJobThatEndedAtOnce() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        let submitted = try await harness.service.submit(harness.prepare(), provider: provider)
        let id = try #require(submitted.id)
        let (record, _) = try await harness.drive { try await harness.service.track(id, provider: provider) }
        #expect(record.status == .done)
        let staging = TemporaryFolder().url.appendingPathComponent("staging")
        let folder = staging.appendingPathComponent(VertexAIProvider.stagingFolderName(try #require(record.operationName)))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("sample_0.mp4").path, contents: Data([1, 2, 3]))
        #expect(StagingSweep.sweep(staging, journal: harness.journal) == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
