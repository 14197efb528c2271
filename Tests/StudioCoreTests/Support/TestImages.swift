import Foundation
import Testing
@testable import StudioCore

/// Small real images made in memory: a valid PNG (stored deflate blocks), and headers of other formats.
enum TestImages {
    /// A decodable RGB PNG of the given size filled with one colour.
    static func png(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8) = (200, 60, 30)) -> Data {
        var raw: [UInt8] = []
        for _ in 0..<height {
            raw.append(0)
            for _ in 0..<width { raw += [rgb.0, rgb.1, rgb.2] }
        }
        var ihdr: [UInt8] = []
        ihdr += be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", ihdr)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    /// A JPEG header with an SOF0 frame (enough for the inspector; not decodable).
    static func jpegHeader(width: Int, height: Int) -> Data {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08] + be16(UInt16(height)) + be16(UInt16(width)) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        bytes += [0xFF, 0xD9]
        return Data(bytes)
    }

    /// A lossless WebP header (VP8L) of the given size.
    static func webpHeader(width: Int, height: Int) -> Data {
        let bits = UInt32(width - 1) | UInt32(height - 1) << 14
        var payload: [UInt8] = [0x2F] + le32(bits) + [0, 0, 0, 0]
        if payload.count % 2 == 1 { payload.append(0) }
        var bytes: [UInt8] = Array("RIFF".utf8) + le32(UInt32(4 + 8 + payload.count)) + Array("WEBP".utf8)
        bytes += Array("VP8L".utf8) + le32(UInt32(payload.count)) + payload
        return Data(bytes)
    }

    static func gif(width: Int, height: Int) -> Data {
        Data(Array("GIF89a".utf8) + le16(UInt16(width)) + le16(UInt16(height)) + [0, 0, 0, 0x3B])
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var index = 0
        repeat {
            let count = min(65_535, data.count - index)
            let last: UInt8 = index + count >= data.count ? 1 : 0
            out += [last] + le16(UInt16(count)) + le16(~UInt16(count))
            out += data[index..<(index + count)]
            index += count
        } while index < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + be32(b << 16 | a)
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    private static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    private static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
    private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
}

/// A temporary folder removed at the end of a test.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("veo-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Checks that an output's file exists, is an MP4 and has the size the journal recorded.
    static func expectWholeMP4(_ output: OutputRecord, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try #require(output.path, "the output has a file", sourceLocation: sourceLocation)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ImageInspector.isMP4([UInt8](bytes.prefix(16))), "an MP4 arrives", sourceLocation: sourceLocation)
        #expect(output.bytes == bytes.count, "the journal records the file's size", sourceLocation: sourceLocation)
    }

    @discardableResult
    func write(_ name: String, _ data: Data) -> String {
        let file = url.appendingPathComponent(name)
        FileManager.default.createFile(atPath: file.path, contents: data)
        return file.path
    }
}
