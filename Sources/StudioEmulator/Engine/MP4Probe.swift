import Foundation

/// Reads what the emulator needs from an MP4's boxes: that it is one (`ftyp` first), its
/// duration (`moov/mvhd`) and the frame size of its first video track (`moov/trak/tkhd`).
/// Nothing is decoded; a damaged file just gives nil values.
struct MP4Probe: Sendable, Equatable {
    /// Whether the data starts with an `ftyp` box.
    var isMP4: Bool
    /// Duration in seconds, when the header carries one.
    var durationSeconds: Double?
    /// Width and height of the first track with a non-zero size.
    var width: Int?
    var height: Int?

    init(_ data: Data) {
        let bytes = [UInt8](data)
        isMP4 = bytes.count >= 8 && Array(bytes[4..<8]) == Array("ftyp".utf8)
        guard isMP4, let moov = Self.boxes(in: bytes, range: 0..<bytes.count).first(where: { $0.type == "moov" }) else { return }
        let children = Self.boxes(in: bytes, range: moov.content)
        if let mvhd = children.first(where: { $0.type == "mvhd" }) {
            durationSeconds = Self.movieDuration(bytes, mvhd.content)
        }
        for trak in children where trak.type == "trak" {
            guard let tkhd = Self.boxes(in: bytes, range: trak.content).first(where: { $0.type == "tkhd" }),
                let size = Self.trackSize(bytes, tkhd.content), size.width > 0, size.height > 0
            else { continue }
            width = size.width
            height = size.height
            break
        }
    }

    private struct Box {
        var type: String
        var content: Range<Int>
    }

    /// The boxes directly inside `range`.
    private static func boxes(in bytes: [UInt8], range: Range<Int>) -> [Box] {
        var found: [Box] = []
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound {
            var size = Int(readUInt(bytes, offset, 4))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            var header = 8
            if size == 1 {
                guard offset + 16 <= range.upperBound else { break }
                size = Int(clamping: readUInt(bytes, offset + 8, 8))
                header = 16
            } else if size == 0 {
                size = range.upperBound - offset
            }
            // `size` may be any 64-bit value in a damaged file: compare without `offset + size` overflowing.
            guard size >= header, size <= range.upperBound - offset else { break }
            found.append(Box(type: type, content: (offset + header)..<(offset + size)))
            offset += size
        }
        return found
    }

    private static func movieDuration(_ bytes: [UInt8], _ content: Range<Int>) -> Double? {
        let start = content.lowerBound
        guard content.count >= 20 else { return nil }
        let version = bytes[start]
        let timescale: UInt64
        let duration: UInt64
        if version == 1 {
            guard content.count >= 32 else { return nil }
            timescale = readUInt(bytes, start + 20, 4)
            duration = readUInt(bytes, start + 24, 8)
        } else {
            timescale = readUInt(bytes, start + 12, 4)
            duration = readUInt(bytes, start + 16, 4)
        }
        // All ones means "unknown" in either version.
        let unknown = version == 1 ? UInt64.max : UInt64(UInt32.max)
        guard timescale > 0, duration > 0, duration != unknown else { return nil }
        return Double(duration) / Double(timescale)
    }

    private static func trackSize(_ bytes: [UInt8], _ content: Range<Int>) -> (width: Int, height: Int)? {
        let start = content.lowerBound
        guard content.count >= 1 else { return nil }
        // version/flags, times, track id, reserved, duration, reserved, layer, group, volume, reserved, matrix
        let offset = start + (bytes[start] == 1 ? 88 : 76)
        guard offset + 8 <= content.upperBound else { return nil }
        return (Int(readUInt(bytes, offset, 4) >> 16), Int(readUInt(bytes, offset + 4, 4) >> 16))
    }

    private static func readUInt(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + count) {
            value = value << 8 | UInt64(bytes[index])
        }
        return value
    }
}
