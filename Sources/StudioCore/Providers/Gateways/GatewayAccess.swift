import Foundation

/// Where a gateway is and the key it takes (`Authorization: Bearer <key>` on every route).
public struct GatewayAccess: Sendable, Hashable {
    /// Scheme, host and port (and any path prefix) without a trailing slash.
    public var baseURL: String
    let apiKey: String

    public init(baseURL: String, apiKey: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
    }

    /// The environment variable holding a gateway's key: `VEO_STUDIO_<ID>_API_KEY`, upper case, `-` → `_`.
    public static func keyVariable(_ id: String) -> String {
        "VEO_STUDIO_\(id.uppercased().replacingOccurrences(of: "-", with: "_"))_API_KEY"
    }

    /// `baseURL` + `path` (a path starting with `/`).
    public func url(_ path: String) -> String { baseURL + path }

    /// The headers of a JSON request: content type, the key, the client.
    public var headers: [WireRequest.Header] {
        [.init(name: "Content-Type", value: "application/json"),
         .init(name: "Authorization", value: "Bearer \(apiKey)"),
         .init(name: "User-Agent", value: "veo-studio/\(StudioVersion.current)")]
    }

    /// A body-less `GET` with the key.
    public func get(_ path: String) -> WireRequest {
        WireRequest(method: "GET", url: url(path), headers: headers.filter { $0.name != "Content-Type" }, body: nil)
    }

    /// Only downloads from the gateway's own host carry the key; a link elsewhere is fetched bare.
    public func download(_ link: String) -> WireRequest {
        let own = URL(string: link)?.host == URL(string: baseURL)?.host && URL(string: link)?.port == URL(string: baseURL)?.port
        return WireRequest(method: "GET", url: link,
                           headers: own ? headers.filter { $0.name != "Content-Type" } : [.init(name: "User-Agent", value: "veo-studio/\(StudioVersion.current)")],
                           body: nil)
    }
}
