/// Several token sources in the order gcloud users expect; the first that gives a token wins,
/// and when none does, one message says what was tried and how to fix each.
public struct TokenSourceChain: AccessTokenSource {
    public let sources: [AccessTokenSource]

    public init(_ sources: [AccessTokenSource]) { self.sources = sources }

    public var origin: String { sources.map(\.origin).joined(separator: ", then ") }
    public var fix: String { sources.first?.fix ?? "" }

    public func token(renew: Bool) async throws -> String {
        var problems: [StudioError] = []
        for source in sources {
            do {
                return try await source.token(renew: renew)
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
