import Foundation
import Hummingbird

/// A header name (HTTPTypes' `HTTPField.Name`, reached through Hummingbird's re-export).
typealias HTTPFieldName = HTTPFields.Element.Name

/// What a handler answers, before faults may damage it.
enum Reply: Sendable {
    /// A JSON answer.
    case json(status: Int, body: JSONValue, headers: [(name: String, value: String)])
    /// A file's bytes with their content type (an MP4, or a stored object).
    case file(URL, contentType: String)
    /// A response built by the handler (a streamed answer); faults do not damage it.
    case prepared(Response)

    /// An MP4 file.
    static func video(_ url: URL) -> Reply {
        .file(url, contentType: "video/mp4")
    }

    /// A JSON 200.
    static func ok(_ body: JSONValue) -> Reply {
        .json(status: 200, body: body, headers: [])
    }

    /// A Google-format error.
    static func error(_ error: GoogleAPIError) -> Reply {
        .json(status: error.httpStatus, body: error.body, headers: error.headers)
    }

    /// The HTTP response, damaged by a `truncated` or `malformed` fault when asked.
    func response(damage: FaultKind? = nil) -> Response {
        switch self {
        case .json(let status, let body, let extra):
            var text = body.serialized()
            switch damage {
            case .truncated?: text = String(text.prefix(text.count / 2))
            case .malformed?: text = String(text.prefix(text.count / 2)) + " <<malformed by the emulator>>"
            default: break
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=UTF-8"
            for header in extra {
                if let name = HTTPFieldName(header.name) { headers[name] = header.value }
            }
            return Response(
                status: Self.status(status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        case .prepared(let response):
            return response
        case .file(let url, let contentType):
            guard let data = try? Data(contentsOf: url) else {
                return Reply.json(
                    status: 500,
                    body: GoogleAPIError.internalError("the file could not be read").body, headers: []
                ).response()
            }
            if damage == .malformed {
                return Reply.json(status: 200, body: .object(["error": "video unavailable"]), headers: []).response(damage: .malformed)
            }
            var headers = HTTPFields()
            headers[.contentType] = contentType
            if damage == .truncated {
                // Announce every byte, send half, then fail the write so the connection closes.
                let half = data.prefix(data.count / 2)
                headers[.connection] = "close"
                headers[.contentLength] = String(data.count)
                return Response(
                    status: .ok, headers: headers,
                    body: ResponseBody(contentLength: data.count) { writer in
                        try await writer.write(ByteBuffer(bytes: half))
                        throw TruncatedAnswer()
                    })
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// Thrown mid-body to cut a download short.
    struct TruncatedAnswer: Error {}

    /// An HTTP status with its standard reason phrase.
    static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: return .ok
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 413: return .contentTooLarge
        case 429: return .tooManyRequests
        case 500: return .internalServerError
        case 503: return .serviceUnavailable
        default: return HTTPResponse.Status(code: code)
        }
    }
}

extension GoogleAPIError {
    /// A 500 INTERNAL answer with `message`.
    static func internalError(_ message: String) -> GoogleAPIError {
        var error = GoogleAPIError(rule: Rule(
            id: "internal", stage: "any", http: 500, status: "INTERNAL", code: 13,
            message: "Internal error encountered.", source: "emulator", asOf: ""))
        error.message = "Internal error encountered: \(message)"
        return error
    }
}
