import Foundation

/// Files uploaded through the Files API, and the resumable uploads not finalized yet (those are not persisted).
struct FileUploadStore: Sendable {
    private var files: [String: UploadedFile] = [:]
    private var sessions: [String: UploadSession] = [:]

    /// Restores persisted uploads.
    init(_ files: [UploadedFile] = []) {
        for file in files { self.files[file.id] = file }
    }

    /// An uploaded file by id.
    subscript(id: String) -> UploadedFile? {
        get { files[id] }
        set { files[id] = newValue }
    }

    /// An upload in progress by id.
    func session(_ id: String) -> UploadSession? { sessions[id] }

    /// Stores or ends (nil) an upload in progress.
    mutating func setSession(_ session: UploadSession?, id: String) { sessions[id] = session }

    /// Whether an id is taken by a file or an upload in progress.
    func holds(_ id: String) -> Bool { files[id] != nil || sessions[id] != nil }

    /// How many finished uploads are held.
    var count: Int { files.count }

    /// Every uploaded file, oldest first.
    var sorted: [UploadedFile] {
        files.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Takes another process's uploads this store does not hold, never one in `deleted`.
    mutating func take(_ files: [UploadedFile], deleted: Set<String>) {
        for file in files where self.files[file.id] == nil && !deleted.contains(file.id) {
            self.files[file.id] = file
        }
    }

    /// Forgets every upload.
    mutating func removeAll() {
        files = [:]
        sessions = [:]
    }
}
