import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers never see half a file: write a temporary sibling, then rename.
enum AtomicFile {
    /// Writes `data` to `url` atomically.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = temporarySibling(of: url)
        do {
            try data.write(to: temporary)
            try move(temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// A unique temporary name beside `url` (ends in `.part`).
    static func temporarySibling(of url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
    }

    /// Renames `source` over `destination` (atomic on one file system).
    static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw EmulatorSetupError("cannot rename \(source.lastPathComponent) to \(destination.path): errno \(errno)")
        }
    }
}
