import Crypto
import Foundation

extension EmulatorEngine {
    /// Starts a resumable Files API upload; returns the session id for the upload URL.
    /// `metadata` is the start body's `file` object (snake_case or camelCase keys).
    func startUpload(apiVersion: String, apiKey: String, metadata: JSONValue?, headerMimeType: String?) -> String {
        let file = metadata?["file"]
        let id = uniqueID()
        fileUploads.setSession(UploadSession(
            id: id, ownerDigest: Self.ownerDigest(apiKey),
            displayName: (file?["display_name"] ?? file?["displayName"])?.stringValue,
            mimeType: (file?["mime_type"] ?? file?["mimeType"])?.stringValue ?? headerMimeType,
            apiVersion: apiVersion), id: id)
        return id
    }

    /// Adds a chunk at `offset` to an upload; with `finalize` the file is stored and returned.
    func continueUpload(session id: String, offset: Int?, data: Data, finalize: Bool) throws(GoogleAPIError) -> UploadedFile? {
        guard var session = fileUploads.session(id) else {
            throw GoogleAPIError(rule: rules.rule("files.upload.session"), ["id": id])
        }
        if let offset, offset != session.received.count {
            throw GoogleAPIError(rule: rules.rule("files.upload.offset"), [
                "offset": String(offset), "received": String(session.received.count),
            ])
        }
        session.received.append(data)
        guard finalize else {
            fileUploads.setSession(session, id: id)
            return nil
        }
        fileUploads.setSession(nil, id: id)
        let relative = "uploaded-files/\(id).bin"
        do {
            try FileManager.default.createDirectory(
                at: workDirectory.appendingPathComponent("uploaded-files"), withIntermediateDirectories: true)
            try AtomicFile.write(session.received, to: workDirectory.appendingPathComponent(relative))
        } catch {
            throw GoogleAPIError.internalError("the upload could not be stored: \(error)")
        }
        let now = clock.now()
        let lifetime = interactionsRules?.uploadLifetimeSeconds ?? options.retention.timeInterval
        let mimeType = session.mimeType ?? Self.sniffMimeType(session.received)
        let file = UploadedFile(
            id: id, ownerDigest: session.ownerDigest, displayName: session.displayName, mimeType: mimeType,
            sizeBytes: session.received.count, sha256: Data(SHA256.hash(data: session.received)).base64EncodedString(),
            createdAt: now, expiresAt: now.addingTimeInterval(lifetime), dataPath: relative, apiVersion: session.apiVersion)
        fileUploads[id] = file
        persist()
        return file
    }

    /// `GET /{ver}/files/{id}`: an upload of the caller, or a generated video (`PROCESSING`, then `ACTIVE`).
    func fileMetadata(id: String, apiKey: String) async throws(GoogleAPIError) -> JSONValue {
        let base = interactionsRules?.fileURIBase ?? ""
        let now = clock.now()
        let owner = Self.ownerDigest(apiKey)
        if let upload = fileUploads[id], upload.ownerDigest == owner, upload.expiresAt > now {
            return FilesWire.uploaded(upload, base: base)
        }
        if let file = generations.files[id], file.expiresAt > now, fileBelongs(file, to: owner) {
            let active = file.availableAt <= now
            let size = active ? (try? Data(contentsOf: await renderer.video(for: file)))?.count : nil
            return FilesWire.generated(file, active: active, sizeBytes: size, base: base)
        }
        throw GoogleAPIError(rule: rules.rule("files.not_found"), ["id": id])
    }

    /// Whether a generated file may be read with this key: interactions' outputs by their owner, Veo outputs by anyone.
    private func fileBelongs(_ file: FileRecord, to owner: String) -> Bool {
        if let interaction = interactions[file.operationID] { return interaction.ownerDigest == owner }
        return generations.operations[file.operationID]?.profile == .gemini
    }

    /// The MIME type of common upload bytes (MP4, PNG, JPEG, WebP, GIF), else `application/octet-stream`.
    nonisolated static func sniffMimeType(_ data: Data) -> String {
        if MP4Probe(data).isMP4 { return "video/mp4" }
        return GatewaySupport.imageType(data) ?? "application/octet-stream"
    }
}
