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
    /// Why this model and provider take no style image (nil when they take one).
    public var styleRefusal: String?
    /// An input's path → the name it is shown by (a library pick's original file, not its content hash).
    public var displayNames: [String: String] = [:]

    public init(draft: GenerationDraft, report: ValidationReport, choices: [String: [ChoiceAdvisor.Choice]] = [:],
                images: [String: ImageInfo] = [:], extensionChain: ExtensionChain? = nil) {
        self.draft = draft
        self.report = report
        self.choices = choices
        self.images = images
        self.extensionChain = extensionChain
    }

    /// The name an input is shown by.
    public func displayName(_ path: String) -> String {
        displayNames[path] ?? InputLoader.displayName(path)
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
    /// What the chain's videos were charged (only those that made a video) plus this extension's estimate.
    public var chainCostUSD: Double
    /// The resolution this extension is made at, as validated.
    public var resolution: String
    /// Sandbox: the amount is what the real service would charge.
    public var synthetic: Bool

    public init(sourceID: Int64, hop: Int, maxHops: Int = 20, totalSeconds: Int, chainCostUSD: Double, resolution: String = "720p",
                synthetic: Bool = false) {
        self.sourceID = sourceID
        self.hop = hop
        self.maxHops = maxHops
        self.totalSeconds = totalSeconds
        self.chainCostUSD = chainCostUSD
        self.resolution = resolution
        self.synthetic = synthetic
    }

    /// "extension 2/20 of #17's chain · 22 s in all · 720p · chain $6.40"
    public var summary: String {
        "extension \(hop)/\(maxHops) of #\(sourceID)'s chain · \(totalSeconds) s in all · \(resolution) · "
            + (synthetic ? "chain ~\(CostEstimate.dollars(chainCostUSD)) (what the real service would charge)" : "chain \(CostEstimate.dollars(chainCostUSD))")
    }
}
