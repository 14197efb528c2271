import Crypto
import Foundation

/// One request the emulator received, kept for `GET /_emulator/requests`.
/// Secrets (API key header, `?key=`, `Authorization`) are redacted; long strings such as
/// base64 images are shortened to `<first 16 chars>...<base64, N chars, sha256:…>`.
struct RecordedRequest: Sendable {
    var sequence: Int
    var receivedAt: Date
    var method: String
    var path: String
    var query: [(name: String, value: String)]
    var headers: [(name: String, value: String)]
    var body: JSONValue?
    var bodyBytes: Int
    var bodyError: String?
    var status: Int?

    /// Header names whose values are never stored.
    static let secretHeaders: Set<String> = ["x-goog-api-key", "authorization", "x-goog-user-project-key"]
    /// Strings longer than this are shortened.
    static let longStringLimit = 256

    static func redacted(_ value: String) -> String {
        "<redacted, \(value.count) chars>"
    }

    /// Shortens long strings inside a JSON body.
    static func abbreviate(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.utf8.count > longStringLimit:
            let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            return .string("\(text.prefix(16))...<base64, \(text.utf8.count) chars, sha256:\(digest.prefix(12))>")
        case .array(let values):
            return .array(values.map(abbreviate))
        case .object(let members):
            return .object(members.map { JSONMember(key: $0.key, value: abbreviate($0.value)) })
        default:
            return value
        }
    }

    /// The JSON form served by the control endpoint.
    var json: JSONValue {
        var queryObject: [JSONMember] = []
        for item in query {
            if let index = queryObject.firstIndex(where: { $0.key == item.name }), case .array(var values) = queryObject[index].value {
                values.append(.string(item.value))
                queryObject[index].value = .array(values)
            } else {
                queryObject.append(JSONMember(key: item.name, value: .array([.string(item.value)])))
            }
        }
        var members: [JSONMember] = [
            JSONMember(key: "seq", value: .int(sequence)),
            JSONMember(key: "time", value: .string(ISO8601DateFormatter().string(from: receivedAt))),
            JSONMember(key: "method", value: .string(method)),
            JSONMember(key: "path", value: .string(path)),
            JSONMember(key: "query", value: .object(queryObject)),
            JSONMember(key: "headers", value: .object(headers.map { JSONMember(key: $0.name, value: .string($0.value)) })),
            JSONMember(key: "body", value: body ?? .null),
            JSONMember(key: "bodyBytes", value: .int(bodyBytes)),
        ]
        if let bodyError { members.append(JSONMember(key: "bodyError", value: .string(bodyError))) }
        members.append(JSONMember(key: "status", value: status.map { .int($0) } ?? .null))
        return .object(members)
    }
}
