/// What the bytes of an image say about it: its real type and size, whatever its file name.
public struct ImageInfo: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Codable {
        case png, jpeg, webp, gif, bmp, tiff, heic
        public var mimeType: String {
            switch self {
            case .png: return "image/png"
            case .jpeg: return "image/jpeg"
            case .webp: return "image/webp"
            case .gif: return "image/gif"
            case .bmp: return "image/bmp"
            case .tiff: return "image/tiff"
            case .heic: return "image/heic"
            }
        }
    }
    public var format: Format
    public var width: Int
    public var height: Int
    public var byteCount: Int

    public var mimeType: String { format.mimeType }

    public init(format: Format, width: Int, height: Int, byteCount: Int) {
        self.format = format
        self.width = width
        self.height = height
        self.byteCount = byteCount
    }
}
