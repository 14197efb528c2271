import Foundation

/// What survives a restart when a state directory is set.
struct PersistedState: Sendable, Codable {
    var version = 1
    var operations: [OperationRecord] = []
    var files: [FileRecord] = []
    /// Cloud Storage objects (absent in state files written before the Vertex profile).
    var objects: [StoredObject]?
    /// Access tokens the token endpoint issued (absent in older state files).
    var tokens: [IssuedToken]?
    /// Interactions (absent in state files written before the Interactions profile).
    var interactions: [InteractionRecord]?
    /// Files uploaded through the Files API (absent in older state files).
    var uploadedFiles: [UploadedFile]?
}

/// Reads and writes `state.json` in the state directory (MP4s, inputs and uploaded objects live beside it).
struct StateStore: Sendable {
    let directory: URL

    var stateFile: URL { directory.appendingPathComponent("state.json") }

    /// The state file's size and modification time: a change is another process's write.
    struct Stamp: Hashable, Sendable {
        var size: Int
        var modified: Date
    }

    /// The state file's stamp now (nil while there is none).
    func stamp() -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: stateFile.path),
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else { return nil }
        return Stamp(size: size, modified: modified)
    }

    /// Runs `body` holding the directory's lock (`state.lock`), so two processes' emulators never
    /// read and write the state file at the same time.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        let descriptor = open(directory.appendingPathComponent("state.lock").path, O_RDWR | O_CREAT, 0o644)
        if descriptor >= 0 { flock(descriptor, LOCK_EX) }
        defer {
            if descriptor >= 0 {
                flock(descriptor, LOCK_UN)
                close(descriptor)
            }
        }
        return try body()
    }

    /// The stored state, or nil when the directory holds none yet.
    func load() throws -> PersistedState? {
        guard FileManager.default.fileExists(atPath: stateFile.path) else { return nil }
        let data = try Data(contentsOf: stateFile)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(PersistedState.self, from: data)
        } catch {
            throw EmulatorSetupError(
                "the state file \(stateFile.path) cannot be read (\(error)); move it away or use another --state-dir")
        }
    }

    /// Saves `state` atomically.
    func save(_ state: PersistedState) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: stateFile)
    }
}
