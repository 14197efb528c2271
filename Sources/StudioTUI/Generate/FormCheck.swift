import StudioCore

/// What the core says about the form's current draft: the validation report, every choice with
/// the reason when it is forbidden, the inputs' image facts, and an extension's chain.
public struct FormCheck: Sendable {
    public var draft: GenerationDraft
    public var report: ValidationReport
    /// Field id → its choices (only choice fields).
    public var choices: [String: [ChoiceAdvisor.Choice]]
    /// Input field (`image`, `lastFrame`, `referenceImages[0]`) → what its bytes are.
    public var images: [String: ImageInfo]
    public var extensionChain: ExtensionChain?

    public init(draft: GenerationDraft, report: ValidationReport, choices: [String: [ChoiceAdvisor.Choice]] = [:],
                images: [String: ImageInfo] = [:], extensionChain: ExtensionChain? = nil) {
        self.draft = draft
        self.report = report
        self.choices = choices
        self.images = images
        self.extensionChain = extensionChain
    }

    /// The issues of one field (a reference image's issues count for `referenceImages`).
    public func issues(for field: String) -> [ValidationIssue] {
        report.issues.filter { $0.field == field || $0.field.hasPrefix(field + "[") }
    }
}

/// An extension's place in its chain: which hop it is, the length after it, and what the chain costs.
public struct ExtensionChain: Hashable, Sendable {
    public var sourceID: Int64
    /// This extension's hop (1…20).
    public var hop: Int
    public var maxHops: Int
    public var totalSeconds: Int
    /// The source chain's estimated cost plus this extension's.
    public var chainCostUSD: Double

    public init(sourceID: Int64, hop: Int, maxHops: Int = 20, totalSeconds: Int, chainCostUSD: Double) {
        self.sourceID = sourceID
        self.hop = hop
        self.maxHops = maxHops
        self.totalSeconds = totalSeconds
        self.chainCostUSD = chainCostUSD
    }

    /// "extension 2/20 · 22 s in all · 720p (forced) · chain $6.40"
    public var summary: String {
        "extension \(hop)/\(maxHops) of #\(sourceID)'s chain · \(totalSeconds) s in all · 720p (forced) · chain \(CostEstimate.dollars(chainCostUSD))"
    }
}
