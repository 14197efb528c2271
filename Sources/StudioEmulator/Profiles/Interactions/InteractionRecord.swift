import Foundation

/// One interaction as the emulator stores (and persists) it. Its status is derived from the
/// clock: `in_progress` until `finishAt`, then the outcome; `cancelled` once cancelled.
struct InteractionRecord: Sendable, Codable {
    /// `v1_` followed by 24 letters and digits.
    var id: String
    var model: String
    /// Path version of the create (`v1beta` or `v1`).
    var apiVersion: String
    /// SHA-256 of the API key that created it (the key itself is never stored).
    var ownerDigest: String
    var createdAt: Date
    /// When the interaction completes (or fails).
    var finishAt: Date
    var cancelledAt: Date?
    var previousInteractionID: String?
    /// `store: false` interactions answer once and are not found afterwards.
    var stored: Bool
    var task: String
    /// `inline` (base64 in `data`) or `uri` (a Files API file).
    var delivery: String
    var durationSeconds: Double
    var aspectRatio: String
    var resolution: String
    /// The `user_input` step as received, inline media without their `data`.
    var userInput: JSONValue
    var outcome: InteractionOutcome
    var inputTokens: Int
    var outputTokens: Int

    /// The status at `now`.
    func status(at now: Date) -> InteractionStatus {
        if cancelledAt != nil { return .cancelled }
        guard now >= finishAt else { return .inProgress }
        if case .failed = outcome { return .failed }
        return .completed
    }

    /// When the status last changed, as of `now`.
    func updated(at now: Date) -> Date {
        if let cancelledAt { return cancelledAt }
        return now >= finishAt ? finishAt : createdAt
    }
}

/// How an interaction ends.
enum InteractionOutcome: Sendable, Codable, Equatable {
    /// One generated video (a `FileRecord` id).
    case video(fileID: String)
    /// `failed`, with an `errors[]` entry.
    case failed(code: String, message: String)
    /// `completed` with no output and no tokens (video inputs from a restricted region).
    case empty
}

/// The statuses the emulator uses.
enum InteractionStatus: String, Sendable {
    case inProgress = "in_progress"
    case completed
    case failed
    case cancelled

    /// Whether the interaction can no longer change.
    var isTerminal: Bool { self != .inProgress }
}
