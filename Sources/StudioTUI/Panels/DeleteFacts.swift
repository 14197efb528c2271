/// What deleting a generation takes with it, read from the journal before asking: its video files,
/// the generations made from it (which keep their rows but lose the link), and its inputs (which stay).
public struct DeleteFacts: Sendable {
    public var id: Int64
    /// The video files on disk.
    public var files: [String]
    /// Generations made from it: id and how (`rerun`, `extend`, `refine`, …).
    public var children: [(id: Int64, kind: String)]
    /// Input images and videos it was made from.
    public var inputs: Int

    public init(id: Int64, files: [String], children: [(id: Int64, kind: String)], inputs: Int) {
        self.id = id
        self.files = files
        self.children = children
        self.inputs = inputs
    }

    /// The question's detail: everything that goes and everything that stays.
    public var question: String {
        var parts = ["#\(id) leaves the journal and History."]
        if files.isEmpty {
            parts.append("It has no video file on disk.")
        } else {
            let names = files.map { String($0.split(separator: "/").last ?? "") }.joined(separator: ", ")
            parts.append("\(files.count == 1 ? "Its video file is" : "Its \(files.count) video files are") deleted from disk with "
                         + "\(files.count == 1 ? "its sidecar" : "their sidecars"): \(names).")
        }
        if !children.isEmpty {
            let made = children.map { "#\($0.id) (\($0.kind))" }.joined(separator: ", ")
            parts.append("Made from it: \(made) — \(children.count == 1 ? "it stays" : "they stay"), without the link to #\(id); "
                         + "an extension's chain then starts after it.")
        }
        if inputs > 0 { parts.append("Its input file\(inputs == 1 ? "" : "s") stay\(inputs == 1 ? "s" : "") in the picker's library.") }
        parts.append("This cannot be undone.")
        return parts.joined(separator: " ")
    }
}
