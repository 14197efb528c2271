/// A Cloud Storage location, `gs://BUCKET/NAME`, where NAME is an object name or a prefix.
struct GCSLocation: Sendable, Equatable {
    /// The bucket.
    var bucket: String
    /// The object name (or prefix); may be empty.
    var name: String

    /// Parses `gs://BUCKET[/NAME]`; nil when the scheme or the bucket name is wrong.
    init?(uri: String) {
        guard uri.hasPrefix("gs://") else { return nil }
        let rest = uri.dropFirst("gs://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        guard Self.isValidBucket(bucket) else { return nil }
        self.bucket = bucket
        name = String(rest.dropFirst(bucket.count).drop { $0 == "/" })
    }

    /// Creates a location from its parts.
    init(bucket: String, name: String) {
        self.bucket = bucket
        self.name = name
    }

    /// The name as a directory prefix: empty, or ending in `/`.
    var directoryPrefix: String {
        name.isEmpty || name.hasSuffix("/") ? name : name + "/"
    }

    /// Cloud Storage bucket naming: 3–63 characters (up to 222 with dots, 63 per dot-separated
    /// part) of lower-case letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit.
    static func isValidBucket(_ bucket: String) -> Bool {
        let characters = Array(bucket)
        guard let first = characters.first, let last = characters.last else { return false }
        let maxLength = bucket.contains(".") ? 222 : 63
        guard (3...maxLength).contains(characters.count) else { return false }
        func alphanumeric(_ character: Character) -> Bool {
            ("a"..."z").contains(character) || ("0"..."9").contains(character)
        }
        guard alphanumeric(first), alphanumeric(last) else { return false }
        guard characters.allSatisfy({ alphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }) else { return false }
        return bucket.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { (1...63).contains($0.count) }
    }
}
