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

/// A parameter added to the catalog alone (no field of its own in the draft, no flag, no code) is
/// set by its name from a batch line, the form or `--set`, typed as the catalog says, seen by the
/// rules under its name, and written by the encoder at its path.
struct CatalogOnlyParameterTests {
    @Test func aNewParameterIsOneCatalogEntry() throws {
        var catalog = try ParameterCatalog.builtIn()
        catalog.parameters.append(ParameterCatalog.Parameter(name: "motionStrength", flag: "--motion-strength", field: "motionStrength",
                                                             wire: ["vertex-predict": ["parameters.motionStrength"]], type: "number"))
        var draft = GenerationDraft()
        draft.prompt = "a kite"
        #expect(draft.set("motionStrength", text: "lots", catalog: catalog) == "motionStrength: \"lots\" is not a number")
        #expect(draft.catalogValues == nil, "a refused value leaves it unset")
        #expect(draft.set("motionStrength", text: "0.7", catalog: catalog) == nil)
        #expect(draft.catalogValues == ["motionStrength": .number(0.7)] && draft.text(of: "motionStrength") == "0.7")

        let line = BatchLine(number: 1, values: ["prompt": "a kite", "motion_strength": .number(0.5)])
        let read = BatchSpecReader(catalog: catalog).read(line)
        #expect(read.problems.isEmpty && read.draft.catalogValues == ["motionStrength": .number(0.5)], "its flag, in snake_case, is a batch key")

        let facts = DraftFacts(draft: draft, effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                                              sampleCount: 1, generateAudio: true),
                               rulesProvider: "vertex", model: nil, modelID: "veo-3.1-generate-001", extensionSource: nil, now: Date())
        #expect(facts.values["motionStrength"] == .number(0.7), "the rules see it by its name")

        let spec = GenerationSpec(draft: draft, provider: "vertex", model: "veo-3.1-generate-001", mode: .textToVideo,
                                  effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                                 sampleCount: 1, generateAudio: true))
        var body: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .vertexPredict, catalog: catalog).write(spec, into: &body)
        #expect(body["parameters"]?["motionStrength"] == .number(0.7))
        var gemini: [String: JSONValue] = [:]
        try WireParameterWriter(wire: .geminiPredict, catalog: catalog).write(spec, into: &gemini)
        #expect(gemini.isEmpty, "a wire the catalog does not list for it does not carry it")
    }
}
