import Crypto
import Foundation

/// Writes a file as a hidden `.<name>.<random>.part` beside it, hashing as it goes; `commit()` fsyncs
/// and renames it into place, `abandon()` removes the part file. No half-written file ever carries
/// the final name, and two writers of the same file (two processes) never write into one part file.
public final class AtomicFileWriter: @unchecked Sendable {
    public let destination: URL
    public let partURL: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    public private(set) var bytesWritten = 0

    public init(destination: URL) throws {
        self.destination = destination
        self.partURL = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unwritable",
                                                    message: "cannot create \(destination.deletingLastPathComponent().path)",
                                                    fix: "check the permissions of the media folder"))
        }
        FileManager.default.createFile(atPath: partURL.path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: partURL.path) else {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unwritable",
                                                    message: "cannot write \(partURL.path)",
                                                    fix: "check the permissions and free space of the media folder"))
        }
        self.handle = handle
    }

    public func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
        hasher.update(data: data)
        bytesWritten += data.count
    }

    /// fsync, close, rename into place; returns what the journal records.
    public func commit() throws -> DownloadedFile {
        try handle.synchronize()
        try handle.close()
        if FileManager.default.fileExists(atPath: destination.path) {
            try FileManager.default.removeItem(at: destination)
        }
        try FileManager.default.moveItem(at: partURL, to: destination)
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return DownloadedFile(path: destination.path, bytes: bytesWritten, sha256: digest)
    }

    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: partURL)
    }
}
