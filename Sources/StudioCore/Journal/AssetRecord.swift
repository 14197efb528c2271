import Foundation
import GRDB

/// A content-addressed copy of an input image or video, so a re-run works after the original moved.
public struct AssetRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "asset"

    public var sha256: String
    public var kind: String
    public var mimeType: String
    public var width: Int
    public var height: Int
    public var bytes: Int
    public var storedPath: String
    public var originalPath: String
    public var createdAt: Date
}

/// Which asset a generation used, in which role (`image`, `lastFrame`, `referenceImages[0]`, `video`).
public struct GenerationAssetRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "generation_asset"

    public var generationID: Int64
    public var sha256: String
    public var role: String
}
