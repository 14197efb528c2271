import Foundation
import Hummingbird

/// Records every request outside `/_emulator/` (method, path, query, headers with secrets
/// redacted, parsed JSON body) and the status it was answered with. Bodies that are not JSON
/// by their `Content-Type` (uploads, the token form with its signed assertion) are counted, not kept.
struct RequestRecorderMiddleware<Context: RequestContext>: RouterMiddleware {
    let engine: EmulatorEngine

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/_emulator") else { return try await next(request, context) }
        var request = request
        let buffer = try await request.collectBody(upTo: RouteSupport.maxBodyBytes)
        let bytes = Array(buffer.readableBytesView)
        var body: JSONValue?
        var bodyError: String?
        let contentType = request.headers[.contentType]?.lowercased()
        let isJSON = contentType.map { $0.contains("json") } ?? true
        if isJSON, !bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            do {
                body = RecordedRequest.abbreviate(try JSONValue(parsing: bytes))
            } catch {
                bodyError = error.reason
            }
        }
        let query = request.uri.queryParameters.map { item -> (name: String, value: String) in
            let name = String(item.key)
            return (name, name == "key" ? RecordedRequest.redacted(String(item.value)) : String(item.value))
        }
        let headers = request.headers.map { field -> (name: String, value: String) in
            let name = field.name.canonicalName
            return (name, RecordedRequest.secretHeaders.contains(name) ? RecordedRequest.redacted(field.value) : field.value)
        }
        let recorded = RecordedRequest(
            sequence: 0, receivedAt: engine.clock.now(), method: request.method.rawValue, path: request.uri.path,
            query: query, headers: headers, body: body, bodyBytes: bytes.count, bodyError: bodyError, status: nil)
        let sequence = await engine.record(recorded)
        do {
            let response = try await next(request, context)
            await engine.recordStatus(Int(response.status.code), sequence: sequence)
            return response
        } catch let error as any HTTPResponseError {
            await engine.recordStatus(Int(error.status.code), sequence: sequence)
            throw error
        } catch {
            await engine.recordStatus(500, sequence: sequence)
            throw error
        }
    }
}
