import Foundation

/// Uploads an input video to the Gemini API's Files API the way the SDK does: a resumable start
/// (`POST /upload/{ver}/files`, `x-goog-upload-*` headers) answered with an upload URL, then one
/// `upload, finalize` with the bytes; the file is used once its state is `ACTIVE`.
public struct FilesAPIUploader: Sendable {
    /// How many times a `PROCESSING` file is looked at again before giving up.
    public static let activeChecks = 60
    let endpoint: InteractionsEndpoint
    let headers: [WireRequest.Header]
    let transport: HTTPTransport
    /// Waits between two looks at a processing file (injected so tests never sleep).
    let pause: @Sendable (Double) async throws -> Void

    public init(endpoint: InteractionsEndpoint, headers: [WireRequest.Header], transport: HTTPTransport,
                pause: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.endpoint = endpoint
        self.headers = headers.filter { $0.name.lowercased() != "content-type" }
        self.transport = transport
        self.pause = pause
    }

    /// Uploads `bytes` and returns the file's URI once it is `ACTIVE`.
    public func upload(_ bytes: Data, mimeType: String, displayName: String) async throws -> String {
        var start = WireRequest(method: "POST", url: endpoint.uploadURL, headers: headers + [
            .init(name: "Content-Type", value: "application/json"),
            .init(name: "x-goog-upload-protocol", value: "resumable"),
            .init(name: "x-goog-upload-command", value: "start"),
            .init(name: "x-goog-upload-header-content-length", value: "\(bytes.count)"),
            .init(name: "x-goog-upload-header-content-type", value: mimeType),
        ], body: .object(["file": .object(["mime_type": .string(mimeType), "size_bytes": .number(Double(bytes.count)),
                                           "display_name": .string(displayName)])]))
        let started = try await transport.execute(start)
        guard (200..<300).contains(started.status.code) else { throw await HTTPTransport.failure(of: started, stage: .submit) }
        _ = try? await started.body.collect(upTo: 1 << 16)
        guard let sessionURL = started.headers.first(name: "x-goog-upload-url"), !sessionURL.isEmpty else {
            throw ProviderFailure.malformed("the Files API start answered no x-goog-upload-url")
        }
        // The upload URL is the capability: like the SDK, no key goes to it (it may name another host).
        let plain = headers.filter { !WireRequest.secretHeaders.contains($0.name.lowercased()) }
        start = WireRequest(method: "POST", url: sessionURL, headers: plain + [
            .init(name: "x-goog-upload-protocol", value: "resumable"),
            .init(name: "x-goog-upload-command", value: "upload, finalize"),
            .init(name: "x-goog-upload-offset", value: "0"),
        ], body: nil)
        let answer = try await transport.sendJSON(start, rawBody: bytes, stage: .submit)
        let file = answer["file"] ?? answer
        guard let name = file["name"]?.stringValue, let uri = file["uri"]?.stringValue else {
            throw ProviderFailure.malformed("the Files API upload answered no file name and uri")
        }
        try await waitUntilActive(name: name, state: file["state"]?.stringValue)
        return uri
    }

    /// Looks at a file until it is `ACTIVE`; `FAILED` or too long `PROCESSING` is an error.
    public func waitUntilActive(name: String, state: String?) async throws {
        var state = state ?? "PROCESSING"
        var checks = 0
        while state != "ACTIVE" {
            if state == "FAILED" {
                throw ProviderFailure.local(StudioError(field: "video", code: "upload.failed",
                                                        message: "the Files API could not process the uploaded video (\(name) is FAILED)",
                                                        fix: "check that the file is a playable MP4, then submit again"))
            }
            checks += 1
            guard checks <= Self.activeChecks else {
                throw ProviderFailure.local(StudioError(field: "video", code: "upload.still_processing",
                                                        message: "the uploaded video \(name) was still \(state) after \(Self.activeChecks) looks",
                                                        fix: "submit again in a minute"))
            }
            try await pause(2)
            state = try await self.state(of: name)
        }
    }

    /// A Files API file's `state` (`PROCESSING`, `ACTIVE`, `FAILED`).
    public func state(of name: String) async throws -> String {
        let id = GeminiAPIProvider.fileID(in: name) ?? name
        let answer = try await transport.sendJSON(WireRequest(method: "GET", url: endpoint.fileURL(id), headers: headers, body: nil),
                                                  stage: .poll)
        return (answer["file"] ?? answer)["state"]?.stringValue ?? "ACTIVE"
    }
}
