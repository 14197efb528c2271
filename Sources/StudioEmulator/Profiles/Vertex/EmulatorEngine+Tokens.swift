import Foundation

extension EmulatorEngine {
    /// Checks `Authorization: Bearer <token>` (Vertex and Cloud Storage routes); returns the token.
    /// A token this emulator issued is accepted until it expires and refused after; any other
    /// token must be in `bearerTokens` (nil accepts any non-empty token).
    func authenticateBearer(_ authorization: String?, service: String) throws(GoogleAPIError) -> String {
        guard let authorization, !authorization.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw unauthenticated("vertex.auth.missing", reason: "CREDENTIALS_MISSING", service: service, invalid: false)
        }
        let parts = authorization.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw unauthenticated("vertex.auth.invalid", reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", service: service, invalid: true)
        }
        let token = parts[1]
        if let expiry = tokens.expiry(of: token) {
            guard expiry > clock.now() else {
                throw unauthenticated("vertex.auth.invalid", reason: "ACCESS_TOKEN_EXPIRED", service: service, invalid: true)
            }
            return token
        }
        if let accepted = options.bearerTokens, !accepted.contains(token) {
            throw unauthenticated("vertex.auth.invalid", reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", service: service, invalid: true)
        }
        return token
    }

    /// Checks the caller of a Vertex AI route that takes either credential: `Authorization: Bearer`
    /// when sent (`authenticateBearer`), otherwise an API key as express-mode clients send it
    /// (`authenticate(apiKey:)`). With neither, the Bearer "missing credential" 401 answers.
    /// Returns the token or key.
    func authenticateVertex(authorization: String?, apiKey: String?, service: String) throws(GoogleAPIError) -> String {
        if authorization == nil, let apiKey {
            return try authenticate(apiKey: apiKey)
        }
        return try authenticateBearer(authorization, service: service)
    }

    private func unauthenticated(_ ruleID: String, reason: String, service: String, invalid: Bool) -> GoogleAPIError {
        var error = GoogleAPIError(rule: rules.rule(ruleID))
        error.details = [GoogleAPIError.errorInfo(reason: reason, service: service)]
        let challenge = "Bearer realm=\"https://accounts.google.com/\""
        error.headers = [("WWW-Authenticate", invalid ? challenge + ", error=\"invalid_token\"" : challenge)]
        return error
    }

    /// Handles `POST /token` (JWT bearer grant): verifies the assertion and issues an access
    /// token valid for `tokenLifetime`; returns it with its lifetime in seconds.
    func issueToken(grantType: String?, assertion: String?) throws(OAuthError) -> (token: String, expiresIn: Int) {
        let jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"
        guard grantType == jwtBearer else {
            throw OAuthError(rule: rules.rule("oauth.unsupported_grant_type"), ["grantType": grantType ?? "(none)"])
        }
        guard let assertion, !assertion.isEmpty else { throw OAuthError(rule: rules.rule("oauth.missing_assertion")) }
        let now = clock.now()
        if verificationKeys.isEmpty { throw OAuthError(rule: rules.rule("oauth.no_key")) }
        let jwt = try JWTAssertion(assertion, rules: rules)
        try jwt.verify(keys: verificationKeys, now: now, rules: rules)
        // A `tokenLifetime` past Int's range (the command line stops at a year) must not trap: it never expires.
        let lifetime = Int(exactly: options.tokenLifetime.timeInterval.rounded()).map { max(1, $0) } ?? Int.max
        let token = IssuedTokens.make()
        tokens.add(token, expiresAt: now.addingTimeInterval(TimeInterval(lifetime)))
        persist()
        logger.debug("issued an access token to \(jwt.claims["iss"]?.stringValue ?? "?") for \(lifetime) s")
        return (token, lifetime)
    }
}
