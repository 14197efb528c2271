/// The video a draft extends: an earlier generation of the journal, a provider URI, or a local file.
public enum VideoInput: Codable, Sendable, Hashable {
    case generation(id: Int64)
    case uri(String)
    case file(path: String)

    /// Parses the CLI form of `--video ID|URI|FILE`.
    public static func parse(_ text: String) -> VideoInput {
        if let id = Int64(text) { return .generation(id: id) }
        if text.hasPrefix("https://") || text.hasPrefix("http://") || text.hasPrefix("gs://")
            || text.hasPrefix("files/") {
            return .uri(text)
        }
        return .file(path: text)
    }
}
