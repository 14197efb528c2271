import Foundation

/// The capability registry as stored on disk (`rules.json`): providers, models with their
/// modes and lifecycle, constraint rules, server-answer explanations and safety categories.
/// Every entry carries where it comes from and when.
public struct RegistryDocument: Codable, Sendable {
    public var schema: Int
    public var version: String
    public var providers: [ProviderEntry]
    public var defaults: DefaultsEntry
    /// The fields a form shows, per mode and provider (optional in an override file).
    public var fields: [FormFieldEntry]?
    public var fieldsSource: SourceNote?
    public var models: [ModelEntry]
    public var rules: [RuleEntry]
    public var explanations: [ExplanationEntry]
    public var statusExplanations: [StatusExplanationEntry]
    public var safetyCategories: [SafetyCategoryEntry]
    public var safetySource: SourceNote
}

/// Where a fact comes from and when it was last seen true.
public struct SourceNote: Codable, Sendable, Hashable {
    public var source: String
    public var as_of: String
}

/// One provider: how it spells things and what it accepts for media.
public struct ProviderEntry: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    /// Which provider's rules apply (the sandbox plays the Gemini API).
    public var rulesAs: String
    /// Which wire protocol adapter speaks to it.
    public var wire: String
    public var referenceTypeSpelling: [String: String]
    public var imageMimeTypes: [String]
    public var maxImageBytes: Int
    public var warnImageBytes: Int?
    public var outputRetentionHours: Int?
    /// Where requests go unless the config or `--base-url` says otherwise (a gateway's documented host).
    public var defaultBaseURL: String?
    /// True when the provider takes images as web addresses, not bytes (local files need an upload command).
    public var imagesAsURLs: Bool?
    /// False for a reseller: Google's list prices are not its prices (no estimate without its own).
    public var googleListPrices: Bool?
    /// The model a draft gets when it names none (when it offers the mode), before the first model that does.
    public var defaultModel: String?
    /// The provider on the built-in emulator: its name (`<id>-sandbox`, `sandbox` for the Gemini API).
    public var sandbox: SandboxEntry?
    /// Requests a minute and jobs at once the service takes before it answers 429 (dated, sourced).
    public var limits: ProviderLimits?
    public var source: String
    public var as_of: String
}

/// A provider as the built-in emulator plays it: a way to reach it, not a provider of its own.
public struct SandboxEntry: Codable, Sendable, Hashable {
    /// The name a person gives and the journal keeps.
    public var id: String
    public var name: String
    /// The model a draft on the sandbox gets when it names none (else the first that offers the mode).
    public var defaultModel: String?
    public var source: String
    public var as_of: String
}

/// The service's defaults for parameters a draft leaves unset.
public struct DefaultsEntry: Codable, Sendable {
    public var values: [String: JSONValue]
    public var source: String
    public var as_of: String
}

/// One model family with its id per provider, modes, latency and lifecycle.
public struct ModelEntry: Codable, Sendable, Hashable {
    public var family: String
    public var name: String
    public var tier: String
    public var ids: [String: String]
    public var aliases: [String]
    public var modes: [String: [GenerationMode]]
    public var modesSource: String
    public var modesAsOf: String
    public var latency: LatencyEntry
    public var lifecycle: [LifecycleEntry]
    /// The API the family is reached through when it is not the provider's own (`interactions`: Gemini Omni).
    public var wire: String?

    /// True for a family reached through the Interactions API (Gemini Omni).
    public var usesInteractions: Bool { wire == "interactions" }
}

/// Typical time from submit to done (lognormal), used for adaptive polling and ETAs.
public struct LatencyEntry: Codable, Sendable, Hashable {
    public var medianSeconds: Double
    public var sigma: Double
    public var source: String
    public var as_of: String
}

/// The status of a model on one provider.
public struct LifecycleEntry: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable { case preview, ga, deprecated, shut_down, retired }
    public var provider: String
    public var status: Status
    public var date: String?
    public var note: String
    /// The model to use instead, named in the warning or refusal.
    public var replacement: String?
    /// True when a request is refused before anything is sent (a shut-down model that no longer answers).
    public var refuse: Bool?
    public var source: String
    public var as_of: String
}

/// A constraint: when `when` matches a draft, `require` must hold, else an issue is raised.
public struct RuleEntry: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable { case error, warning }
    public var id: String
    public var severity: Severity
    public var code: String
    public var field: String
    public var when: RuleCondition?
    public var require: FactTest
    public var message: String
    public var fix: String
    public var source: String
    public var as_of: String
}

/// The scope of a rule: providers (by their rules id), model families, modes and fact tests.
public struct RuleCondition: Codable, Sendable, Hashable {
    public var providers: [String]?
    public var families: [String]?
    public var modes: [GenerationMode]?
    public var facts: [String: FactTest]?
    /// When set, the rule applies only to models reached (true) or not reached (false) through the
    /// Interactions API: Veo's limits do not bind Gemini Omni on the same provider.
    public var interactions: Bool?
}

/// A test on one fact of a draft. An absent fact passes every test except `present: true`.
public struct FactTest: Codable, Sendable, Hashable {
    public var fact: String?
    public var present: Bool?
    public var `in`: [JSONValue]?
    public var notIn: [JSONValue]?
    public var min: Double?
    public var max: Double?
    public var pattern: String?
}

/// A known server answer and what it means.
public struct ExplanationEntry: Codable, Sendable, Hashable {
    public var match: String
    public var code: String
    public var cause: String
    public var fix: String
    public var source: String
    public var as_of: String
}

/// The fallback meaning of an HTTP status.
public struct StatusExplanationEntry: Codable, Sendable, Hashable {
    public var status: Int
    public var code: String
    public var cause: String
    public var fix: String
}

/// A safety-filter category with the support codes that name it.
public struct SafetyCategoryEntry: Codable, Sendable, Hashable {
    public var category: String
    public var codes: [String]
    public var advice: String
}
