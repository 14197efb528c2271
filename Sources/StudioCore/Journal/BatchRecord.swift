import Foundation
import GRDB

/// A batch as the journal keeps it: what file it came from, how many lines and jobs, what it was
/// estimated to cost. Its jobs carry its id in their queue entries.
public struct BatchRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "batch"

    public var id: String
    public var createdAt: Date
    /// The batch file's name.
    public var name: String
    public var lines: Int
    public var jobs: Int
    public var estimateUSD: Double?

    public init(id: String, createdAt: Date, name: String, lines: Int, jobs: Int, estimateUSD: Double?) {
        self.id = id
        self.createdAt = createdAt
        self.name = name
        self.lines = lines
        self.jobs = jobs
        self.estimateUSD = estimateUSD
    }

    /// A new batch id: `b` and the local time to the second, then 4 hex digits (`b20261206-110512-3fa2`).
    public static func newID(at date: Date) -> String {
        let stamp = LocalTime.dateTime(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            .replacingOccurrences(of: "T", with: "-")
        return "b" + stamp + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
    }
}
