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
}
