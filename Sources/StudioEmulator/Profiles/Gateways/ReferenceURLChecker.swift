import Foundation

/// Checks an image URL given to a URL-taking gateway: http(s) only; a URL on the emulator's own
/// host must name an existing upload that is an image (its bytes are used for rendering); any
/// other host is accepted unchecked (the emulator has no network) and rendered with a placeholder.
struct ReferenceURLChecker: Sendable {
    let engine: EmulatorEngine
    /// `host:port` the request came to.
    let ownAuthority: String

    /// Why a URL is refused.
    struct Refusal: Error, Sendable {
        var detail: String
    }

    /// The image bytes to render with, or why the URL is refused.
    func image(at text: String) throws(Refusal) -> Data {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw Refusal(detail: "not an absolute URL") }
        guard scheme == "http" || scheme == "https" else { throw Refusal(detail: "only http and https URLs are accepted") }
        let authority = components.port.map { "\(host):\($0)" } ?? host
        guard authority.lowercased() == ownAuthority.lowercased() else { return GatewaySupport.placeholderImage }
        let prefix = "/_emulator/uploads/"
        guard components.path.hasPrefix(prefix) else { throw Refusal(detail: "404 Not Found") }
        let name = String(components.path.dropFirst(prefix.count))
        guard let data = engine.gatewayUploads.data(named: name) else { throw Refusal(detail: "404 Not Found") }
        guard GatewaySupport.imageType(data) != nil else { throw Refusal(detail: "the file is not a PNG, JPEG, WebP or GIF image") }
        return data
    }
}
