import Foundation
import Hummingbird

/// The Gemini API's Files API, shared by the `gemini` and `interactions` profiles (registered once):
/// - `GET  /{ver}/files/{id}:download?alt=media`: a generated video's MP4
/// - `GET  /{ver}/files/{id}`: file metadata (interactions profile)
/// - `POST /upload/{ver}/files`: resumable upload; `x-goog-upload-command: start` answers
///   `x-goog-upload-url`, then `upload[, finalize]` to that URL stores the bytes (interactions profile)
struct FilesRoutes: Sendable {
    let engine: EmulatorEngine
    let versions: [String]

    /// The versions served by the profiles in `profiles` that use the Files API.
    static func versions(engine: EmulatorEngine) -> [String] {
        var versions: [String] = []
        let lists = [engine.profileRules[.gemini]?.apiVersions, engine.interactionsRules?.apiVersions]
        for version in lists.compactMap({ $0 }).joined() where !versions.contains(version) { versions.append(version) }
        return versions
    }

    func register(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine)
        let engine = self.engine
        let servesMetadata = engine.interactionsRules != nil
        for version in versions {
            router.group(RouterPath(version)).get("files/{fileAction}") { request, context in
                let segment = context.parameters.get("fileAction") ?? ""
                if let (fileID, action) = RouteSupport.splitAction(segment) {
                    guard action == "download" else { throw HTTPError(.notFound) }
                    return try await gate.serve(.download) {
                        _ = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                        let file = try await engine.downloadableFile(id: fileID)
                        return .video(await engine.servedVideo(file))
                    }
                }
                guard servesMetadata else { throw HTTPError(.notFound) }
                return try await gate.serve(.poll) {
                    let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
                    return .ok(try await engine.fileMetadata(id: segment, apiKey: key))
                }
            }
            guard servesMetadata else { continue }
            router.group(RouterPath("upload/\(version)")).post("files") { request, _ in
                try await gate.serve(.submit) { try await Self.upload(request, version: version, engine: engine) }
            }
        }
    }

    /// One step of a resumable upload.
    private static func upload(_ request: Request, version: String, engine: EmulatorEngine) async throws -> Reply {
        let command = (RouteSupport.header("x-goog-upload-command", in: request) ?? "").lowercased()
        let steps = Set(command.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let body = try await RouteSupport.body(of: request)
        if let session = request.uri.queryParameters.get("upload_id") {
            // The upload URL is the capability: the SDK sends the bytes without the key.
            guard steps.contains("upload") || steps.contains("finalize") else {
                throw GoogleAPIError(rule: engine.rules.rule("files.upload.protocol"))
            }
            let offset = RouteSupport.header("x-goog-upload-offset", in: request).flatMap { Int($0) }
            guard
                let file = try await engine.continueUpload(
                    session: String(session), offset: offset, data: body, finalize: steps.contains("finalize"))
            else {
                return .json(status: 200, body: .object([]), headers: [("x-goog-upload-status", "active")])
            }
            let base = engine.interactionsRules?.fileURIBase ?? ""
            return .json(
                status: 200, body: .object(["file": FilesWire.uploaded(file, base: base)]),
                headers: [("x-goog-upload-status", "final")])
        }
        let key = try engine.authenticate(apiKey: RouteSupport.apiKey(request))
        guard RouteSupport.header("x-goog-upload-protocol", in: request)?.lowercased() == "resumable", steps == ["start"] else {
            throw GoogleAPIError(rule: engine.rules.rule("files.upload.protocol"))
        }
        let metadata = body.isEmpty ? nil : try? JSONValue(parsing: body)
        let session = await engine.startUpload(
            apiVersion: version, apiKey: key, metadata: metadata,
            headerMimeType: RouteSupport.header("x-goog-upload-header-content-type", in: request))
        let url = GatewaySupport.baseURL(request, engine: engine) + "/upload/\(version)/files?upload_id=\(session)&upload_protocol=resumable"
        return .json(status: 200, body: .object([]), headers: [("x-goog-upload-url", url), ("x-goog-upload-status", "active")])
    }
}
