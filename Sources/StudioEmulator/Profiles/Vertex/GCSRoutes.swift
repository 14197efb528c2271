import Foundation
import Hummingbird

/// The subset of the Cloud Storage JSON API that Vertex outputs and inputs need:
/// - `GET /storage/v1/b/{bucket}/o/{object}?alt=media`: the bytes (faults apply as to downloads)
/// - `GET /storage/v1/b/{bucket}/o/{object}`: metadata
/// - `POST /upload/storage/v1/b/{bucket}/o?uploadType=media&name={object}`: store the body
///
/// The object name is percent-encoded in the path (`veo-out%2Fab12%2Fsample_0.mp4`); plain
/// slashes are accepted too. Every route needs `Authorization: Bearer <token>`.
struct GCSRoutes: Sendable {
    let engine: EmulatorEngine

    /// The service named in authentication errors.
    static let service = "storage.googleapis.com"

    func register(on router: Router<BasicRequestContext>) {
        let gate = FaultGate(engine: engine)
        let engine = self.engine
        router.get("storage/v1/b/{bucket}/o/**") { request, context in
            let bucket = context.parameters.get("bucket") ?? ""
            let name = Self.objectName(in: request.uri.path)
            if request.uri.queryParameters.get("alt") == "media" {
                return try await gate.serve(.download) {
                    do {
                        _ = try await engine.authenticateBearer(
                            RouteSupport.header("authorization", in: request), service: Self.service)
                        let (object, url) = try await engine.objectContent(bucket: bucket, name: name)
                        return .file(url, contentType: object.contentType)
                    } catch let error as GoogleAPIError {
                        return GCSWire.reply(for: error)
                    }
                }
            }
            do {
                _ = try await engine.authenticateBearer(RouteSupport.header("authorization", in: request), service: Self.service)
                let (object, _) = try await engine.objectContent(bucket: bucket, name: name)
                return Reply.ok(GCSWire.metadata(object)).response()
            } catch let error as GoogleAPIError {
                return GCSWire.reply(for: error).response()
            }
        }
        router.post("upload/storage/v1/b/{bucket}/o") { request, context in
            let bucket = context.parameters.get("bucket") ?? ""
            do {
                _ = try await engine.authenticateBearer(RouteSupport.header("authorization", in: request), service: Self.service)
                let uploadType = request.uri.queryParameters.get("uploadType").map { String($0) }
                guard uploadType == "media" else {
                    throw GoogleAPIError(rule: engine.rules.rule("gcs.upload_type"), ["uploadType": uploadType ?? "(none)"])
                }
                guard let name = request.uri.queryParameters.get("name").map({ String($0) }), !name.isEmpty else {
                    throw GoogleAPIError(rule: engine.rules.rule("gcs.missing_name"))
                }
                let data = try await RouteSupport.body(of: request)
                let contentType = RouteSupport.header("content-type", in: request) ?? "application/octet-stream"
                let object = try await engine.upload(bucket: bucket, name: name, data: data, contentType: contentType)
                return Reply.ok(GCSWire.metadata(object)).response()
            } catch let error as GoogleAPIError {
                return GCSWire.reply(for: error).response()
            }
        }
    }

    /// The object name in `/storage/v1/b/{bucket}/o/{name}`, percent-decoded.
    static func objectName(in path: String) -> String {
        guard let marker = path.range(of: "/o/") else { return "" }
        let raw = String(path[marker.upperBound...])
        return raw.removingPercentEncoding ?? raw
    }
}
