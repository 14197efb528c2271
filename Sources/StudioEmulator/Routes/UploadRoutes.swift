import Foundation
import Hummingbird

/// `PUT /_emulator/uploads/{name}` stores the body and answers `{"url": absolute URL}`;
/// `GET /_emulator/uploads/{name}` serves it. Gateways that take image URLs read these uploads
/// when a URL points at the emulator itself.
struct UploadRoutes: Sendable {
    let engine: EmulatorEngine

    func register(on router: Router<BasicRequestContext>) {
        let group = router.group("_emulator/uploads")
        group.put("{name}") { request, context in
            let name = context.parameters.get("name") ?? ""
            guard UploadName.isValid(name) else { return Self.badRequest("invalid upload name '\(name)'") }
            let data = try await RouteSupport.body(of: request)
            do {
                try engine.gatewayUploads.store(name: name, data: data)
            } catch {
                return Reply.error(.internalError("cannot store the upload: \(error)")).response()
            }
            let url = GatewaySupport.baseURL(request, engine: engine) + "/_emulator/uploads/" + name
            return Reply.ok(.object(["url": .string(url), "bytes": .int(data.count)])).response()
        }
        group.get("{name}") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let data = engine.gatewayUploads.data(named: name) else {
                throw HTTPError(.notFound)
            }
            var headers = HTTPFields()
            headers[.contentType] = GatewaySupport.imageType(data) ?? "application/octet-stream"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    private static func badRequest(_ message: String) -> Response {
        var error = GoogleAPIError.internalError(message)
        error.httpStatus = 400
        error.status = "INVALID_ARGUMENT"
        error.message = message
        return Reply.error(error).response()
    }
}
