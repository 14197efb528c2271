import Foundation
import GRDB

/// The studio form's unsent draft of one mode, kept across restarts (and a killed process). The
/// JSON is the studio's own; the journal only keeps it beside the generations.
public struct FormDraftRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "form_draft"

    /// The mode's raw value (`text_to_video`, …).
    public var mode: String
    public var draftJSON: String
    public var updatedAt: Date

    public init(mode: String, draftJSON: String, updatedAt: Date) {
        self.mode = mode
        self.draftJSON = draftJSON
        self.updatedAt = updatedAt
    }
}

extension Journal {
    /// Keeps (or replaces) a mode's unsent draft.
    public func saveFormDraft(_ draft: FormDraftRecord) throws {
        try writer.write { db in try draft.save(db) }
    }

    /// Forgets a mode's draft (it was sent, or cleared).
    public func deleteFormDraft(mode: String) throws {
        _ = try writer.write { db in try FormDraftRecord.deleteOne(db, key: mode) }
    }

    /// Every kept draft, the most recently changed first.
    public func formDrafts() throws -> [FormDraftRecord] {
        try writer.read { db in try FormDraftRecord.order(Column("updatedAt").desc).fetchAll(db) }
    }
}
