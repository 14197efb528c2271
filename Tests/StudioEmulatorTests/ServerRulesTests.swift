import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

/// Every server rule answers at its documented stage with its documented text.
@Suite("Server rules")
struct ServerRulesTests: RuleTable {
    static func refs(_ types: [String]) -> String {
        "[" + types.map { #"{"image": \#(image), "referenceType": "\#($0)"}"# }.joined(separator: ",") + "]"
    }
    static let useCase = "Your use case is currently not supported. Please refer to Gemini API documentation for current model offering."

    static let cases: [Case] = [
        // Models
        Case("Vertex id veo-3.1-generate-001 is not found", model: "veo-3.1-generate-001", #"{"instances":[{"prompt":"p"}]}"#,
             .submit(404, "NOT_FOUND", "models/veo-3.1-generate-001 is not found")),
        Case("Vertex id veo-3.1-fast-generate-001 is not found", model: "veo-3.1-fast-generate-001", #"{"instances":[{"prompt":"p"}]}"#,
             .submit(404, "NOT_FOUND", "models/veo-3.1-fast-generate-001 is not found")),
        Case("Vertex id veo-3.1-lite-generate-001 is not found", model: "veo-3.1-lite-generate-001", #"{"instances":[{"prompt":"p"}]}"#,
             .submit(404, "NOT_FOUND", "models/veo-3.1-lite-generate-001 is not found")),
        // Body structure
        Case("flat body names the first unknown key", #"{"image": \#(image), "prompt": "p"}"#,
             invalid(#"Invalid JSON payload received. Unknown name "image": Cannot find field."#)),
        // Parsed objects hold their keys sorted, so the key named is the first in key order,
        // not in the document: "durationSeconds" although "prompt" comes first in the text.
        Case("flat body names the first unknown key in key order", #"{"prompt": "p", "durationSeconds": 8}"#,
             invalid(#"Invalid JSON payload received. Unknown name "durationSeconds": Cannot find field."#)),
        Case("inlineData in an image", #"{"instances":[{"prompt":"p","image":{"inlineData":{"mimeType":"image/png","data":"\#(Fixture.redPNG)"}}}]}"#,
             invalid("`inlineData` isn't supported by this model.")),
        Case("fileUri in an image", #"{"instances":[{"prompt":"p","image":{"fileUri":"https://x/files/abc","mimeType":"image/png"}}]}"#,
             invalid("`fileUri` isn't supported by this model.")),
        Case("lastFrame inside parameters", #"{"instances":[{"prompt":"p","image":\#(image)}],"parameters":{"lastFrame":\#(image)}}"#,
             invalid("Invalid value at 'parameters.lastFrame'")),
        Case("an instance with nothing in it", #"{"instances":[{}]}"#, invalid("No inputs provided")),
        Case("a blank prompt only", #"{"instances":[{"prompt":"   "}]}"#, invalid("No inputs provided")),
        Case("unknown resolution", #"{"instances":[{"prompt":"p"}],"parameters":{"resolution":"8k"}}"#, invalid("Invalid resolution")),
        Case("unknown referenceType", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["character"]))}]}"#,
             invalid("Invalid referenceType")),
        Case("empty image bytes", #"{"instances":[{"prompt":"p","image":{"bytesBase64Encoded":"","mimeType":"image/png"}}]}"#,
             invalid("image is empty")),
        Case("image without bytes", #"{"instances":[{"prompt":"p","image":{"mimeType":"image/png"}}]}"#, invalid("image is empty")),
        Case("seed is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"seed":1}}"#,
             invalid("`seed` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("generateAudio is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"generateAudio":true}}"#,
             invalid("`generateAudio` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("fps is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"fps":24}}"#,
             invalid("`fps` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("storageUri is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"storageUri":"gs://b/o/"}}"#,
             invalid("`storageUri` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("compressionQuality is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"compressionQuality":"LOSSLESS"}}"#,
             invalid("`compressionQuality` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("resizeMode is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"resizeMode":"CROP"}}"#,
             invalid("`resizeMode` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("pubsubTopic is Vertex-only", #"{"instances":[{"prompt":"p"}],"parameters":{"pubsubTopic":"projects/p/topics/t"}}"#,
             invalid("`pubsubTopic` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("top-level labels are Vertex-only", #"{"instances":[{"prompt":"p"}],"labels":{"team":"studio"}}"#,
             invalid("`labels` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("mask is Vertex-only", #"{"instances":[{"prompt":"p","mask":\#(image)}]}"#,
             invalid("`mask` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request.")),
        Case("a non-integer sampleCount", #"{"instances":[{"prompt":"p"}],"parameters":{"sampleCount":"two"}}"#,
             invalid("Invalid value at 'parameters.sampleCount'")),
        Case("[[submit_error]] marker", #"{"instances":[{"prompt":"[[submit_error]]"}]}"#, invalid("Request contains an invalid argument.")),
        // "Your use case is currently not supported."
        Case("reference images with 9:16", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}],"parameters":{"aspectRatio":"9:16"}}"#,
             invalid(useCase)),
        Case("reference images on Fast", model: "veo-3.1-fast-generate-preview",
             #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}]}"#, invalid(useCase)),
        Case("reference images on Lite", model: "veo-3.1-lite-generate-preview",
             #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}]}"#, invalid(useCase)),
        Case("reference images on 3.0", model: "veo-3.0-generate-001",
             #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}]}"#, invalid(useCase)),
        Case("reference images on 2.0", model: "veo-2.0-generate-001",
             #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}]}"#, invalid(useCase)),
        Case("lastFrame on 3.0", model: "veo-3.0-generate-001",
             #"{"instances":[{"prompt":"p","image":\#(image),"lastFrame":\#(image)}]}"#, invalid(useCase)),
        Case("lastFrame on 2.0", model: "veo-2.0-generate-001",
             #"{"instances":[{"prompt":"p","image":\#(image),"lastFrame":\#(image)}]}"#, invalid(useCase)),
        Case("STYLE reference on 3.1", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["STYLE"]))}]}"#, invalid(useCase)),
        Case("aspect ratio 4:3", #"{"instances":[{"prompt":"p"}],"parameters":{"aspectRatio":"4:3"}}"#, invalid(useCase)),
        Case("aspect ratio 1:1", #"{"instances":[{"prompt":"p"}],"parameters":{"aspectRatio":"1:1"}}"#, invalid(useCase)),
        Case("4k on Lite", model: "veo-3.1-lite-generate-preview",
             #"{"instances":[{"prompt":"p"}],"parameters":{"resolution":"4k"}}"#, invalid(useCase)),
        Case("4k on 3.0", model: "veo-3.0-generate-001",
             #"{"instances":[{"prompt":"p"}],"parameters":{"resolution":"4k"}}"#, invalid(useCase)),
        Case("lastFrame without a first frame", #"{"instances":[{"prompt":"p","lastFrame":\#(image)}]}"#, invalid(useCase)),
        Case("reference images together with an image", #"{"instances":[{"prompt":"p","image":\#(image),"referenceImages":\#(refs(["asset"]))}]}"#,
             invalid(useCase)),
        // Operation stage: done with error code 3
        Case("reference images need 8 s", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}],"parameters":{"durationSeconds":4}}"#,
             .operation(3, "Unsupported output video duration 4 seconds, supported durations are [8] for feature reference_to_video.")),
        Case("text to video 34 s", #"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":34}}"#,
             .operation(3, "Unsupported output video duration 34 seconds, supported durations are [8,4,6] for feature text_to_video.")),
        Case("image to video 14 s", #"{"instances":[{"prompt":"p","image":\#(image)}],"parameters":{"durationSeconds":14}}"#,
             .operation(3, "Unsupported output video duration 14 seconds, supported durations are [8,4,6] for feature image_to_video.")),
        Case("1080p needs 8 s", #"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":4,"resolution":"1080p"}}"#,
             .operation(3, "Unsupported output video duration 4 seconds, supported durations are [8] for feature text_to_video.")),
        Case("4k needs 8 s", #"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":6,"resolution":"4k"}}"#,
             .operation(3, "Unsupported output video duration 6 seconds, supported durations are [8] for feature text_to_video.")),
        Case("Veo 2 takes 5 to 8 s", model: "veo-2.0-generate-001", #"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":4}}"#,
             .operation(3, "Unsupported output video duration 4 seconds, supported durations are [5,6,7,8] for feature text_to_video.")),
        Case("sample count 6", #"{"instances":[{"prompt":"p"}],"parameters":{"sampleCount":6}}"#,
             .operation(3, "Invalid sample count 6. The sample count should be in the range of [1, 4].")),
        Case("sample count 0", #"{"instances":[{"prompt":"p"}],"parameters":{"sampleCount":0}}"#,
             .operation(3, "Invalid sample count 0. The sample count should be in the range of [1, 4].")),
        Case("asset and style mixed", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset", "style"]))}]}"#,
             .operation(3, "Reference to video does not support this mix of reference images.")),
        Case("four reference images", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset", "asset", "asset", "asset"]))}]}"#,
             .operation(3, "Reference to video supports at most 3 reference images, got 4.")),
        Case("[[op_error]] marker", #"{"instances":[{"prompt":"[[op_error]]"}]}"#, .operation(13, "Internal error encountered.")),
        // Accepted
        Case("three assets, SDK spelling", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["ASSET", "ASSET", "ASSET"]))}],"parameters":{"durationSeconds":8,"aspectRatio":"16:9"}}"#,
             .videos(1)),
        Case("one asset, REST spelling", #"{"instances":[{"prompt":"p","referenceImages":\#(refs(["asset"]))}]}"#, .videos(1)),
        Case("first and last frame on Lite", model: "veo-3.1-lite-generate-preview",
             #"{"instances":[{"prompt":"p","image":\#(image),"lastFrame":\#(image)}],"parameters":{"durationSeconds":6}}"#, .videos(1)),
        Case("image without mimeType (mldev/10)", #"{"instances":[{"image":{"bytesBase64Encoded":"\#(Fixture.redPNG)"}}]}"#, .videos(1)),
        Case("Veo 2 at 5 s", model: "veo-2.0-generate-001", #"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":5}}"#, .videos(1)),
        Case("4k at 8 s on 3.1", #"{"instances":[{"prompt":"p"}],"parameters":{"resolution":"4k","durationSeconds":8}}"#, .videos(1)),
        Case("four samples, 9:16, 1080p", #"{"instances":[{"prompt":"p"}],"parameters":{"sampleCount":4,"aspectRatio":"9:16","resolution":"1080p"}}"#,
             .videos(4)),
        Case("every mldev field the SDK sends (mldev/08 minus refs)",
             #"{"instances":[{"prompt":"Every field","image":\#(image),"lastFrame":\#(image)}],"parameters":{"sampleCount":2,"durationSeconds":8,"aspectRatio":"9:16","resolution":"1080p","personGeneration":"allow_adult","negativePrompt":"blurry","enhancePrompt":true},"webhookConfig":{"uris":["https://example.com/hook"],"user_metadata":{"job":"42"}}}"#,
             .videos(2)),
    ]

    @Test("rule answers at its stage", arguments: cases)
    func rule(_ testCase: Case) async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.submit(testCase.body, model: testCase.model ?? Fixture.model)
            try await testCase.check(response, poll: { try await emulator.poll($0) }, finish: { try await emulator.finish($0) }) { done, count in
                #expect(done.sampleURIs.count == count)
                #expect(done.videoResponse?["raiMediaFilteredCount"] == nil)
            }
        }
    }

    @Test("referenceType is case-insensitive and the spelling that came in is recorded")
    func referenceSpelling() async throws {
        try await Fixture.withEmulator { emulator in
            _ = try await emulator.start(Body.references(["asset", "ASSET", "Asset"]))
            let operations = try await emulator.control("operations").json()
            #expect(operations.arrayValue?.first?["referenceTypes"] == ["asset", "ASSET", "Asset"])
        }
    }

    @Test("the shipped rules file carries a source and date for every rule")
    func provenance() throws {
        let rules = try ServerRules.bundled()
        #expect(!rules.rules.isEmpty)
        for rule in rules.rules {
            #expect(!rule.source.isEmpty && !rule.asOf.isEmpty, "rule \(rule.id)")
        }
        // The interactions profile (Gemini Omni) keeps its models and limits in its own section.
        let veoProfiles = EmulatorProfile.allCases.filter { $0 != .interactions }
        let served = try veoProfiles.flatMap { try rules.profile($0).models }
        #expect(rules.models.keys.sorted() == Set(served).sorted(), "every model entry is served by some profile, and every served id has an entry")
        let interactions = try rules.interactionsRules()
        #expect(!interactions.models.isEmpty)
        #expect(interactions.resolutions[interactions.defaultResolution] != nil)
        #expect(interactions.aspectRatios.contains(interactions.defaultAspectRatio))
        for profile in veoProfiles {
            let section = try rules.profile(profile)
            for id in section.notFoundModels {
                #expect(!section.models.contains(id), "\(id) is both served and answered 404 on \(profile)")
            }
            for (name, rule) in section.enumParameters ?? [:] {
                #expect(rules.rules.contains { $0.id == rule.rule }, "\(name) names a missing rule \(rule.rule)")
            }
            for (shared, own) in section.ruleOverrides ?? [:] {
                #expect(rules.rules.contains { $0.id == shared } && rules.rules.contains { $0.id == own }, "override \(shared) → \(own)")
            }
        }
    }
}
