import Crypto
import Foundation

extension EmulatorEngine {
    /// Checks a gateway's `Authorization` header: `Bearer KEY`, or the bare key when `bareKeyAllowed`.
    /// A missing key answers `missingRule`, a key outside `options.apiKeys` answers `invalidRule`.
    nonisolated func authenticateGateway(
        authorization: String?, bareKeyAllowed: Bool, missingRule: String, invalidRule: String
    ) throws(GoogleAPIError) -> String {
        var key = authorization?.trimmingCharacters(in: .whitespaces) ?? ""
        if key.lowercased().hasPrefix("bearer ") || key.lowercased() == "bearer" {
            key = String(key.dropFirst(6)).trimmingCharacters(in: .whitespaces)
        } else if !bareKeyAllowed {
            key = ""
        }
        guard !key.isEmpty else { throw GoogleAPIError(rule: rules.rule(missingRule)) }
        if let accepted = options.apiKeys, !accepted.contains(key) {
            throw GoogleAPIError(rule: rules.rule(invalidRule))
        }
        return key
    }

    /// A gateway task of `profile` with its state now (the first time it is seen done, rendering starts),
    /// and its videos; nil when `profile` has no task `id`.
    func gatewayTask(profile: EmulatorProfile, id: String) async -> (OperationSnapshot, [FileRecord])? {
        guard let record = generations.operations[id], record.profile == profile else { return nil }
        let snapshot = await snapshot(of: record)
        guard snapshot.done else { return (snapshot, []) }
        return (snapshot, generations.videos(of: record))
    }

    /// Video number `index` of a gateway task, if finished and within its link lifetime.
    func gatewayFile(profile: EmulatorProfile, operationID: String, index: Int = 0) -> GatewayFileLookup {
        guard let record = generations.operations[operationID], record.profile == profile else { return .missing }
        let now = clock.now()
        let snapshot = OperationSnapshot(record: record, done: record.isDone(at: now))
        guard snapshot.done, case .videos(let ids, _, _) = record.outcome, ids.indices.contains(index),
            let file = generations.files[ids[index]]
        else { return .notReady(snapshot) }
        guard file.expiresAt > now else {
            try? FileManager.default.removeItem(at: renderer.outputURL(for: file.id))
            return .expired
        }
        return .ready(file)
    }

    /// The MP4 of a file as it is served — a download, or a video inline in an answer — rendered
    /// now if needed; counted for `health` (`videos`), whatever the profile.
    func servedVideo(_ file: FileRecord) async -> URL {
        videosServed += 1
        return await renderer.video(for: file)
    }

    /// The MP4 bytes of a file as it is served (rendered now if needed).
    func videoData(_ file: FileRecord) async -> Data {
        let url = await servedVideo(file)
        return (try? Data(contentsOf: url)) ?? Data()
    }

    /// The sha256 of a file's video, as every profile serves it (`GET /_emulator/files/{id}/sha256`);
    /// nil for a file the emulator does not hold. Not counted as served.
    func videoSHA256(fileID: String) async -> String? {
        guard let file = generations.files[fileID] else { return nil }
        let data = (try? Data(contentsOf: await renderer.video(for: file))) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
