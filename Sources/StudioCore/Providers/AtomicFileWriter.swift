import Crypto
import Foundation

/// Writes a file as a hidden `.<name>.<random>.part` beside it, hashing as it goes; `commit()` fsyncs
/// and renames it into place, `abandon()` removes the part file. No half-written file ever carries
/// the final name, and two writers of the same file (two processes) never write into one part file.
public final class AtomicFileWriter: @unchecked Sendable {
    public let destination: URL
    public let partURL: URL
    private let handle: FileHandle
    private var hasher: SHA256?
    public private(set) var bytesWritten = 0

    /// `hashing: false` when the content's hash is known already (a stored input): the committed
    /// file then reports no sha256.
    public init(destination: URL, hashing: Bool = true) throws {
        self.destination = destination
        self.hasher = hashing ? SHA256() : nil
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
        Self.removeStaleParts(of: destination)
        // Created here and only here (O_EXCL): no other writer shares the part file.
        let descriptor = open(partURL.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unwritable",
                                                    message: "cannot write \(partURL.path): \(String(cString: strerror(errno)))",
                                                    fix: "check the permissions and free space of the media folder"))
        }
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// A local failure (a full disk, a read-only folder) is the user's to fix, not the network's:
    /// it is reported as such and not retried at once.
    public func write(_ data: Data) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw unwritable(error)
        }
        hasher?.update(data: data)
        bytesWritten += data.count
    }

    /// fsync, close, rename into place; returns what the journal records.
    public func commit() throws -> DownloadedFile {
        do {
            try handle.synchronize()
            try handle.close()
            // rename(2) replaces a file already at the destination in one step: the name always
            // holds a whole file, the old one or the new.
            guard rename(partURL.path, destination.path) == 0 else {
                throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
            }
        } catch {
            throw unwritable(error)
        }
        return DownloadedFile(path: destination.path, bytes: bytesWritten, sha256: hasher?.finalize().hexString ?? "")
    }

    /// Part files an earlier writer of the same destination left when its process was killed. A job
    /// has one owner at a time, so no live writer holds them.
    static func removeStaleParts(of destination: URL) {
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix(".part") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    private func unwritable(_ error: Error) -> ProviderFailure {
        let system = error as NSError
        let reason = system.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(system.code))) : system.localizedDescription
        return .local(StudioError(field: "media", code: "media.unwritable",
                                  message: "cannot write the video into \(destination.deletingLastPathComponent().path): \(reason)",
                                  fix: "free space on that disk (or make the folder writable), then run veo-studio resume"))
    }

    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: partURL)
    }
}
