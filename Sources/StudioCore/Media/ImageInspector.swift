/// Reads an image's type from its magic number and its dimensions from its header.
/// Returns nil when the bytes are not an image it knows (or are truncated).
public enum ImageInspector {
    /// The longest side, in pixels, the studio accepts from an image header (larger ones are refused
    /// before anything decodes them: a 100000×100000 header would ask for tens of gigabytes).
    public static let maxSide = 16_384

    /// The format the first bytes announce (magic number only), even when the rest is cut short or damaged.
    public static func claimedFormat(_ bytes: [UInt8]) -> ImageInfo.Format? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("RIFF".utf8)), bytes.count < 12 || Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    public static func inspect(_ bytes: [UInt8]) -> ImageInfo? {
        guard bytes.count >= 12 else { return nil }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        if bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return webp(bytes) }
        if bytes.starts(with: Array("GIF8".utf8)) {
            return ImageInfo(format: .gif, width: le16(bytes, 6), height: le16(bytes, 8), byteCount: bytes.count)
        }
        if bytes.starts(with: [0x42, 0x4D]), bytes.count >= 26 {
            return ImageInfo(format: .bmp, width: le32(bytes, 18), height: abs(Int(Int32(bitPattern: UInt32(le32(bytes, 22))))),
                             byteCount: bytes.count)
        }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return ImageInfo(format: .tiff, width: 0, height: 0, byteCount: bytes.count)
        }
        if Array(bytes[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1"].contains(brand) {
                return ImageInfo(format: .heic, width: 0, height: 0, byteCount: bytes.count)
            }
        }
        return nil
    }

    /// True when the bytes look like an MP4/QuickTime file (`ftyp` box at offset 4).
    public static func isMP4(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && Array(bytes[4..<8]) == Array("ftyp".utf8)
    }

    private static func png(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        return ImageInfo(format: .png, width: be32(b, 16), height: be32(b, 20), byteCount: b.count)
    }

    private static func jpeg(_ b: [UInt8]) -> ImageInfo? {
        var index = 2
        while index + 9 < b.count {
            guard b[index] == 0xFF else { index += 1; continue }
            let marker = b[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = be16(b, index + 2)
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                return ImageInfo(format: .jpeg, width: be16(b, index + 7), height: be16(b, index + 5), byteCount: b.count)
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    private static func webp(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 30 else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            return ImageInfo(format: .webp, width: le16(b, 26) & 0x3FFF, height: le16(b, 28) & 0x3FFF, byteCount: b.count)
        case "VP8L":
            let bits = UInt32(b[21]) | UInt32(b[22]) << 8 | UInt32(b[23]) << 16 | UInt32(b[24]) << 24
            return ImageInfo(format: .webp, width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1,
                             byteCount: b.count)
        case "VP8X":
            let width = Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16
            let height = Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16
            return ImageInfo(format: .webp, width: width + 1, height: height + 1, byteCount: b.count)
        default:
            return nil
        }
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int { i + 1 < b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : 0 }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }
    private static func le16(_ b: [UInt8], _ i: Int) -> Int { i + 1 < b.count ? Int(b[i]) | Int(b[i + 1]) << 8 : 0 }
    private static func le32(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | le16(b, i + 2) << 16 }
}
