import Foundation

/// A file uploaded through the Files API (`files.upload`), kept for use as an input.
struct UploadedFile: Sendable, Codable {
    /// 12 lower-case letters and digits, as in `files/{id}`.
    var id: String
    /// SHA-256 of the API key that started the upload.
    var ownerDigest: String
    var displayName: String?
    var mimeType: String
    var sizeBytes: Int
    /// Base64 of the SHA-256 of the bytes.
    var sha256: String
    var createdAt: Date
    var expiresAt: Date
    /// The bytes, relative to the work directory.
    var dataPath: String
    /// Path version of the upload (`v1beta` or `v1`).
    var apiVersion: String
}

/// A resumable upload between `start` and `finalize` (in memory only).
struct UploadSession: Sendable {
    var id: String
    var ownerDigest: String
    var displayName: String?
    var mimeType: String?
    var apiVersion: String
    var received = Data()
}
