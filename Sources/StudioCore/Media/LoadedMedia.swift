import Crypto
import Foundation

/// An input file, read once: what its bytes say and its content address. A file read from disk
/// keeps only its first bytes in memory; the rest is read again, and checked against the
/// address, when it is copied into the asset store or put in a request.
public struct LoadedMedia: Sendable {
    public var path: String
    /// The first bytes (up to `headBytes`): what the inspectors and the validator read.
    public var head: Data
    public var byteCount: Int
    public var image: ImageInfo?
    public var isMP4: Bool
    public var sha256: String
    /// A video's length in seconds, when it was measured (Gemini Omni's limits depend on it).
    public var seconds: Double?
    /// The bytes, when they were given in memory rather than read from `path`.
    private let contents: Data?

    /// How much of a file the inspectors see.
    public static let headBytes = 256 * 1024
    static let chunkBytes = 1 << 20

    /// Bytes given in memory (nothing is read from `path`).
    public init(path: String, data: Data) {
        self.init(path: path, contents: data, head: data.prefix(Self.headBytes), byteCount: data.count,
                  sha256: SHA256.hash(data: data).hexString)
    }

    /// Reads the file at `url` once, in chunks: hashes all of it and keeps its head.
    public init(reading url: URL) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var head = Data()
        var count = 0
        while let chunk = try handle.read(upToCount: Self.chunkBytes), !chunk.isEmpty {
            hasher.update(data: chunk)
            if head.count < Self.headBytes { head.append(chunk.prefix(Self.headBytes - head.count)) }
            count += chunk.count
        }
        self.init(path: url.path, contents: nil, head: head, byteCount: count, sha256: hasher.finalize().hexString)
    }

    /// What the head says: the image's format and size, or that it is an MP4.
    private init(path: String, contents: Data?, head: Data, byteCount: Int, sha256: String) {
        self.path = path
        self.contents = contents
        self.head = head
        self.byteCount = byteCount
        self.sha256 = sha256
        let bytes = [UInt8](head)
        self.image = ImageInspector.inspect(bytes)
        self.isMP4 = ImageInspector.isMP4(bytes)
    }

    /// The journal's reference to this file.
    public func ref(mimeType: String) -> MediaRef {
        MediaRef(sha256: sha256, mimeType: mimeType, width: image?.width ?? 0, height: image?.height ?? 0,
                 byteCount: byteCount, originalPath: path)
    }

    /// All the bytes: those given, or the file read again and checked to be the one that was checked.
    public func bytes() throws -> Data {
        if let contents { return contents }
        var data = Data(capacity: byteCount)
        try stream { data.append($0) }
        return data
    }

    /// Hands the bytes to `consume` in chunks; throws, before the last chunk is handed over, when
    /// the file is no longer the one that was read (its content address would be wrong).
    public func stream(_ consume: (Data) throws -> Void) throws {
        if let contents { return try consume(contents) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw changed("cannot be read any more") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var pending: Data?
        while let chunk = try handle.read(upToCount: Self.chunkBytes), !chunk.isEmpty {
            if let pending { try consume(pending) }
            hasher.update(data: chunk)
            pending = chunk
        }
        guard hasher.finalize().hexString == sha256 else { throw changed("changed since it was checked") }
        if let pending { try consume(pending) }
    }

    private func changed(_ what: String) -> StudioError {
        StudioError(field: "file", code: "file.changed", message: "\((path as NSString).lastPathComponent) \(what)",
                    fix: "give the file again once it is no longer being written")
    }
}
