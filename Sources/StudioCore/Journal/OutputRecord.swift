import Foundation
import GRDB

/// A downloaded video: where it is, its size and hash, and the remote URI with its expiry.
public struct OutputRecord: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord, StoredDateRecord {
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

    public init(id: Int64? = nil, generationID: Int64, sampleIndex: Int, path: String?, bytes: Int?, sha256: String?,
                remoteURI: String?, expiresAt: Date?, mimeType: String, createdAt: Date) {
        self.id = id
        self.generationID = generationID
        self.sampleIndex = sampleIndex
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.remoteURI = remoteURI
        self.expiresAt = expiresAt
        self.mimeType = mimeType
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension OutputRecord {
    /// For a video not downloaded yet whose link lapses (a gateway's 24 h links): when it does.
    public func linkExpiry(now: Date) -> String? {
        guard path == nil, let expiresAt else { return nil }
        let when = ISO8601DateFormatter.string(from: expiresAt, timeZone: TimeZone(identifier: "UTC")!,
                                              formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime])
        let hours = expiresAt.timeIntervalSince(now) / 3600
        if hours <= 0 { return "link expired \(when) UTC" }
        return "link expires \(when) UTC (in \(hours < 1 ? "\(Int(hours * 60)) min" : "\(Int(hours)) h")) — download it before then"
    }

    /// Where the video came from, for people: its remote URI, or "inline" for a video that came
    /// inside the answer itself (a Vertex AI operation, a relay's task, a Gemini Omni interaction:
    /// its internal staging name is not worth showing).
    public var remoteLabel: String? {
        guard let remoteURI else { return nil }
        return ProviderPlugins.inlinePlugin(of: remoteURI)?.describeInline(remoteURI) ?? remoteURI
    }
}
