import Hummingbird

/// Turns Hummingbird's own errors (no route, body too large, …) into Google-format error
/// bodies, e.g. 404 `No route for GET /v1beta/files/…` as the recorded fake server answers.
struct GoogleErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let rules: ServerRules

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let code = Int(error.status.code)
            let answer: GoogleAPIError
            if code == 404 || code == 405 {
                answer = GoogleAPIError(rule: rules.rule("route.not_found"), [
                    "method": request.method.rawValue, "path": request.uri.path,
                ])
            } else {
                var generic = GoogleAPIError(rule: rules.rule("body.invalid_json"), ["detail": ""])
                generic.httpStatus = code
                generic.status = Self.statusName(code)
                generic.message = code == 413 ? "Request payload size exceeds the limit." : "\(error.status.reasonPhrase)"
                answer = generic
            }
            return Reply.error(answer).response()
        }
    }

    /// The google.rpc status name for an HTTP status.
    static func statusName(_ code: Int) -> String {
        switch code {
        case 400, 413: return "INVALID_ARGUMENT"
        case 401: return "UNAUTHENTICATED"
        case 403: return "PERMISSION_DENIED"
        case 404: return "NOT_FOUND"
        case 409: return "ABORTED"
        case 429: return "RESOURCE_EXHAUSTED"
        case 501: return "UNIMPLEMENTED"
        case 503: return "UNAVAILABLE"
        case 504: return "DEADLINE_EXCEEDED"
        default: return code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION"
        }
    }
}
