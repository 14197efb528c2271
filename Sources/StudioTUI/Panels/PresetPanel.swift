import StudioCore
import TermUI

/// The saved presets (F6 on the form): Enter loads the selected one into the tab (its fields over
/// the form's), `s` saves the form as a preset under a name typed here.
public struct PresetPanel: Sendable {
    /// A preset as the panel lists it.
    public struct Entry: Sendable, Hashable {
        public var name: String
        /// `aspect_ratio=9:16 duration=6 …`.
        public var summary: String
        /// A template's placeholders.
        public var placeholders: [String]

        public init(name: String, summary: String, placeholders: [String]) {
            self.name = name
            self.summary = summary
            self.placeholders = placeholders
        }
    }

    public var entries: [Entry]
    /// Presets that could not be read, each with its file and the fix.
    public var problems: [String]
    public var list = ListState()
    /// The name being typed for `s` (nil while choosing).
    public var naming: String?

    public init(entries: [Entry], problems: [String] = []) {
        self.entries = entries
        self.problems = problems
    }

    public var selected: Entry? { entries.indices.contains(list.selected) ? entries[list.selected] : nil }
}
