import Foundation
import Hummingbird

/// Helpers the gateway routes share.
enum GatewaySupport {
    /// `http://host:port` as the caller addressed the emulator (for links in answers).
    static func baseURL(_ request: Request, engine: EmulatorEngine) -> String {
        "http://" + authority(request, engine: engine)
    }

    /// `host:port` of the request (`Host` header), else the configured address.
    static func authority(_ request: Request, engine: EmulatorEngine) -> String {
        if let authority = request.head.authority, !authority.isEmpty { return authority }
        if let host = RouteSupport.header("host", in: request) { return host }
        return "\(engine.options.host):\(engine.options.port)"
    }

    /// The MIME type of PNG, JPEG, WebP or GIF bytes; nil for anything else.
    static func imageType(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return nil
    }

    /// A Google `{"bytesBase64Encoded","mimeType"}` image object.
    static func googleImage(_ data: Data) -> JSONValue {
        .object([
            "bytesBase64Encoded": .string(data.base64EncodedString()),
            "mimeType": .string(imageType(data) ?? "image/png"),
        ])
    }

    /// A 1x1 grey PNG standing in for images on hosts the emulator cannot reach.
    static let placeholderImage = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==")!

    /// Unix seconds.
    static func unix(_ date: Date) -> Int { Int(date.timeIntervalSince1970) }

    /// A Google submit body: `{"instances":[instance],"parameters":parameters}`.
    static func googleBody(instance: [JSONMember], parameters: [JSONMember]) -> JSONValue {
        var members = [JSONMember(key: "instances", value: .array([.object(instance)]))]
        if !parameters.isEmpty { members.append(JSONMember(key: "parameters", value: .object(parameters))) }
        return .object(members)
    }
}
