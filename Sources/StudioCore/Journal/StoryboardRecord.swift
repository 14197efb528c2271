import Foundation
import GRDB

/// A storyboard as the journal keeps it: the document it was read from (so a run resumes from what
/// was planned), its state, and its film once stitched. Its shots' jobs carry its id as their batch.
public struct StoryboardRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "storyboard"

    public var id: String
    public var createdAt: Date
    public var updatedAt: Date
    public var title: String
    /// The storyboard file's name and the SHA-256 of its text (a run of the same text resumes).
    public var fileName: String
    public var fileSHA256: String
    /// The document as JSON (`StoryboardDocument`).
    public var document: String
    /// `running` (its shots are queued as they can go), `editing` (changed in the studio: nothing is
    /// sent until it runs again), `done` (film stitched).
    public var status: String
    public var filmPath: String?
    public var filmSHA256: String?
    public var filmSeconds: Double?

    public init(id: String, createdAt: Date, title: String, fileName: String, fileSHA256: String, document: StoryboardDocument) throws {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.title = title
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.document = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        self.status = Self.running
    }

    public static let running = "running"
    public static let editing = "editing"
    public static let done = "done"

    /// Its film is made (and not forgotten by a change since).
    public var hasFilm: Bool { status == Self.done && filmPath != nil }

    /// Something of it is made again: it runs, and its film is forgotten (made again at the end).
    mutating func runAgain() {
        status = Self.running
        filmPath = nil
        filmSHA256 = nil
        filmSeconds = nil
    }

    /// The document it keeps.
    public func storyboard() throws -> StoryboardDocument {
        try JSONDecoder().decode(StoryboardDocument.self, from: Data(document.utf8))
    }

    /// A new storyboard id: `s` and the local time to the second, then 4 hex digits.
    public static func newID(at date: Date) -> String {
        "s" + BatchRecord.newID(at: date).dropFirst()
    }
}
