import Foundation

/// One object of the emulator's Cloud Storage: an upload (bytes in the work directory) or a
/// Vertex output (bytes are the MP4 of a generated file, rendered on first read).
struct StoredObject: Sendable, Codable, Equatable {
    var bucket: String
    var name: String
    var contentType: String
    /// Bytes; nil for an output not rendered yet.
    var size: Int?
    /// Changes on every overwrite, as Cloud Storage's `generation` does.
    var generation: Int64
    var createdAt: Date
    /// Outputs appear when their operation finishes.
    var availableAt: Date
    /// A generated file whose MP4 these bytes are.
    var fileID: String?
    /// An upload's bytes, relative to the work directory.
    var dataPath: String?

    /// `BUCKET/NAME`, the store's key.
    var key: String { Self.key(bucket: bucket, name: name) }

    /// The store's key for an object.
    static func key(bucket: String, name: String) -> String { "\(bucket)/\(name)" }
}
