import Foundation
import GRDB

/// One state change of a generation, with a line of detail.
public struct EventRecord: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "event"

    public var id: Int64?
    public var generationID: Int64
    public var at: Date
    public var status: JobStatus
    public var detail: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
