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

extension OutputRecord {
    /// Where the video came from, for people: its remote URI, or "inline" for a video that came
    /// inside a Vertex AI operation answer (its internal name is not worth showing).
    public var remoteLabel: String? {
        guard let remoteURI else { return nil }
        return [VertexAIProvider.inlineScheme, OpenAIRelayProvider.inlineScheme].contains(where: remoteURI.hasPrefix) ? "inline in the operation answer" : remoteURI
    }
}
