import Foundation

/// Where Vertex AI requests go, resolved from flags, then the environment the SDK reads
/// (`GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION`, `GOOGLE_CLOUD_QUOTA_PROJECT`), then
/// `[providers.vertex]` in the config file, then the service-account key's project. With no project
/// but an API key (`api_key` under `[providers.vertex]`, or `GOOGLE_API_KEY` with
/// `GOOGLE_GENAI_USE_VERTEXAI=true`, as the SDK reads them) it is express mode; a project wins over a
/// key, as in the SDK.
public struct VertexSettings: Sendable, Hashable {
    /// The location used when none is given (the SDK has none; this is Veo's most available region).
    public static let defaultLocation = "us-central1"

    /// nil in express mode.
    public var project: String?
    public var location: String
    public var apiVersion: String
    public var baseURL: String?
    public var quotaProject: String?
    /// The API key of express mode (no project).
    public var expressKey: String?

    public init(project: String?, location: String = Self.defaultLocation, apiVersion: String = VertexEndpoint.defaultAPIVersion,
                baseURL: String? = nil, quotaProject: String? = nil, expressKey: String? = nil) {
        self.project = project
        self.location = location
        self.apiVersion = apiVersion
        self.baseURL = baseURL
        self.quotaProject = quotaProject
        self.expressKey = expressKey
    }

    /// The endpoint these settings describe.
    public var endpoint: VertexEndpoint {
        VertexEndpoint(project: project, location: location, apiVersion: apiVersion, baseURL: baseURL)
    }

    public static func resolve(project: String?, location: String?, baseURL: String?, environment: [String: String],
                               config: StudioConfig.ProviderSettings, key: ServiceAccountKey?) throws -> VertexSettings {
        func first(_ values: String?...) -> String? { values.lazy.compactMap { $0 }.first { !$0.isEmpty } }
        let resolvedProject = first(project, environment["GOOGLE_CLOUD_PROJECT"], config.project, key?.projectID)
        let usesVertexEnvironment = ["true", "1"].contains(environment["GOOGLE_GENAI_USE_VERTEXAI"]?.lowercased() ?? "")
        let expressKey = first(config.apiKey, usesVertexEnvironment ? environment["GOOGLE_API_KEY"] : nil)
        guard resolvedProject != nil || expressKey != nil else {
            throw StudioError(field: "project", code: "vertex.project_missing",
                              message: "Vertex AI needs a Google Cloud project (or an express-mode API key)",
                              fix: "pass --project PROJECT, export GOOGLE_CLOUD_PROJECT=PROJECT, or set project under [providers.vertex] in the config file; for express mode set api_key there")
        }
        let resolvedLocation = first(location, environment["GOOGLE_CLOUD_LOCATION"], config.location) ?? defaultLocation
        guard resolvedLocation.range(of: "^[a-z0-9-]+$", options: .regularExpression) != nil else {
            throw StudioError(field: "location", code: "vertex.location_invalid",
                              message: "\"\(resolvedLocation)\" is not a Google Cloud location",
                              fix: "use a region such as us-central1 or europe-west4, or global")
        }
        return VertexSettings(project: resolvedProject, location: resolvedLocation,
                              apiVersion: first(config.apiVersion) ?? VertexEndpoint.defaultAPIVersion,
                              baseURL: first(baseURL, config.baseURL),
                              quotaProject: first(environment["GOOGLE_CLOUD_QUOTA_PROJECT"], config.quotaProject, key?.quotaProjectID),
                              expressKey: resolvedProject == nil ? expressKey : nil)
    }
}
