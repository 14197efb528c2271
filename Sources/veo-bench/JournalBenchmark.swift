import ArgumentParser
import Foundation
import GRDB
import StudioCore

/// Journal with N generations: insert rate, FTS search p50/p99, newest-100 listing.
struct JournalBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "journal", abstract: "Journal speed with N generations.")

    @Option(help: "Generations to insert.") var rows = 100_000
    @Option(help: "Queries per measurement.") var queries = 300

    static let words = """
        a the red blue golden misty neon quiet stormy ancient tiny giant paper glass wooden silver \
        fox cat dog whale dragon robot astronaut dancer child sailor chef violinist horse owl \
        lighthouse city forest desert ocean mountain river street market temple bridge garden \
        runs flies swims dances walks sings glows melts spins drifts explodes blooms \
        at dawn night sunset noon winter summer rain snow fog underwater in space \
        slowly quickly gently cinematic closeup aerial tracking handheld timelapse macro
        """.split(separator: " ").map(String.init)

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try Journal.open(at: folder.appendingPathComponent("journal.sqlite"))
        try await measure(journal)
    }

    /// Fills a journal with `rows` generations of random prompts (shared with the studio benchmark).
    /// Fills the journal with finished generations (dismissed from Operations, as older ones are);
    /// `withOutputs` gives each its downloaded video's row, as a real journal has.
    static func fill(_ journal: Journal, rows: Range<Int>, batch: Int = 1_000, withOutputs: Bool = false) throws {
        var generator = SystemRandomNumberGenerator()
        var index = rows.lowerBound
        while index < rows.upperBound {
            let end = min(rows.upperBound, index + batch)
            try journal.writer.write { db in
                for row in index..<end {
                    var item = record(row, using: &generator)
                    try item.insert(db)
                    if withOutputs, let id = item.id {
                        var output = OutputRecord(generationID: id, sampleIndex: 0, path: "/media/\(id).mp4", bytes: 2_000_000,
                                                  sha256: String(repeating: "a", count: 64), remoteURI: nil, expiresAt: nil,
                                                  mimeType: "video/mp4", createdAt: item.createdAt)
                        try output.insert(db)
                    }
                }
            }
            index = end
        }
    }

    static func record(_ index: Int, using generator: inout SystemRandomNumberGenerator) -> GenerationRecord {
        let count = Int.random(in: 8...20, using: &generator)
        let prompt = (0..<count).map { _ in words.randomElement(using: &generator) ?? "a" }.joined(separator: " ")
        let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 60)
        return GenerationRecord(
            createdAt: date, updatedAt: date, provider: "gemini", model: "veo-3.1-generate-preview",
            mode: GenerationMode.allCases[index % 5], status: .done, prompt: prompt,
            specJSON: "{\"draft\":{},\"provider\":\"gemini\",\"effective\":{\"durationSeconds\":8,\"aspectRatio\":\"16:9\",\"resolution\":\"720p\",\"sampleCount\":1,\"generateAudio\":true}}",
            operationName: "models/veo-3.1-generate-preview/operations/op\(index)", submittedAt: date,
            finishedAt: date.addingTimeInterval(75), costEstimateUSD: 3.2, outputSeconds: 8, pollCount: 5,
            dismissedAt: date.addingTimeInterval(75))
    }

    func measure(_ journal: Journal) async throws {
        var generator = SystemRandomNumberGenerator()
        func record(_ index: Int) -> GenerationRecord { Self.record(index, using: &generator) }

        let single = 1_000
        let singleTime = try Stopwatch.seconds {
            for index in 0..<single { _ = try journal.recordNewGeneration(record(index), assets: []) }
        }
        let batch = 1_000
        let bulkRows = max(0, rows - single)
        let bulkTime = try Stopwatch.seconds { try Self.fill(journal, rows: single..<max(single, rows), batch: batch) }
        print("journal with \(try journal.count()) generations")
        print(String(format: "insert, one transaction per job (as submit does): %.0f rows/s", Double(single) / singleTime))
        print(String(format: "insert, batches of %d: %.0f rows/s", batch, Double(bulkRows) / max(bulkTime, 1e-9)))

        var searchTimes: [Double] = []
        for _ in 0..<queries {
            let word = Self.words.randomElement(using: &generator) ?? "fox"
            let query = Bool.random(using: &generator) ? String(word.prefix(3)) : word + " " + (Self.words.randomElement(using: &generator) ?? "")
            searchTimes.append(try Stopwatch.seconds { _ = try journal.search(query, limit: 100) })
        }
        print("FTS search (limit 100): p50 \(Stopwatch.ms(Stopwatch.percentile(searchTimes, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(searchTimes, 0.99)))  (target ≤ 10 ms)")

        var listTimes: [Double] = []
        for _ in 0..<queries {
            listTimes.append(try Stopwatch.seconds { _ = try journal.newest(limit: 100) })
        }
        print("newest 100: p50 \(Stopwatch.ms(Stopwatch.percentile(listTimes, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(listTimes, 0.99)))  (target ≤ 2 ms)")
        print(String(format: "resident memory: %.1f MB", Stopwatch.residentMB()))
    }
}
