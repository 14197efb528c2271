import Foundation
import Testing
@testable import StudioCore

/// The encoders take every parameter from the catalog: a new entry reaches the wire with no code.
struct WireParameterWriterTests {
    static func spec(_ build: (inout GenerationDraft) -> Void, mode: GenerationMode = .textToVideo) -> GenerationSpec {
        var draft = GenerationDraft()
        draft.prompt = "a lighthouse"
        build(&draft)
        return GenerationSpec(draft: draft, provider: "task-relay", model: "veo-3.1-fast-reference-to-video", mode: mode,
                              effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                             sampleCount: 1, generateAudio: true))
    }

    @Test func aParameterAddedToTheCatalogIsSentWithNoCodeChange() throws {
        var catalog = try ParameterCatalog.builtIn()
        let spec = Self.spec { $0.fps = 24 }
        var before: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .taskRelay, catalog: catalog).write(spec, into: &before)
        #expect(before["fps"] == nil, "the task relay's catalog entry has no fps yet")
        let index = try #require(catalog.parameters.firstIndex { $0.name == "fps" })
        catalog.parameters[index].wire["task-relay"] = ["video.fps"]
        var after: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .taskRelay, catalog: catalog).write(spec, into: &after)
        #expect(after["video"]?["fps"] == .number(24), "one catalog entry, and the body carries it at its path")
    }

    @Test func eachWireSpellsValuesAsTheCatalogSays() throws {
        var predict: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .vertexPredict).write(Self.spec { $0.compressionQuality = "lossless"; $0.labels = ["team": "film"] },
                                                            into: &predict)
        #expect(predict["parameters"]?["compressionQuality"] == .string("LOSSLESS"))
        #expect(predict["labels"]?["team"] == .string("film"), "a path ending in .* takes the whole object")
        var omni: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .interactions).write(Self.spec { $0.durationSeconds = 6 }, into: &omni)
        #expect(omni["response_format"]?["duration"] == .string("6s"))
        #expect(omni["response_format"]?["aspect_ratio"] == .string("16:9"), "the Interactions API always carries the settled value")
        var turn: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .interactions).write(Self.spec { $0.durationSeconds = 6 }, into: &turn, effective: false)
        #expect(turn["response_format"]?["aspect_ratio"] == nil, "a further turn sends only what changes")
    }

    @Test func unknownParametersGoWhereEachWireKeepsThem() throws {
        let spec = Self.spec { $0.extraParameters = ["newKnob": .bool(true)] }
        let places: [(WireProtocol, [String])] = [(.geminiPredict, ["parameters", "newKnob"]), (.openAIRelay, ["metadata", "newKnob"]),
                                                  (.cometChat, ["extra_body", "google", "config", "newKnob"]), (.taskRelay, ["newKnob"])]
        for (wire, path) in places {
            var body: [String: JSONValue] = [:]
            try WireParameterWriter(wire: wire).write(spec, into: &body)
            let found = path.reduce(JSONValue.object(body) as JSONValue?) { $0?[$1] }
            #expect(found == .bool(true), "\(wire): \(body)")
        }
    }
}
