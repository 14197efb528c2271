import Foundation

/// Finds Vertex AI credentials the way gcloud users have them:
/// 1. `GOOGLE_APPLICATION_CREDENTIALS`: a service-account key file (signed JWT exchanged for tokens);
/// 2. `gcloud auth print-access-token`, when gcloud is on `PATH`;
/// 3. `GOOGLE_OAUTH_ACCESS_TOKEN`, a token given as is.
/// A key file, when set, is the only source (it is what the user asked for); gcloud and the
/// environment token are tried in turn.
public enum VertexCredentials {
    /// How to give credentials when none are found.
    public static let fix = "export GOOGLE_APPLICATION_CREDENTIALS=/path/to/service-account-key.json, or install gcloud and run gcloud auth login, or export GOOGLE_OAUTH_ACCESS_TOKEN=\"$(gcloud auth print-access-token)\""

    /// The token source, and the service-account key when one is used (it may name the project).
    public static func resolve(environment: [String: String], transport: HTTPTransport = HTTPTransport(),
                               clock: any StudioClock = SystemClock()) throws -> (source: AccessTokenSource, key: ServiceAccountKey?) {
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            let key = try ServiceAccountKey.load(path: path)
            return (ServiceAccountTokenSource(key: key, path: path, transport: transport, clock: clock), key)
        }
        var sources: [AccessTokenSource] = []
        if let gcloud = ExecutableSearch.find("gcloud", environment: environment) {
            sources.append(GcloudTokenSource(executable: gcloud, clock: clock))
        }
        if let token = environment["GOOGLE_OAUTH_ACCESS_TOKEN"], !token.isEmpty {
            sources.append(StaticTokenSource(token: token, origin: "GOOGLE_OAUTH_ACCESS_TOKEN",
                                             fix: "export a fresh token: export GOOGLE_OAUTH_ACCESS_TOKEN=\"$(gcloud auth print-access-token)\""))
        }
        guard !sources.isEmpty else {
            throw StudioError(field: "credentials", code: "credentials.missing",
                              message: "no credentials for Vertex AI: GOOGLE_APPLICATION_CREDENTIALS is not set, gcloud is not on PATH, GOOGLE_OAUTH_ACCESS_TOKEN is not set",
                              fix: fix)
        }
        return (sources.count == 1 ? sources[0] : TokenSourceChain(sources), nil)
    }
}
