import Foundation
import GRDB

/// One take of one shot of a storyboard: the job that makes it once sent to the queue, whether it is
/// the take chosen for the film, and whether a retake replaced it (kept, not used).
public struct StoryboardTakeRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "storyboard_take"

    public var id: Int64?
    public var storyboardID: String
    /// 1-based shot and take.
    public var shot: Int
    public var take: Int
    /// The job, once queued (set in the same transaction that queues it: never queued twice).
    public var generationID: Int64?
    public var chosen: Bool
    /// Replaced by a retake.
    public var retired: Bool
    /// Why the take could not be queued (the shot before failed, ffmpeg is missing…).
    public var note: String?

    public init(storyboardID: String, shot: Int, take: Int) {
        self.storyboardID = storyboardID
        self.shot = shot
        self.take = take
        self.chosen = false
        self.retired = false
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
