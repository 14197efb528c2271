import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

/// Vertex's own rules answer at their stage with their text.
@Suite("Vertex AI rules")
struct VertexRulesTests: RuleTable {
    static let cases: [Case] = [
        Case("sampleCount 6", #"{"instances":[{"prompt":"p"}],"parameters":{"sampleCount":6}}"#,
             .operation(3, "Invalid sample count 6. The sample count should be in the range of [1, 4].")),
        Case("sampleCount 0 with storage", #"{"instances":[{"prompt":"p"}],"parameters":{"sampleCount":0,"storageUri":"gs://my-bucket/o/"}}"#,
             .operation(3, "Invalid sample count 0. The sample count should be in the range of [1, 4].")),
        Case("storageUri on another scheme", #"{"instances":[{"prompt":"p"}],"parameters":{"storageUri":"s3://my-bucket/out/"}}"#,
             invalid("Unsupported output storage uri: s3://my-bucket/out/")),
        Case("storageUri without a bucket", #"{"instances":[{"prompt":"p"}],"parameters":{"storageUri":"gs:///out/"}}"#,
             invalid("Unsupported output storage uri: gs:///out/")),
        Case("storageUri with an invalid bucket name", #"{"instances":[{"prompt":"p"}],"parameters":{"storageUri":"gs://My_Bucket!/out/"}}"#,
             invalid("Unsupported output storage uri: gs://My_Bucket!/out/")),
        Case("webhookConfig is refused on Vertex", #"{"instances":[{"prompt":"p"}],"webhookConfig":{"uris":["https://example.com/hook"]}}"#,
             invalid(#"Invalid JSON payload received. Unknown name "webhookConfig": Cannot find field."#)),
        Case("a Gemini-only id", model: "veo-3.1-fast-generate-preview", #"{"instances":[{"prompt":"p"}]}"#,
             .submit(404, "NOT_FOUND", "Publisher Model `projects/my-project/locations/us-central1/publishers/google/models/veo-3.1-fast-generate-preview` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions")),
        Case("STYLE reference on Veo 3.1", #"{"instances":[{"prompt":"p","referenceImages":[{"image":\#(image),"referenceType":"STYLE"}]}]}"#,
             invalid("Veo 3.1 does not support referenceImages.style")),
        Case("two STYLE references on veo-2.0-generate-exp", model: "veo-2.0-generate-exp",
             #"{"instances":[{"prompt":"p","referenceImages":[{"image":\#(image),"referenceType":"STYLE"},{"image":\#(image),"referenceType":"STYLE"}]}]}"#,
             .operation(3, "Reference to video supports at most 1 style image, got 2.")),
        Case("reference images need 8 s (shared rule)", #"{"instances":[{"prompt":"p","referenceImages":[{"image":\#(image),"referenceType":"ASSET"}]}],"parameters":{"durationSeconds":4}}"#,
             .operation(3, "Unsupported output video duration 4 seconds, supported durations are [8] for feature reference_to_video.")),
        Case("4k on Lite (shared rule)", model: "veo-3.1-lite-generate-001", #"{"instances":[{"prompt":"p"}],"parameters":{"resolution":"4k"}}"#,
             invalid("Your use case is currently not supported. Please refer to Gemini API documentation for current model offering.")),
        Case("compressionQuality outside the enum", #"{"instances":[{"prompt":"p"}],"parameters":{"compressionQuality":"MAXIMUM"}}"#,
             invalid("Invalid compression quality type: MAXIMUM")),
        Case("resizeMode outside the enum", #"{"instances":[{"prompt":"p"}],"parameters":{"resizeMode":"STRETCH"}}"#,
             invalid("Invalid resize mode")),
        Case("seed outside uint32", #"{"instances":[{"prompt":"p"}],"parameters":{"seed":4294967296}}"#,
             invalid("Invalid value at 'parameters.seed'")),
        Case("labels must be strings", #"{"instances":[{"prompt":"p"}],"labels":{"team":1}}"#,
             invalid("Invalid value at 'labels[team]'")),
        Case("gcsUri image that names no object", #"{"instances":[{"prompt":"p","image":{"gcsUri":"gs://bucket/none.png","mimeType":"image/png"}}]}"#,
             invalid("Cannot read 'gs://bucket/none.png' given at 'instances[0].image.gcsUri': the Cloud Storage object does not exist or is not accessible.")),
        Case("gcsUri that is not a gs:// URI", #"{"instances":[{"prompt":"p","lastFrame":{"gcsUri":"https://x/y.png"},"image":\#(image)}]}"#,
             invalid("Cannot read 'https://x/y.png' given at 'instances[0].lastFrame.gcsUri': the Cloud Storage object does not exist or is not accessible.")),
        Case("a Gemini API video field", #"{"instances":[{"prompt":"p","video":{"uri":"gs://b/v.mp4"}}]}"#,
             invalid(#"Invalid JSON payload received. Unknown name "uri" at 'instances[0].video': Cannot find field."#)),
    ]

    @Test("rule answers at its stage", arguments: cases)
    func rule(_ testCase: Case) async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let response = try await vertex.submit(testCase.body, model: testCase.model ?? VertexClient.model)
            try await testCase.check(response, poll: { try await vertex.poll($0) }, finish: { try await vertex.finish($0) }) { done, count in
                #expect(done.vertexVideos.count == count)
            }
        }
    }

    @Test("a denied bucket ends the operation with code 7 naming the service agent")
    func deniedBucket() async throws {
        try await Fixture.withEmulator(Fixture.options { $0.deniedBuckets = ["locked-bucket"] }) { emulator in
            let vertex = emulator.vertex
            let done = try await vertex.generate(VertexBody.instance(["prompt": "p"], parameters: .object(["storageUri": "gs://locked-bucket/out/"])))
            let message = try #require(done["error"]?["message"]?.stringValue)
            #expect(done["error"]?["code"] == 7)
            #expect(message.hasSuffix(
                " does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist)."))
            #expect(message.hasPrefix("service-") && message.contains("@gcp-sa-aiplatform.iam.gserviceaccount.com"))
            let objects = try await emulator.control("objects").json()
            #expect(objects == [], "nothing was written")
            let allowed = try await vertex.generate(VertexBody.instance(["prompt": "p"], parameters: .object(["storageUri": "gs://open-bucket/out/"])))
            #expect(allowed.storedVideos.count == 1)
        }
    }

    @Test("inline videos over the limit end with code 3 asking for a storage uri; under it they are returned")
    func inlineLimit() async throws {
        let builtin = try #require(VideoRenderer.builtinVideo())
        try await Fixture.withEmulator(Fixture.options { $0.inlineLimitBytes = builtin.count * 2 }) { emulator in
            let vertex = emulator.vertex
            let two = try await vertex.generate(VertexBody.instance(["prompt": "p"], parameters: .object(["sampleCount": 2])))
            #expect(two.inlineVideos.count == 2, "exactly at the limit is fine")
            let three = try await vertex.generate(VertexBody.instance(["prompt": "p"], parameters: .object(["sampleCount": 3])))
            #expect(three["error"] == .object(["code": 3, "message": "Generated video is large, an output storage uri is required."]))
            #expect(three["response"] == nil)
            let operations = try await emulator.control("operations").json().arrayValue ?? []
            #expect(operations.last?["state"] == "failed")
            let stored = try await vertex.generate(VertexBody.instance(
                ["prompt": "p"], parameters: .object(["sampleCount": 3, "storageUri": "gs://my-bucket/big/"])))
            #expect(stored.storedVideos.count == 3, "with a storage uri the size does not matter")
        }
        #expect(EmulatorOptions().inlineLimitBytes == 32 * 1024 * 1024)
    }

    @Test("the Vertex section of the rules names a source and date for its own settings")
    func provenance() throws {
        let rules = try ServerRules.bundled()
        let vertex = try rules.profile(.vertex)
        #expect(vertex.apiVersions == ["v1beta1", "v1"])
        #expect(vertex.models.contains("veo-3.1-generate-001") && vertex.models.contains("veo-3.1-generate-preview"))
        #expect(vertex.extension.maxOutputSeconds == 37 && vertex.extension.stepSeconds == 7)
        for id in (vertex.ruleOverrides ?? [:]).values {
            let rule = rules.rule(id)
            #expect(rule.id == id && !rule.source.isEmpty && !rule.asOf.isEmpty)
        }
    }
}
