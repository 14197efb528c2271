import AsyncHTTPClient
import Crypto
import Foundation

/// Videos that arrive inside an answer (base64 in JSON), written to a staging folder while the answer
/// is read and moved into the media folder when the tracker claims them. Folders are named by a hash
/// of the operation, so a crash leaves them where the next poll or the staging sweep finds them.
struct StagedVideoStore: Sendable {
    let directory: URL

    /// The name of an operation's staging folder: a hash of the operation name.
    static func folderName(_ operation: String) -> String {
        SHA256.hash(data: Data(operation.utf8)).prefix(8).hexString
    }

    func folder(_ operation: String) -> URL {
        directory.appendingPathComponent(Self.folderName(operation))
    }

    /// A reader that stages the videos under `streamedKey` of one operation's answer.
    func reader(for operation: String, streamedKey: String = "bytesBase64Encoded") -> InlineVideoReader {
        let folder = folder(operation)
        return InlineVideoReader(streamedKey: streamedKey) { index in
            try AtomicFileWriter(destination: folder.appendingPathComponent("sample_\(index).mp4"))
        }
    }

    /// Reads an answer that may carry videos inline (under `streamedKey`), staging them for `operation`
    /// while it arrives, and decodes the rest; a cut-off or undecodable answer leaves no file behind.
    func read<Result>(_ response: HTTPClientResponse, operation: String, streamedKey: String = "bytesBase64Encoded",
                      decode: (JSONValue, [DownloadedFile]) throws -> Result) async throws -> Result {
        let reader = reader(for: operation, streamedKey: streamedKey)
        do {
            for try await piece in response.body {
                try piece.withUnsafeReadableBytes { try reader.feed($0) }
            }
            let (json, files) = try reader.finish()
            remember(files)
            return try decode(json, files)
        } catch {
            reader.abandon()
            if let failure = error as? ProviderFailure { throw failure }
            throw ProviderFailure.transport("the answer was cut off after \(reader.bytesRead) bytes: \(error)")
        }
    }

    /// Remembers size and sha256 of files this process staged, so claiming them does not read them again.
    func remember(_ files: [DownloadedFile]) {
        Self.known.withLock { known in for file in files { known[file.path] = file } }
    }

    /// `<scheme><operation>#<n>` of an inline video.
    static func uri(scheme: String, operation: String, index: Int) -> String { "\(scheme)\(operation)#\(index)" }

    /// The operation and index an inline URI names.
    static func parse(_ uri: String, scheme: String) throws -> (operation: String, index: Int) {
        let reference = uri.dropFirst(scheme.count)
        guard uri.hasPrefix(scheme), let hash = reference.lastIndex(of: "#"),
              let index = Int(reference[reference.index(after: hash)...]) else {
            throw ProviderFailure.malformed("\(uri) does not name an inline video")
        }
        return (String(reference[..<hash]), index)
    }

    /// Moves the staged video into place. When it is gone (crash, cleanup), `repoll` asks the service
    /// again, which stages it anew.
    func claim(operation: String, index: Int, to destination: URL, repoll: () async throws -> Void) async throws -> DownloadedFile {
        let folder = folder(operation)
        let staged = folder.appendingPathComponent("sample_\(index).mp4")
        if !FileManager.default.fileExists(atPath: staged.path) {
            try await repoll()
            guard FileManager.default.fileExists(atPath: staged.path) else {
                throw ProviderFailure.malformed("the operation no longer holds inline video \(index)")
            }
        }
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
            try FileManager.default.moveItem(at: staged, to: destination)
        } catch {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unwritable",
                                                    message: "cannot move the video into \(destination.path): \(error.localizedDescription)",
                                                    fix: "check the permissions and free space of the media folder"))
        }
        removeIfDone(folder)
        if let known = Self.known.withLock({ $0.removeValue(forKey: staged.path) }) {
            return DownloadedFile(path: destination.path, bytes: known.bytes, sha256: known.sha256)
        }
        return try Self.describe(destination)
    }

    /// Removes an operation's folder once only part files of killed writers are left in it.
    func removeIfDone(_ folder: URL) {
        guard let left = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
              left.allSatisfy({ $0.hasSuffix(".part") }) else { return }
        try? FileManager.default.removeItem(at: folder)
    }

    private static let known = LockedBox<[String: DownloadedFile]>([:])

    /// Size and sha256 of a file, read in pieces.
    static func describe(_ url: URL) throws -> DownloadedFile {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unreadable", message: "cannot read \(url.path)",
                                                    fix: "check the permissions of the media folder"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hasher.update(data: piece)
            size += piece.count
        }
        let digest = hasher.finalize().hexString
        return DownloadedFile(path: url.path, bytes: size, sha256: digest)
    }
}
