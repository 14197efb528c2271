import Foundation

/// A named, saved set of fields (`presets/<name>.toml` in the config folder): the same keys as a
/// batch line (`provider`, `model`, `aspect_ratio`, `duration`, `audio`, `negative_prompt`, `refs`…).
/// A `prompt` with `{name}` placeholders makes it a prompt template.
public struct Preset: Sendable, Hashable {
    public var name: String
    public var values: [String: JSONValue]
    /// Where it is kept.
    public var file: URL

    /// The template's placeholders, in order (none when the prompt has none, or there is no prompt).
    public var placeholders: [String] {
        values["prompt"]?.stringValue.map(BatchSpecReader.placeholders) ?? []
    }
}
