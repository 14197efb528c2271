import Foundation

/// Reads the files a draft names. A file that is missing or unreadable becomes a validation
/// issue for its field, never an exception.
public struct InputLoader: Sendable {
    /// Files above this are not read into memory (far above every provider's limit).
    public static let readLimit = 256 * 1024 * 1024
    public var baseDirectory: URL

    public init(baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.baseDirectory = baseDirectory
    }

    /// The loaded inputs of a draft, keyed by the field that names them, plus issues for files that could not be read.
    public func load(_ draft: GenerationDraft) -> (media: [String: LoadedMedia], issues: [ValidationIssue]) {
        var media: [String: LoadedMedia] = [:]
        var issues: [ValidationIssue] = []
        for (field, path) in Self.files(of: draft) where !Self.isRemote(path) {
            switch read(path) {
            case .success(let loaded): media[field] = loaded
            case .failure(let issue): issues.append(ValidationIssue(field: field, code: issue.code, message: issue.message, fix: issue.fix))
            }
        }
        return (media, issues)
    }

    /// The files a draft names, by the field that names them (`image`, `referenceImages[0]`, …).
    public static func files(of draft: GenerationDraft) -> [(field: String, path: String)] {
        var wanted: [(String, String)] = []
        if let image = draft.image { wanted.append(("image", image)) }
        if let last = draft.lastFrame { wanted.append(("lastFrame", last)) }
        for (index, ref) in draft.references.enumerated() { wanted.append(("referenceImages[\(index)]", ref.path)) }
        if case .file(let path) = draft.video { wanted.append(("video", path)) }
        for (index, path) in (draft.referenceVideos ?? []).enumerated() where !path.hasPrefix("files/") {
            wanted.append(("referenceVideos[\(index)]", path))
        }
        return wanted
    }

    /// A Cloud Storage object (`gs://…`, Vertex AI) or a web address (`https://…`, gateways that take
    /// images as URLs): sent by URI, never read here.
    public static func isRemote(_ path: String) -> Bool { path.hasPrefix("gs://") || isWebURL(path) }

    /// An `http://` or `https://` address.
    public static func isWebURL(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }

    /// How an input is named on screen: a file by its name, a Cloud Storage object by its whole URI.
    public static func displayName(_ path: String) -> String {
        isRemote(path) ? path : (path as NSString).lastPathComponent
    }

    /// Reads one file, or explains why it cannot be read.
    public func read(_ path: String) -> Result<LoadedMedia, StudioError> {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : baseDirectory.appendingPathComponent(expanded)
        guard let status = FileStatus(path: url.path) else {
            return .failure(StudioError(field: "file", code: "file.not_found", message: "no file at \(path)",
                                        fix: "check the path (relative paths start at \(baseDirectory.path))"))
        }
        if status.isDirectory {
            return .failure(StudioError(field: "file", code: "file.is_directory", message: "\(path) is a folder",
                                        fix: "name an image file inside it"))
        }
        if status.size > Self.readLimit {
            return .failure(StudioError(field: "file", code: "file.too_large",
                                        message: "\(path) is \(status.size / 1_048_576) MB, far above any provider's limit",
                                        fix: "use a smaller file"))
        }
        if let known = Self.readFiles.withLock({ $0[url.path] }), known.stamp == status.stamp { return .success(known.media) }
        guard let media = try? LoadedMedia(reading: url) else {
            return .failure(StudioError(field: "file", code: "file.unreadable", message: "\(path) cannot be read",
                                        fix: "check the file's permissions"))
        }
        Self.readFiles.withLock { files in
            if files.count >= Self.readFilesKept { files.removeAll() }
            files[url.path] = (status.stamp, media)
        }
        return .success(media)
    }

    /// Files read in this process, by path, with the stamp they had: a batch or a storyboard naming
    /// the same reference images on every line reads and hashes each once. A file whose size, inode or
    /// modification time changed is read again (and its bytes are checked against the hash when copied).
    static let readFiles = LockedBox<[String: (stamp: String, media: LoadedMedia)]>([:])
    static let readFilesKept = 256
}
