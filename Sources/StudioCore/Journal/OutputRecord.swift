import Foundation
import GRDB

/// A downloaded video: where it is, its size and hash, and the remote URI with its expiry.
public struct OutputRecord: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "output"

    public var id: Int64?
    public var generationID: Int64
    public var sampleIndex: Int
    public var path: String?
    public var bytes: Int?
    public var sha256: String?
    public var remoteURI: String?
    public var expiresAt: Date?
    public var mimeType: String
    public var createdAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
