import Crypto
import Foundation

/// An input file read into memory, with what its bytes say and its content address.
public struct LoadedMedia: Sendable {
    public var path: String
    public var data: Data
    public var image: ImageInfo?
    public var isMP4: Bool
    public var sha256: String
    /// A video's length in seconds, when it was measured (Gemini Omni's limits depend on it).
    public var seconds: Double?

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
        let bytes = [UInt8](data.prefix(256 * 1024))
        self.image = ImageInspector.inspect(bytes)
        self.isMP4 = ImageInspector.isMP4(bytes)
        self.sha256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The journal's reference to this file.
    public func ref(mimeType: String) -> MediaRef {
        MediaRef(sha256: sha256, mimeType: mimeType, width: image?.width ?? 0, height: image?.height ?? 0,
                 byteCount: data.count, originalPath: path)
    }
}
