import Foundation

/// A Cloud Storage object named by a `gs://bucket/object` URI.
public struct GCSObject: Sendable, Hashable {
    public var bucket: String
    public var name: String

    /// Parses `gs://bucket/path/to/object`; nil for anything else or an empty object name.
    public init?(uri: String) {
        guard uri.hasPrefix("gs://") else { return nil }
        let rest = uri.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        bucket = String(rest[..<slash])
        name = String(rest[rest.index(after: slash)...])
        guard !bucket.isEmpty, !name.isEmpty else { return nil }
    }

    /// The object name as one URL path segment (slashes included), as the JSON API wants it.
    public var encodedName: String {
        name.addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? name
    }
}
