import Foundation
import GRDB

/// One generation in the journal: its full spec, where it stands, what it cost and how it ended.
public struct GenerationRecord: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord, StoredDateRecord {
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
    /// The provider's own progress (0…1) at the last poll, when it reports one (no invented percentages).
    public var progress: Double?
    /// When Operations stopped showing this finished job (nil: still shown until dismissed).
    public var dismissedAt: Date?
    /// The base URL the job was sent to when one was named (a flag, the config); nil for the
    /// provider's own host or the built-in sandbox. Never a key.
    public var endpoint: String?
    /// The wire protocol that accepted the operation (`WireProtocol`'s raw value).
    public var wire: String?

    public init(id: Int64? = nil, createdAt: Date, updatedAt: Date, provider: String, model: String, mode: GenerationMode,
                status: JobStatus, prompt: String, negativePrompt: String? = nil, specJSON: String, requestJSON: String? = nil,
                operationName: String? = nil, submittedAt: Date? = nil, finishedAt: Date? = nil, costEstimateUSD: Double? = nil,
                errorCode: String? = nil, errorMessage: String? = nil, errorExplanation: String? = nil,
                serverAnswerJSON: String? = nil, raiCount: Int = 0, raiReasonsJSON: String? = nil, parentID: Int64? = nil,
                parentKind: String? = nil, hops: Int = 0, outputSeconds: Int? = nil, pollCount: Int = 0, synthetic: Bool = false,
                progress: Double? = nil, dismissedAt: Date? = nil, endpoint: String? = nil, wire: String? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.provider = provider
        self.model = model
        self.mode = mode
        self.status = status
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.specJSON = specJSON
        self.requestJSON = requestJSON
        self.operationName = operationName
        self.submittedAt = submittedAt
        self.finishedAt = finishedAt
        self.costEstimateUSD = costEstimateUSD
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.errorExplanation = errorExplanation
        self.serverAnswerJSON = serverAnswerJSON
        self.raiCount = raiCount
        self.raiReasonsJSON = raiReasonsJSON
        self.parentID = parentID
        self.parentKind = parentKind
        self.hops = hops
        self.outputSeconds = outputSeconds
        self.pollCount = pollCount
        self.synthetic = synthetic
        self.progress = progress
        self.dismissedAt = dismissedAt
        self.endpoint = endpoint
        self.wire = wire
    }

    /// Reads a row by hand: lists read hundreds per keystroke, and the Codable path costs several
    /// times as much (each date through its decoding strategy, each column looked up by name twice).
    public init(row: Row) throws {
        func date(_ column: String) -> Date? { StoredDate.date(from: row[column] as DatabaseValue) }
        func required<Value>(_ value: Value?, _ column: String) throws -> Value {
            guard let value else {
                throw StudioError(field: "journal", code: "journal.unreadable_row", message: "a generation row has no readable \(column)",
                                  fix: "the journal was changed by something else: restore it from a copy")
            }
            return value
        }
        id = row["id"]
        createdAt = try required(date("createdAt"), "createdAt")
        updatedAt = try required(date("updatedAt"), "updatedAt")
        provider = row["provider"]
        model = row["model"]
        mode = try required(GenerationMode(rawValue: row["mode"] ?? ""), "mode")
        status = try required(JobStatus(rawValue: row["status"] ?? ""), "status")
        prompt = row["prompt"]
        negativePrompt = row["negativePrompt"]
        specJSON = row["specJSON"]
        requestJSON = row["requestJSON"]
        operationName = row["operationName"]
        submittedAt = date("submittedAt")
        finishedAt = date("finishedAt")
        costEstimateUSD = row["costEstimateUSD"]
        errorCode = row["errorCode"]
        errorMessage = row["errorMessage"]
        errorExplanation = row["errorExplanation"]
        serverAnswerJSON = row["serverAnswerJSON"]
        raiCount = row["raiCount"]
        raiReasonsJSON = row["raiReasonsJSON"]
        parentID = row["parentID"]
        parentKind = row["parentKind"]
        hops = row["hops"]
        outputSeconds = row["outputSeconds"]
        pollCount = row["pollCount"]
        synthetic = row["synthetic"]
        progress = row["progress"]
        dismissedAt = date("dismissedAt")
        endpoint = row["endpoint"]
        wire = row["wire"]
    }

    /// Writes a row by hand, for the reason `init(row:)` reads one: every status change encodes the
    /// row twice (before and after, to write only what changed), and the Codable path is the slow one.
    public func encode(to container: inout PersistenceContainer) throws {
        func date(_ value: Date?) -> String? { value.map(StoredDate.text) }
        container["id"] = id
        container["createdAt"] = StoredDate.text(createdAt)
        container["updatedAt"] = StoredDate.text(updatedAt)
        container["provider"] = provider
        container["model"] = model
        container["mode"] = mode.rawValue
        container["status"] = status.rawValue
        container["prompt"] = prompt
        container["negativePrompt"] = negativePrompt
        container["specJSON"] = specJSON
        container["requestJSON"] = requestJSON
        container["operationName"] = operationName
        container["submittedAt"] = date(submittedAt)
        container["finishedAt"] = date(finishedAt)
        container["costEstimateUSD"] = costEstimateUSD
        container["errorCode"] = errorCode
        container["errorMessage"] = errorMessage
        container["errorExplanation"] = errorExplanation
        container["serverAnswerJSON"] = serverAnswerJSON
        container["raiCount"] = raiCount
        container["raiReasonsJSON"] = raiReasonsJSON
        container["parentID"] = parentID
        container["parentKind"] = parentKind
        container["hops"] = hops
        container["outputSeconds"] = outputSeconds
        container["pollCount"] = pollCount
        container["synthetic"] = synthetic
        container["progress"] = progress
        container["dismissedAt"] = date(dismissedAt)
        container["endpoint"] = endpoint
        container["wire"] = wire
    }

    /// The wire protocol that accepted the operation, as the journal recorded it.
    public var wireProtocol: WireProtocol? { wire.flatMap(WireProtocol.init(rawValue:)) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The generation with `id`, through a statement compiled once per connection: the journal's
    /// most frequent read (every poll and status change reads the row it writes).
    static func find(_ id: Int64, in db: Database) throws -> GenerationRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM generation WHERE id = ?"), arguments: [id])
    }

    /// The spec decoded back (re-runs copy it into a new draft). A job's spec is read at its send, its
    /// sidecar and its end: each text is decoded once per process (the last 64 kept).
    public func spec() throws -> GenerationSpec {
        if let known = Self.decodedSpecs.withLock({ $0[specJSON] }) { return known }
        let spec = try JSONDecoder().decode(GenerationSpec.self, from: Data(specJSON.utf8))
        Self.decodedSpecs.withLock { known in
            if known.count >= 64 { known.removeAll() }
            known[specJSON] = spec
        }
        return spec
    }

    private static let decodedSpecs = LockedBox<[String: GenerationSpec]>([:])
}
