import Foundation

extension WireProtocol {
    /// The Interactions API (Gemini Omni), on the Gemini API or Vertex AI.
    public static let interactions = WireProtocol(rawValue: "interactions")
}

/// The Interactions API: Gemini Omni, reached beside Veo on the Gemini API and on Vertex AI with
/// the same host and credentials. It has no provider of its own; the Google plugins put it beside
/// theirs (`beside(_:registry:interactions:)`).
public struct InteractionsPlugin: ProviderPlugin {
    public init() {}

    public var wire: WireProtocol { .interactions }
    public var registryWire: String? { nil }
    public var inlineScheme: String? { OmniInteractionsProvider.inlineScheme }
    public var emulatorProfile: String { "interactions" }
    public var documentationHeading: String { "Gemini Omni — the Interactions API" }

    public var goldenFixtures: String { "interactions/" }

    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        try InteractionDecoder.decode(JSONValue.decode(bytes), operation: "v1_op",
                                      inlineURI: { "\(OmniInteractionsProvider.inlineScheme)v1_op#\($0)" })
    }

    /// The credentials of the provider it rides beside.
    public func credentialVariables(providerID: String) -> [String] { [] }

    /// One provider for both protocols: requests go by model, tracking by the journaled protocol.
    public static func beside(_ predict: any VideoProvider, registry: CapabilityRegistry,
                              interactions: OmniInteractionsProvider) -> VideoProvider {
        let provider = predict.id
        return ModelWireRouter(predict: predict, interactions: interactions) { model in
            registry.usesInteractions(model: model, provider: provider)
        }
    }

    /// An earlier generation's video is sent from its local file (an inline output has no URI the
    /// service reads back), and every input video is measured (edit sources must be under 10 s,
    /// reference videos at most 3 s); without ffprobe, a warning says which length was not checked.
    public func prepareForValidation(_ inputs: inout PreparationInputs, journal: Journal) {
        if case .generation(let id) = inputs.draft.video {
            inputs.source?.remoteURI = nil
            if inputs.media["video"] == nil, let path = (try? journal.outputs(of: id))?.first(where: { $0.path != nil })?.path,
               case .success(let file) = InputLoader().read(path) {
                inputs.media["video"] = file
            }
        }
        var unmeasured: Set<String> = []
        for (field, file) in inputs.media where (field == "video" || field.hasPrefix("referenceVideos[")) && file.isMP4 {
            inputs.media[field]?.seconds = VideoMeasure.probe(file)?.seconds
            // An earlier generation's length is known from the journal (`source`).
            if inputs.media[field]?.seconds == nil, field != "video" || inputs.source == nil { unmeasured.insert(field) }
        }
        if unmeasured.contains("video") {
            inputs.loadIssues.append(VideoMeasure.unmeasured(field: "video", code: "video.unmeasured", "the video's length was not checked",
                                                             check: "make sure an edit's source is under 10 s"))
        }
        if unmeasured.contains(where: { $0.hasPrefix("referenceVideos[") }) {
            inputs.loadIssues.append(VideoMeasure.unmeasured(field: "referenceVideos", code: "reference_videos.unmeasured",
                                                             "the reference videos' lengths were not checked",
                                                             check: "make sure each reference video is at most 3 s"))
        }
    }
}
