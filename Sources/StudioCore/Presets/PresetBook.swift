/// The presets a command may use, by name, and why each of the others cannot be used (a file that
/// cannot be read, a key or value a batch line would refuse), so `--preset NAME` names the cause.
public struct PresetBook: Sendable {
    public var drafts: [String: GenerationDraft]
    public var problems: [String: String]

    public init(drafts: [String: GenerationDraft] = [:], problems: [String: String] = [:]) {
        self.drafts = drafts
        self.problems = problems
    }

    /// Why `name` cannot be used: its problem, else the names there are.
    public func refusal(for name: String) -> String {
        if let problem = problems[name] { return "this preset cannot be used: \(problem)" }
        return "no such preset — " + (drafts.isEmpty ? "save one first (veo-studio presets says where they live)"
            : "use one of: \(drafts.keys.sorted().joined(separator: ", "))")
    }
}
