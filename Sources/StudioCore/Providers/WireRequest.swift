import Foundation

/// An HTTP request exactly as a provider sends it; `redacted()` is what may be shown or stored.
public struct WireRequest: Codable, Sendable, Hashable {
    /// One header, in the order it is sent.
    public struct Header: Codable, Sendable, Hashable {
        public var name: String
        public var value: String
    }
    /// Header names whose values are secrets.
    public static let secretHeaders: Set<String> = ["x-goog-api-key", "authorization", "x-api-key"]

    /// A file the body names by a placeholder, sent in base64 in its place (see `StreamedMediaSource`).
    public struct Payload: Sendable, Hashable {
        /// The placeholder in the body (letters, digits and dashes only, so JSON writes it as is).
        public var token: String
        public var path: String
        public var byteCount: Int

        /// The length of the file in standard base64, padding included.
        public var base64Length: Int { (byteCount + 2) / 3 * 4 }
    }

    public var method: String
    public var url: String
    public var headers: [Header]
    public var body: JSONValue?
    /// Files streamed into the body while it is sent; empty when the body holds everything.
    public var payloads: [Payload] = []

    enum CodingKeys: String, CodingKey { case method, url, headers, body }

    public init(method: String, url: String, headers: [Header], body: JSONValue?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The same request with every secret header value replaced.
    public func redacted() -> WireRequest {
        var copy = self
        copy.headers = headers.map { header in
            Self.secretHeaders.contains(header.name.lowercased())
                ? Header(name: header.name, value: "<redacted>") : header
        }
        return copy
    }

    /// The body with base64 payloads shortened, for sidecars and displays.
    public func abbreviatedBody() -> JSONValue? {
        let streamed = Dictionary(payloads.map { ($0.token, $0.base64Length) }, uniquingKeysWith: { first, _ in first })
        return body.map { Self.abbreviate($0, streamed: streamed) }
    }

    private static func abbreviate(_ value: JSONValue, streamed: [String: Int]) -> JSONValue {
        switch value {
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for (key, inner) in object {
                if case .string(let text) = inner, let length = streamed[text] {
                    result[key] = .string("<base64, \(length) chars>")
                } else if case .string(let text) = inner, ["bytesBase64Encoded", "encodedVideo"].contains(key) || looksLikeBase64(text) {
                    result[key] = .string("<base64, \(text.count) chars>")
                } else {
                    result[key] = abbreviate(inner, streamed: streamed)
                }
            }
            return .object(result)
        case .array(let array): return .array(array.map { abbreviate($0, streamed: streamed) })
        default: return value
        }
    }

    /// A long string of base64 characters only (a gateway's bare base64 image under any key).
    private static func looksLikeBase64(_ text: String) -> Bool {
        text.utf8.count > 512 && text.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 43 || byte == 47 || byte == 61
        }
    }
}
