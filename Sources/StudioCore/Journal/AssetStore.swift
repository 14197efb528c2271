import Foundation

/// Content-addressed copies of every input (`assets/ab/abcdef….png`), so a re-run works after
/// the original file moved. Also the `MediaSource` encoders read bytes from.
public struct AssetStore: MediaSource {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Copies loaded media into the store (once per content) and returns its record.
    public func store(_ media: LoadedMedia, ref: MediaRef, kind: String, at date: Date) throws -> AssetRecord {
        let url = location(sha256: ref.sha256, mimeType: ref.mimeType)
        if !FileManager.default.fileExists(atPath: url.path) {
            // The bytes are checked against their content address as they are streamed: no second hash.
            let writer = try AtomicFileWriter(destination: url, hashing: false)
            do {
                try media.stream { try writer.write($0) }
                _ = try writer.commit()
            } catch let error as StudioError {
                writer.abandon()
                throw error
            } catch {
                writer.abandon()
                throw StudioError(field: "assets", code: "assets.unwritable",
                                  message: "cannot copy \(media.path) into \(root.path)",
                                  fix: "check free space and permissions of the data folder")
            }
        }
        return AssetRecord(sha256: ref.sha256, kind: kind, mimeType: ref.mimeType, width: ref.width, height: ref.height,
                           bytes: ref.byteCount, storedPath: url.path, originalPath: ref.originalPath, createdAt: date)
    }

    public func bytes(for media: MediaRef) throws -> Data {
        let url = location(sha256: media.sha256, mimeType: media.mimeType)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StudioError(field: "assets", code: "assets.missing",
                              message: "the stored copy of \(media.originalPath) is missing (\(url.path))",
                              fix: "give the file again; the journal's copy was removed")
        }
        return data
    }

    func location(sha256: String, mimeType: String) -> URL {
        let ext: String
        switch mimeType {
        case "image/png": ext = "png"
        case "image/jpeg": ext = "jpg"
        case "image/webp": ext = "webp"
        case "video/mp4": ext = "mp4"
        default: ext = "bin"
        }
        return root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent("\(sha256).\(ext)")
    }
}

/// Media straight from loaded files (the `request` command sends nothing and stores nothing).
public struct LoadedMediaSource: MediaSource {
    let files: [String: LoadedMedia]

    public init(files: [LoadedMedia]) {
        self.files = Dictionary(files.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func bytes(for media: MediaRef) throws -> Data {
        guard let file = files[media.sha256] else {
            throw StudioError(field: "media", code: "media.missing", message: "\(media.originalPath) was not loaded", fix: "")
        }
        return try file.bytes()
    }
}
