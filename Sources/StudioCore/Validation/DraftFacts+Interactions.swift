import Foundation

extension DraftFacts {
    /// Regions where Gemini Omni takes no uploaded video (reported: EEA, Switzerland, the UK).
    static let videoUploadRestrictedRegions: Set<String> = [
        "eu", "eea", "ch", "uk", "gb", "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu",
        "ie", "it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se", "is", "li", "no",
    ]

    /// The facts only Gemini Omni's rules test: the length of its input videos, how many there are,
    /// and whether the configured region takes uploaded videos.
    mutating func addInteractionsFacts(draft: GenerationDraft, media: [String: LoadedMedia],
                                       extensionSource: ExtensionSource?, region: String?) {
        values["durationSeconds"] = values["durationSeconds"] ?? .number(Double(draft.durationSeconds ?? 8))
        let referenceVideos = draft.referenceVideos ?? []
        let longestReference = referenceVideos.indices.compactMap { media["referenceVideos[\($0)]"]?.seconds }.max()
        if let longestReference { values["referenceVideoMaxSeconds"] = .number(longestReference) }
        let videoSeconds = media["video"]?.seconds ?? extensionSource.map { Double($0.durationSeconds) }
        if let videoSeconds, draft.video != nil {
            values["videoSeconds"] = .number(videoSeconds)
            if mode == .extendVideo, let added = values["durationSeconds"]?.doubleValue {
                values["extendedTotalSeconds"] = .number(videoSeconds + added)
            }
        }
        values["videoInputs"] = .number(Double(referenceVideos.count + (draft.video == nil ? 0 : 1)))
        if let region = region?.trimmingCharacters(in: .whitespaces).lowercased(), !region.isEmpty {
            values["region"] = .string(region)
            values["videoUploadRestricted"] = .bool(Self.videoUploadRestrictedRegions.contains(region))
        }
    }
}
