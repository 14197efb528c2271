import Foundation

/// Turns input images into the URLs a gateway takes (task-relay, comet-chat). A web address is sent
/// as it is; a local file is uploaded — by the user's `upload_command` (a command given the file's
/// path that prints its URL), or on a sandbox to the emulator's own upload route. Without either,
/// a local file is refused, naming the setting.
public struct ImageUploader: Sendable {
    /// How local files become URLs.
    public enum Method: Sendable, Hashable {
        /// Not configured: local files are refused.
        case none
        /// A command run through `/bin/sh` with the file's path as its last argument.
        case command(String)
        /// The emulator's `PUT /_emulator/uploads/{name}` (the gateway sandboxes).
        case emulator(baseURL: String)
    }

    public var method: Method
    /// The provider whose config section holds the command (named in messages).
    public var provider: String
    let transport: HTTPTransport

    /// `provider` is the provider id; a sandbox's messages name its gateway's config section.
    public init(method: Method, provider: String, transport: HTTPTransport = HTTPTransport()) {
        self.method = method
        self.provider = provider.hasSuffix("-sandbox") ? String(provider.dropLast("-sandbox".count)) : provider
        self.transport = transport
    }

    /// The spec with every local image replaced by its uploaded URL (same content address).
    public func resolve(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec {
        var resolved = spec
        if let image = spec.image { resolved.image = try await upload(image, field: "image", media: media) }
        if let last = spec.lastFrame { resolved.lastFrame = try await upload(last, field: "lastFrame", media: media) }
        for index in spec.references.indices {
            resolved.references[index].media = try await upload(spec.references[index].media, field: "referenceImages[\(index)]", media: media)
        }
        return resolved
    }

    /// The URL a request names for an input: its web address, or (for `request` previews, before any
    /// upload) a placeholder naming the file; a local file with no way to upload it is refused.
    public func url(of ref: MediaRef, field: String) throws -> String {
        if let remote = ref.gcsUri {
            guard InputLoader.isWebURL(remote) else {
                throw StudioError(field: field, code: "gateway.url_required",
                                  message: "\(provider) takes images as web addresses; \(remote) is not one",
                                  fix: "give an https:// URL, or a local file it can upload")
            }
            return remote
        }
        if method == .none { throw missing(ref, field: field) }
        return "<URL of \(Self.name(ref)) after upload>"
    }

    private func upload(_ ref: MediaRef, field: String, media: MediaSource) async throws -> MediaRef {
        if ref.gcsUri != nil { return ref }
        var uploaded = ref
        let key = "\(method)\n\(ref.sha256)"
        if let known = Self.uploaded.withLock({ $0[key] }) {
            uploaded.gcsUri = known
            return uploaded
        }
        let bytes: Data
        do {
            bytes = try media.bytes(for: ref)
        } catch {
            throw StudioError(field: field, code: "gateway.upload_failed", message: "cannot read \(Self.name(ref)) from the journal's inputs",
                              fix: "check the data folder's permissions")
        }
        let url: String
        switch method {
        case .none: throw missing(ref, field: field)
        case .command(let command): url = try await runCommand(command, bytes: bytes, ref: ref, field: field)
        case .emulator(let baseURL): url = try await putOnEmulator(baseURL, bytes: bytes, ref: ref, field: field)
        }
        Self.uploaded.withLock { $0[key] = url }
        uploaded.gcsUri = url
        return uploaded
    }

    private func missing(_ ref: MediaRef, field: String) -> StudioError {
        StudioError(field: field, code: "gateway.upload_command_missing",
                    message: "\(provider) takes images as URLs, and \(Self.name(ref)) is a local file",
                    fix: "set upload_command under [providers.\(provider)] in config.toml (a command given the file's path that prints its URL), or give an https:// URL")
    }

    private static func name(_ ref: MediaRef) -> String {
        let name = (ref.originalPath as NSString).lastPathComponent
        return name.isEmpty ? "image-\(ref.sha256.prefix(8))" : name
    }

    private func runCommand(_ command: String, bytes: Data, ref: MediaRef, field: String) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-upload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(Self.name(ref))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try bytes.write(to: file)
        } catch {
            throw StudioError(field: field, code: "gateway.upload_failed", message: "cannot stage \(Self.name(ref)) for upload: \(error.localizedDescription)",
                              fix: "check the free space of the temporary folder")
        }
        let provider = self.provider
        let name = Self.name(ref)
        return try await Task.detached {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(command) \"$1\"", "upload", file.path]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw StudioError(field: field, code: "gateway.upload_failed", message: "upload_command could not start: \(error.localizedDescription)",
                                  fix: "check upload_command under [providers.\(provider)]")
            }
            let printed = out.fileHandleForReading.readDataToEndOfFile()
            let complaint = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let lastLine = String(decoding: printed, as: UTF8.self).split(whereSeparator: \.isNewline).last
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard process.terminationStatus == 0, InputLoader.isWebURL(lastLine) else {
                let said = String(decoding: complaint.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw StudioError(field: field, code: "gateway.upload_failed",
                                  message: "upload_command gave no URL for \(name) (exit \(process.terminationStatus)\(said.isEmpty ? "" : ": \(said)"))",
                                  fix: "make upload_command under [providers.\(provider)] print the file's https:// URL as its last line")
            }
            return lastLine
        }.value
    }

    private func putOnEmulator(_ baseURL: String, bytes: Data, ref: MediaRef, field: String) async throws -> String {
        let name = "\(ref.sha256.prefix(16))-\(Self.name(ref))".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ref.sha256
        let request = WireRequest(method: "PUT", url: "\(baseURL)/_emulator/uploads/\(name)",
                                  headers: [.init(name: "Content-Type", value: ref.mimeType)], body: nil)
        do {
            let answer = try await transport.sendJSON(request, rawBody: bytes, stage: .submit)
            guard let url = answer["url"]?.stringValue, InputLoader.isWebURL(url) else {
                throw ProviderFailure.malformed("the sandbox's upload answer has no url")
            }
            return url
        } catch {
            throw StudioError(field: field, code: "gateway.upload_failed", message: "the sandbox did not take \(Self.name(ref)): \(error)",
                              fix: "try again; the sandbox runs in this process")
        }
    }

    /// URLs already uploaded in this process, by method and content.
    private static let uploaded = LockedBox<[String: String]>([:])
}
