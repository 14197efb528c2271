import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

struct JobRowTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_100)

    static func record(status: JobStatus, prompt: String = "a red fox runs through deep snow at dawn") -> GenerationRecord {
        GenerationRecord(id: 42, createdAt: now.addingTimeInterval(-40), updatedAt: now, provider: "sandbox",
                         model: "veo-3.1-generate-preview", mode: .textToVideo, status: status, prompt: prompt,
                         specJSON: "{}", submittedAt: now.addingTimeInterval(-40), finishedAt: status.isFinal ? now : nil,
                         costEstimateUSD: 3.2, synthetic: true)
    }

    @Test func runningJobShowsAnHonestRangeNotAPercentage() {
        let row = JobRow(record: Self.record(status: .running), now: Self.now, latency: LatencyModel(medianSeconds: 75, sigma: 0.3))
        let eta = try? #require(row.eta)
        #expect(eta?.contains("–") == true)
        #expect(!(row.line(width: 100).contains("%")))
        #expect(row.statusRole == .running)
    }

    @Test func lineFitsTheWidthWithWidePrompts() {
        let row = JobRow(record: Self.record(status: .done, prompt: "夜の東京を走る猫 🐈 neon"), now: Self.now, latency: nil)
        let line = row.line(width: 80)
        #expect(DisplayWidth.of(line) <= 80)
        #expect(line.hasPrefix("#42  done   Text  veo-3.1  夜の東京"), "columns as wide as their cells, two cells apart: \(line)")
        #expect(row.eta == nil && row.statusRole == .success)
    }

    @Test func remainingTimeShrinksAsTheJobRuns() {
        let model = LatencyModel(medianSeconds: 75, sigma: 0.3)
        #expect(model.remaining(after: 10, quantile: 0.5) > model.remaining(after: 60, quantile: 0.5))
        #expect(abs(model.remaining(after: 0, quantile: 0.5) - 75) < 1)
    }
}
