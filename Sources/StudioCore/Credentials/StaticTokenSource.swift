/// A token given as is (`GOOGLE_OAUTH_ACCESS_TOKEN`, or the sandbox's): it cannot be renewed.
public struct StaticTokenSource: AccessTokenSource {
    public let origin: String
    public let fix: String
    private let value: String

    public init(token: String, origin: String, fix: String) {
        self.value = token
        self.origin = origin
        self.fix = fix
    }

    public func token(renew: Bool) async throws -> String { value }
}
