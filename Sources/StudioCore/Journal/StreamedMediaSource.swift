import Foundation

/// The asset store as a media source for sending: request bodies name each stored input by a
/// placeholder, and the transport streams the file in base64 in its place
/// (`StreamedRequestBody`), so no input is ever held whole in memory, in base64 or in the
/// encoded body. The bytes sent are the same as with the inputs in the body.
public struct StreamedMediaSource: MediaSource {
    public let store: AssetStore
    /// Unique per request, so a prompt can never hold a placeholder by chance.
    let nonce: String

    public init(store: AssetStore, nonce: String = UUID().uuidString.lowercased()) {
        self.store = store
        self.nonce = nonce
    }

    public func bytes(for media: MediaRef) throws -> Data {
        try store.bytes(for: media)
    }

    public func base64(for media: MediaRef) throws -> String {
        let path = store.location(sha256: media.sha256, mimeType: media.mimeType).path
        guard FileManager.default.fileExists(atPath: path) else { return try store.bytes(for: media).base64EncodedString() }
        return token(for: media)
    }

    /// The request with the payloads its body names: each stored input of `media` whose placeholder it holds.
    public func attach(to request: WireRequest, media: [MediaRef]) -> WireRequest {
        var request = request
        var values: Set<String> = []
        if let body = request.body { Self.collectStrings(body, into: &values) }
        var seen: Set<String> = []
        for ref in media where seen.insert(ref.sha256).inserted {
            let token = token(for: ref)
            guard values.contains(token) || values.contains(where: { $0.contains(token) }) else { continue }
            request.payloads.append(WireRequest.Payload(
                token: token, path: store.location(sha256: ref.sha256, mimeType: ref.mimeType).path, byteCount: ref.byteCount))
        }
        return request
    }

    /// Every string value in `value` (where a placeholder can be).
    private static func collectStrings(_ value: JSONValue, into strings: inout Set<String>) {
        switch value {
        case .string(let text): strings.insert(text)
        case .array(let items): for item in items { collectStrings(item, into: &strings) }
        case .object(let members): for member in members.values { collectStrings(member, into: &strings) }
        default: break
        }
    }

    func token(for media: MediaRef) -> String {
        "veo-studio-payload-\(nonce)-\(media.sha256)"
    }
}
