import StudioCore

/// The rules' fixes speak the CLI's language ("remove --seed, or use --provider vertex"); in the
/// studio each flag becomes the form's field and what to do there ("clear Seed, or choose vertex in
/// Provider").
enum StudioAdvice {
    /// CLI flag → the form field it sets.
    static let fieldOfFlag: [String: String] = [
        "prompt": "prompt", "prompt-file": "prompt", "negative-prompt": "negativePrompt", "image": "image",
        "last-frame": "lastFrame", "ref": "referenceImages", "video": "video", "provider": "provider", "model": "model",
        "aspect-ratio": "aspectRatio", "resolution": "resolution", "duration": "durationSeconds", "samples": "sampleCount",
        "seed": "seed", "audio": "generateAudio", "no-audio": "generateAudio", "person-generation": "personGeneration",
        "enhance-prompt": "enhancePrompt", "no-enhance-prompt": "enhancePrompt", "storage-uri": "storageUri",
        "compression-quality": "compressionQuality", "resize-mode": "resizeMode", "pubsub-topic": "pubsubTopic",
        "label": "labels", "safety-level": "safetyLevel", "auto-fix": "autoFix", "no-auto-fix": "autoFix", "fps": "fps",
    ]

    /// The fix of an issue in the studio's words.
    static func fix(_ issue: ValidationIssue, registry: CapabilityRegistry) -> String {
        rewrite(issue.fix, registry: registry)
    }

    /// The message of an issue in the studio's words.
    static func message(_ issue: ValidationIssue, registry: CapabilityRegistry) -> String {
        rewrite(issue.message, registry: registry)
    }

    /// Rewrites every `--flag` (with its verb or value) into the field it names.
    static func rewrite(_ text: String, registry: CapabilityRegistry) -> String {
        let text = text
            .replacingOccurrences(of: ", or give an image", with: ", or use the Image tab (Ctrl-N)")
            .replacing(#/veo-studio history/#) { _ in "History (F4)" }
            .replacing(#/veo-studio rerun (ID|\d+)/#) { _ in "r on it in History" }
            .replacing(#/veo-studio resume( --wait)?/#) { _ in "the studio (it resumes jobs on its own)" }
        guard text.contains("--") else { return text }
        let labels = Dictionary(registry.formFields.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        func label<Flag: StringProtocol>(_ flag: Flag) -> String {
            fieldOfFlag[String(flag)].flatMap { labels[$0] } ?? flag.split(separator: "-").joined(separator: " ")
        }
        return text
            // "remove --seed", "drop --video", "remove --audio/--no-audio": clear the field.
            .replacing(#/\b(?:remove|drop) --([a-z-]+)(?:/--[a-z-]+)?/#) { "clear \(label($0.output.1))" }
            // "use --provider vertex-sandbox": the provider on the Provider row, the sandbox on the Endpoint row.
            .replacing(#/(?:use |with )?--provider ([A-Za-z0-9_.\-]+)/#) { match in
                guard let identity = registry.identity(String(match.output.1)), identity.onSandbox else {
                    return "choose \(match.output.1) in \(label("provider"))"
                }
                return "choose \(identity.providerID) in \(label("provider")) and sandbox in \(labels["endpoint"] ?? "Endpoint")"
            }
            // "--model veo-x": choose the value in the field.
            .replacing(#/(?:use |with )?--(model) ([A-Za-z0-9_.\-]+)/#) { "choose \($0.output.2) in \(label($0.output.1))" }
            // "--no-enhance-prompt": the toggle off.
            .replacing(#/--no-([a-z-]+)/#) { "\(label("no-" + $0.output.1)) off" }
            // "--storage-uri gs://…", "--ref with …", "--image": the field itself.
            .replacing(#/--([a-z-]+)/#) { "the \(label($0.output.1)) field" }
            // "(the Prompt field or the Prompt field)": two flags of one field say it once.
            .replacing(#/the ([A-Za-z /+-]+) field or the \1 field/#) { "the \($0.output.1) field" }
    }
}
