import Foundation
import StudioCore

/// One row of the image picker: a folder, or an image with what its bytes say it is.
public struct PickerEntry: Hashable, Sendable {
    public var name: String
    public var path: String
    public var isDirectory: Bool
    public var bytes: Int
    /// Nil for folders and for files whose bytes are not an image.
    public var image: ImageInfo?
    /// Where a library image was first picked from.
    public var origin: String?

    public init(name: String, path: String, isDirectory: Bool, bytes: Int = 0, image: ImageInfo? = nil, origin: String? = nil) {
        self.name = name
        self.path = path
        self.isDirectory = isDirectory
        self.bytes = bytes
        self.image = image
        self.origin = origin
    }

    /// "1280×720 PNG 340 KB", or why it cannot be used.
    public var facts: String {
        if isDirectory { return "folder" }
        guard let image else { return "\(Self.size(bytes)) — not a JPEG, PNG or WebP image" }
        return "\(image.width)×\(image.height) \(image.format.rawValue.uppercased()) \(Self.size(bytes))"
    }

    public static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }
}
