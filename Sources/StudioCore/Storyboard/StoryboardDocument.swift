/// A storyboard as written: its title and its shots in film order. Kept in the journal as JSON, so a
/// run resumes from what was read even when the file changed since.
public struct StoryboardDocument: Codable, Sendable, Hashable {
    public var title: String
    /// The file it was read from (its name).
    public var fileName: String
    /// The folder the file's relative paths (images, references) are read from.
    public var directory: String
    public var shots: [StoryboardShot]

    public init(title: String, fileName: String, directory: String, shots: [StoryboardShot]) {
        self.title = title
        self.fileName = fileName
        self.directory = directory
        self.shots = shots
    }

    /// The shots that must be made again when `index` changes: it, and every later shot chained to
    /// it by `extend` or `last-frame` without a break. Nothing before it.
    public func staleShots(from index: Int) -> [Int] {
        var stale = [index]
        var next = index + 1
        while next <= shots.count, shots[next - 1].continuation.chainsToPrevious {
            stale.append(next)
            next += 1
        }
        return stale
    }
}
