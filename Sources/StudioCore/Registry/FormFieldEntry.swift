/// One field of the generation forms, as data: which draft field it edits, how, where it applies.
/// A form shows the fields whose modes and providers match, so a new provider's parameters need
/// only a registry entry, no screen code.
public struct FormFieldEntry: Codable, Sendable, Hashable {
    /// How the field is edited.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The multi-line prompt editor.
        case prompt
        /// One line of free text (or a number).
        case text, number
        /// One of a list of values (Left/Right).
        case choice
        /// On, off or the service's default.
        case toggle
        /// One image, or up to three, from the picker.
        case image, images
        /// The video to extend (a generation id).
        case video
    }

    /// The draft field, by its wire name (`durationSeconds`).
    public var id: String
    public var label: String
    public var kind: Kind
    public var choices: [String]?
    /// `providers` or `models`: the choices come from the registry itself.
    public var choicesFrom: String?
    /// Choices that differ for a model family (`veo-2.0` takes 5–8 s).
    public var familyChoices: [String: [String]]?
    /// The modes that take the field; nil: all.
    public var modes: [GenerationMode]?
    /// The providers (by their rules) that take the field; nil: all.
    public var providers: [String]?
    public var help: String

    /// Whether a form for this mode and provider shows the field.
    public func applies(mode: GenerationMode, rulesProvider: String) -> Bool {
        (modes?.contains(mode) ?? true) && (providers?.contains(rulesProvider) ?? true)
    }
}
