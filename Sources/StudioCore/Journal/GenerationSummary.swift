import Foundation
import GRDB

/// A generation as lists show it: the journal row and the facts tables need beside it (resolution,
/// length, samples asked for, videos written), read in the same query so no spec is decoded per row.
public struct GenerationSummary: Sendable, Hashable, Identifiable {
    public var record: GenerationRecord
    /// `720p`, `1080p`, … as validated (nil for rows whose spec does not say).
    public var resolution: String?
    /// The video's length in seconds as asked (an extension: the seconds it adds).
    public var durationSeconds: Int?
    /// Videos asked for.
    public var samples: Int?
    /// Outputs recorded (downloaded or not) and those on disk.
    public var outputs: Int
    public var downloaded: Int
    /// The first video on disk, when there is one.
    public var firstOutputPath: String?

    /// A waiting job's place in the queue (Operations reads it; other lists leave it nil).
    public var queue: QueuedJob?
    public var id: Int64 { record.id ?? 0 }

    public init(record: GenerationRecord, resolution: String? = nil, durationSeconds: Int? = nil, samples: Int? = nil,
                outputs: Int = 0, downloaded: Int = 0, firstOutputPath: String? = nil) {
        self.record = record
        self.resolution = resolution
        self.durationSeconds = durationSeconds
        self.samples = samples
        self.outputs = outputs
        self.downloaded = downloaded
        self.firstOutputPath = firstOutputPath
    }

    /// What the job costs as it ended (see `Charge`).
    public var charge: Charge { Charge(record: record, samplesAsked: samples, videosMade: outputs) }

    /// The columns selected beside `generation.*`: SQLite reads them out of the spec's JSON.
    static let factsSQL = """
        json_extract(generation.specJSON, '$.effective.resolution') AS summaryResolution,
        json_extract(generation.specJSON, '$.effective.durationSeconds') AS summaryDuration,
        json_extract(generation.specJSON, '$.effective.sampleCount') AS summarySamples,
        (SELECT COUNT(*) FROM output WHERE output.generationID = generation.id) AS summaryOutputs,
        (SELECT COUNT(*) FROM output WHERE output.generationID = generation.id AND output.path IS NOT NULL) AS summaryDownloaded,
        (SELECT path FROM output WHERE output.generationID = generation.id AND output.path IS NOT NULL
         ORDER BY sampleIndex LIMIT 1) AS summaryPath
        """

    init(row: Row) throws {
        record = try GenerationRecord(row: row)
        resolution = row["summaryResolution"]
        durationSeconds = row["summaryDuration"]
        samples = row["summarySamples"]
        outputs = row["summaryOutputs"] ?? 0
        downloaded = row["summaryDownloaded"] ?? 0
        firstOutputPath = row["summaryPath"]
    }

    /// Summaries for a query over `generation` (its `SELECT generation.*` is widened with the facts).
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [GenerationSummary] {
        let widened = sql.replacingOccurrences(of: "SELECT generation.*", with: "SELECT generation.*, \(factsSQL)")
        return try Array(Row.fetchCursor(db, sql: widened, arguments: arguments).map(GenerationSummary.init(row:)))
    }
}
