/// How a reference image guides the video: a subject to keep ("asset") or a look ("style").
public enum ReferenceKind: String, Codable, Sendable, Hashable, CaseIterable {
    case asset
    case style
}

/// One reference image ("ingredient") of a draft: a file path and its kind.
public struct ReferenceImageInput: Codable, Sendable, Hashable {
    public var path: String
    public var kind: ReferenceKind

    public init(path: String, kind: ReferenceKind = .asset) {
        self.path = path
        self.kind = kind
    }

    /// Parses the CLI form `FILE` or `FILE:style` / `FILE:asset`.
    public static func parse(_ text: String) -> ReferenceImageInput {
        for kind in ReferenceKind.allCases where text.lowercased().hasSuffix(":\(kind.rawValue)") {
            return ReferenceImageInput(path: String(text.dropLast(kind.rawValue.count + 1)), kind: kind)
        }
        return ReferenceImageInput(path: text, kind: .asset)
    }
}
