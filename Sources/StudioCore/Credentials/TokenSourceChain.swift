/// Several token sources in the order gcloud users expect; the first that gives a token wins,
/// and when none does, one message says what was tried and how to fix each.
public actor TokenSourceChain: AccessTokenSource {
    public nonisolated let sources: [AccessTokenSource]
    private var last: AccessTokenSource?

    public init(_ sources: [AccessTokenSource]) { self.sources = sources }

    public nonisolated var origin: String { sources.map(\.origin).joined(separator: ", then ") }
    public nonisolated var fix: String { sources.first?.fix ?? "" }

    public func lastTokenOrigin() async -> (origin: String, fix: String) {
        guard let last else { return (origin, fix) }
        return (last.origin, last.fix)
    }

    public func token(renew: Bool) async throws -> String {
        var problems: [StudioError] = []
        for source in sources {
            do {
                let token = try await source.token(renew: renew)
                last = source
                return token
            } catch let error as StudioError {
                problems.append(error)
            }
        }
        guard problems.count > 1 else {
            throw problems.first ?? StudioError(field: "credentials", code: "credentials.missing",
                                                message: "no credential source for Vertex AI", fix: VertexCredentials.fix)
        }
        throw StudioError(field: "credentials", code: problems.last?.code ?? "credentials.unavailable",
                          message: "no token for Vertex AI: " + problems.map(\.message).joined(separator: "; "),
                          fix: problems.map(\.fix).joined(separator: "; or "))
    }
}
