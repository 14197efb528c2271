extension GenerationService {
    /// The seconds an extension adds: Veo's fixed 7, or the length Gemini Omni was asked for.
    public func addedSeconds(_ spec: GenerationSpec) -> Int {
        registry.usesInteractions(model: spec.model, provider: spec.provider) ? spec.effective.durationSeconds : CostEstimator.extensionSeconds
    }
}
