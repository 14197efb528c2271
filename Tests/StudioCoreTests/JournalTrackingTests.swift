import Foundation
import Testing
@testable import StudioCore

/// The journal and the tracker together, on a manual clock with a scripted provider.
struct JournalTrackingTests {
    @Test func generationIsJournaledBeforeSubmitAndTheOperationRightAfter() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        let record = try await harness.service.submit(harness.prepare(), provider: provider)
        #expect(record.status == .queued)
        #expect(record.operationName == "models/veo-3.1-generate-preview/operations/op1")
        let events = try harness.journal.events(of: try #require(record.id))
        #expect(events.map(\.status) == [.submitting, .queued])
        #expect(record.requestJSON?.contains("secret-key-123") == false, "the key never reaches the journal")
        #expect(record.costEstimateUSD == 3.2)
    }

    @Test func tracksThroughRetryAfterAndServerErrorsToDone() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [ScriptedProvider.running, ScriptedProvider.http(429, retryAfter: 13),
                                                ScriptedProvider.http(503), ScriptedProvider.done(2)])
        let submitted = try await harness.service.submit(harness.prepare(), provider: provider)
        let id = try #require(submitted.id)
        let (record, waits) = try await harness.drive { try await harness.service.track(id, provider: provider) }
        #expect(record.status == .done)
        #expect(waits.contains(13), "Retry-After honoured: \(waits)")
        #expect(waits.contains(4), "exponential backoff after a 503 that follows a 429: \(waits)")
        let outputs = try harness.journal.outputs(of: id)
        #expect(outputs.count == 2 && outputs.allSatisfy { $0.path != nil && $0.sha256?.count == 64 })
        for output in outputs {
            let path = try #require(output.path)
            #expect(FileManager.default.fileExists(atPath: path))
            let folder = (path as NSString).deletingLastPathComponent
            #expect(!((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".part") })
            let sidecar = try JSONValue.decode(Data(contentsOf: SidecarWriter.sidecarURL(for: URL(fileURLWithPath: path))))
            #expect(sidecar["generation"]?.intValue == Int(id))
            #expect(sidecar["operation"]?.stringValue == "models/veo-3.1-generate-preview/operations/op1")
            #expect(sidecar.encodedString().contains("secret-key-123") == false)
            #expect(sidecar["cost_estimate_usd"]?.doubleValue == 3.2)
        }
        let statuses = try harness.journal.events(of: id).map(\.status)
        #expect(statuses.contains(.running) && statuses.contains(.downloading) && statuses.last == .done)
        #expect(try harness.journal.generation(id)?.pollCount == 4)
    }

    @Test func operationErrorIsExplained() async throws {
        let harness = try ServiceHarness()
        let error = ServerAnswer(stage: .operation, rpcCode: 3,
                                 message: "Unsupported output video duration 4 seconds, supported durations are [8] for feature reference_to_video.")
        let provider = ScriptedProvider(polls: [.success(OperationSnapshot(name: "op1", done: true, error: error))])
        let id = try #require(try await harness.service.submit(harness.prepare(), provider: provider).id)
        let (record, _) = try await harness.drive { try await harness.service.track(id, provider: provider) }
        #expect(record.status == .failed)
        #expect(record.errorCode == "server.duration")
        #expect(record.errorMessage?.contains("operation error 3") == true)
    }

    @Test func safetyFilteringRecordsCategories() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [.success(OperationSnapshot(
            name: "op1", done: true, raiFilteredCount: 1,
            raiReasons: ["This prompt contains a celebrity likeness. Support codes: 29310472"]))])
        let id = try #require(try await harness.service.submit(harness.prepare(), provider: provider).id)
        let (record, _) = try await harness.drive { try await harness.service.track(id, provider: provider) }
        #expect(record.status == .filtered && record.raiCount == 1)
        #expect(record.raiReasonsJSON?.contains("Celebrity") == true)
        #expect(record.errorMessage?.contains("not charged") == true)
    }

    @Test func deadlineLeavesTheJobUnknownAndResumable() async throws {
        let harness = try ServiceHarness(policy: TrackerPolicy(deadlineSeconds: 120))
        let provider = ScriptedProvider(polls: [ScriptedProvider.running])
        let id = try #require(try await harness.service.submit(harness.prepare(), provider: provider).id)
        let (record, _) = try await harness.drive { try await harness.service.track(id, provider: provider) }
        #expect(record.status == .unknown && record.errorCode == "tracking.deadline")
        #expect(try harness.journal.unknownWithOperation().map(\.id) == [id])
    }

    @Test func lostSubmitAnswerIsUnknownAndNeverResubmitted() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(submit: [.failure(.transport("read timeout"))], polls: [ScriptedProvider.done()])
        let record = try await harness.service.submit(harness.prepare(), provider: provider)
        #expect(record.status == .unknown && record.operationName == nil)
        let id = try #require(record.id)
        _ = try await harness.drive {
            try await harness.service.resumeAll(includeUnknown: true, providerFor: { _ in (provider, 1) })
        }
        #expect(provider.submits == 1, "a lost submit is never sent again")
        #expect(try harness.journal.generation(id)?.status == .unknown)
    }

    @Test func submitThatNeverLeftIsForgotten() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(submit: [.failure(.notSent("Connection refused"))], polls: [ScriptedProvider.done()])
        await #expect(throws: StudioError.self) { try await harness.service.submit(harness.prepare(), provider: provider) }
        #expect(try harness.journal.count() == 0, "nothing written when the network is down")
    }

    @Test func submitRefusalIsFailedWithExplanation() async throws {
        let harness = try ServiceHarness()
        let refusal = ProviderFailure.http(ServerAnswer(stage: .submit, httpStatus: 400, status: "INVALID_ARGUMENT",
                                                        message: "Your use case is currently not supported."), retryAfterSeconds: nil)
        let provider = ScriptedProvider(submit: [.failure(refusal)], polls: [ScriptedProvider.done()])
        let record = try await harness.service.submit(harness.prepare(), provider: provider)
        #expect(record.status == .failed && record.errorCode == "server.use_case_not_supported")
        #expect(record.errorExplanation?.contains("Likely here") == true)
    }

    @Test func interruptedSubmitBecomesUnknownOnResume() async throws {
        let harness = try ServiceHarness()
        let prepared = harness.prepare()
        let spec = try #require(prepared.report.spec)
        let now = harness.clock.now()
        let stuck = GenerationRecord(id: nil, createdAt: now, updatedAt: now, provider: "gemini", model: spec.model, mode: spec.mode,
                                     status: .submitting, prompt: "x", negativePrompt: nil,
                                     specJSON: String(decoding: try JSONEncoder().encode(spec), as: UTF8.self),
                                     requestJSON: nil, operationName: nil, submittedAt: nil, finishedAt: nil, costEstimateUSD: nil,
                                     errorCode: nil, errorMessage: nil, errorExplanation: nil, serverAnswerJSON: nil, raiCount: 0,
                                     raiReasonsJSON: nil, parentID: nil, parentKind: nil, hops: 0, outputSeconds: 8, pollCount: 0,
                                     synthetic: false)
        let id = try #require(try harness.journal.recordNewGeneration(stuck, assets: []).id)
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        _ = try await harness.service.resumeAll(providerFor: { _ in (provider, 1) })
        #expect(try harness.journal.generation(id)?.status == .unknown)
        #expect(provider.submits == 0)
    }

    @Test func downloadFailureKeepsTheJobResumableThenFinishes() async throws {
        let harness = try ServiceHarness(policy: TrackerPolicy(downloadAttempts: 2))
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()],
                                        downloadFailures: [.transport("reset"), .transport("reset")])
        let id = try #require(try await harness.service.submit(harness.prepare(), provider: provider).id)
        let (first, _) = try await harness.drive { try await harness.service.track(id, provider: provider) }
        #expect(first.status == .downloading && first.errorCode == "download.failed")
        let (again, _) = try await harness.drive {
            try await harness.service.resumeAll(providerFor: { _ in (provider, 1) })
        }
        #expect(again.first?.status == .done)
        #expect(provider.polls == 1, "the finished operation is not polled again")
    }

    @Test func searchAndListing() throws {
        let harness = try ServiceHarness()
        let spec = try #require(harness.prepare().report.spec)
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        for (index, prompt) in ["a red fox in snow", "a lighthouse at night", "foxes playing in a meadow"].enumerated() {
            let now = harness.clock.now().addingTimeInterval(Double(index))
            _ = try harness.journal.recordNewGeneration(GenerationRecord(
                id: nil, createdAt: now, updatedAt: now, provider: "gemini", model: spec.model, mode: .textToVideo, status: .done,
                prompt: prompt, negativePrompt: nil, specJSON: json, requestJSON: nil, operationName: nil, submittedAt: nil,
                finishedAt: nil, costEstimateUSD: nil, errorCode: nil, errorMessage: nil, errorExplanation: nil, serverAnswerJSON: nil,
                raiCount: 0, raiReasonsJSON: nil, parentID: nil, parentKind: nil, hops: 0, outputSeconds: 8, pollCount: 0,
                synthetic: false), assets: [])
        }
        #expect(try harness.journal.search("fox", limit: 10).map(\.prompt) == ["foxes playing in a meadow", "a red fox in snow"])
        #expect(try harness.journal.newest(limit: 1).first?.prompt == "foxes playing in a meadow")
    }
}
