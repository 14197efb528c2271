/// An input file as the journal knows it: content address, type and size; the bytes live in the asset store.
public struct MediaRef: Codable, Sendable, Hashable {
    public var sha256: String
    public var mimeType: String
    public var width: Int
    public var height: Int
    public var byteCount: Int
    public var originalPath: String

    public init(sha256: String, mimeType: String, width: Int, height: Int, byteCount: Int, originalPath: String) {
        self.sha256 = sha256
        self.mimeType = mimeType
        self.width = width
        self.height = height
        self.byteCount = byteCount
        self.originalPath = originalPath
    }
}

/// A reference image of a validated spec.
public struct ReferenceRef: Codable, Sendable, Hashable {
    public var media: MediaRef
    public var kind: ReferenceKind
}

/// The video a validated spec extends: a provider URI of an earlier output, or a local file.
public enum VideoRef: Codable, Sendable, Hashable {
    case remote(uri: String, sourceGeneration: Int64?)
    case local(MediaRef)
}
