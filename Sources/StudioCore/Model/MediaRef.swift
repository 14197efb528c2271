import Foundation

/// An input file as the journal knows it: content address, type and size; the bytes live in the asset store.
public struct MediaRef: Codable, Sendable, Hashable {
    public var sha256: String
    public var mimeType: String
    public var width: Int
    public var height: Int
    public var byteCount: Int
    public var originalPath: String
    /// Set when the input is remote — a Cloud Storage object (`gs://…`, Vertex AI) or a web address
    /// (`https://…`, gateways that take URLs): it is sent by URI, no bytes are read.
    public var gcsUri: String?

    public init(sha256: String, mimeType: String, width: Int, height: Int, byteCount: Int, originalPath: String,
                gcsUri: String? = nil) {
        self.gcsUri = gcsUri
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

extension MediaRef {
    /// A `gs://` or `https://` input: its type guessed from the name, no bytes, no size.
    public static func remote(_ uri: String) -> MediaRef {
        let ext = (uri as NSString).pathExtension.lowercased()
        let types = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "mp4": "video/mp4"]
        return MediaRef(sha256: "", mimeType: types[ext] ?? "application/octet-stream", width: 0, height: 0, byteCount: 0,
                        originalPath: uri, gcsUri: uri)
    }
}
