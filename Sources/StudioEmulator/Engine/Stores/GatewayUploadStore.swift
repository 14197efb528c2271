import Foundation

/// The reference images the URL-taking gateways are given (`PUT /_emulator/uploads/{name}`), as
/// files under `uploads/` in the work directory; safe from any task since each write is atomic.
struct GatewayUploadStore: Sendable {
    let directory: URL

    /// Where upload `name` is kept.
    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Stores an upload's bytes.
    func store(name: String, data: Data) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try AtomicFile.write(data, to: url(name))
    }

    /// The bytes of an upload, if it exists.
    func data(named name: String) -> Data? {
        guard UploadName.isValid(name) else { return nil }
        return try? Data(contentsOf: url(name))
    }
}
