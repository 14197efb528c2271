import Foundation
import GRDB

/// One generation in the journal: its full spec, where it stands, what it cost and how it ended.
public struct GenerationRecord: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "generation"

    public var id: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var provider: String
    public var model: String
    public var mode: GenerationMode
    public var status: JobStatus
    public var prompt: String
    public var negativePrompt: String?
    /// The validated spec as JSON (no secrets: inputs are content addresses).
    public var specJSON: String
    /// The request as sent, secrets redacted and base64 shortened.
    public var requestJSON: String?
    public var operationName: String?
    public var submittedAt: Date?
    public var finishedAt: Date?
    public var costEstimateUSD: Double?
    public var errorCode: String?
    public var errorMessage: String?
    public var errorExplanation: String?
    /// The last full answer of the service (operation JSON or error body).
    public var serverAnswerJSON: String?
    public var raiCount: Int
    /// Safety findings (reason, support codes, category) as JSON.
    public var raiReasonsJSON: String?
    public var parentID: Int64?
    /// `rerun`, `extend` or `retry` when there is a parent.
    public var parentKind: String?
    /// Extensions in this video's chain (0 for an original).
    public var hops: Int
    /// Length of the resulting video in seconds (known from the spec, or the chain for extensions).
    public var outputSeconds: Int?
    public var pollCount: Int
    public var synthetic: Bool

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The spec decoded back (re-runs copy it into a new draft).
    public func spec() throws -> GenerationSpec {
        try JSONDecoder().decode(GenerationSpec.self, from: Data(specJSON.utf8))
    }
}
