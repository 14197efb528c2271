import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Vertex AI routes")
struct VertexRoutesTests {
    static let png = Data(base64Encoded: Fixture.redPNG) ?? Data()

    @Test("submit → running fetch → done fetch with an inline MP4, on v1beta1 and v1", arguments: ["v1beta1", "v1"])
    func fullCycle(version: String) async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let submitted = try await vertex.submit(
                #"{"instances":[{"prompt":"A neon hologram of a cat"}]}"#, version: version)
            #expect(submitted.status == .ok)
            let submitBody = try submitted.json()
            #expect(submitBody.keys == ["name"])
            let name = try #require(submitBody["name"]?.stringValue)
            let prefix = "projects/my-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/"
            #expect(name.hasPrefix(prefix))
            let id = String(name.dropFirst(prefix.count))
            #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "a lower-case UUID: \(id)")

            let running = try await vertex.poll(name, version: version)
            #expect(running == .object(["name": .string(name)]), "no done key while running")

            let done = try await vertex.finish(name, version: version)
            #expect(done["done"] == true)
            #expect(done["name"] == .string(name))
            let response = try #require(done["response"])
            #expect(response["@type"] == "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse")
            #expect(response["raiMediaFilteredCount"] == 0)
            #expect(response["raiMediaFilteredReasons"] == nil)
            let video = try #require(done.vertexVideos.first)
            #expect(done.vertexVideos.count == 1)
            #expect(video.keys.sorted() == ["bytesBase64Encoded", "mimeType"])
            #expect(video["mimeType"] == "video/mp4")
            #expect(try #require(done.inlineVideos.first).isMP4)
        }
    }

    struct ModeCase: NamedCase {
        let name: String
        let mode: String
        let model: String
        let body: JSONValue
    }

    static let image = Body.image()
    static let modeCases: [ModeCase] = [
        ModeCase(name: "text to video", mode: "text_to_video", model: VertexClient.model,
                 body: VertexBody.instance(["prompt": "A cat"])),
        ModeCase(name: "image to video, bytes", mode: "image_to_video", model: VertexClient.model,
                 body: VertexBody.instance(["prompt": "The bridge in a storm", "image": image])),
        ModeCase(name: "image to video, gcsUri", mode: "image_to_video", model: VertexClient.model,
                 body: VertexBody.instance(["prompt": "The bridge", "image": VertexBody.gcsImage("gs://bucket/inputs/first.png")])),
        ModeCase(name: "first and last frame (bytes + gcsUri)", mode: "first_last_frame", model: VertexClient.model,
                 body: VertexBody.instance([
                     "prompt": "A man turns into a dog", "image": image,
                     "lastFrame": VertexBody.gcsImage("gs://bucket/inputs/last.png"),
                 ])),
        ModeCase(name: "three asset references (one by gcsUri)", mode: "reference_to_video", model: VertexClient.model,
                 body: VertexBody.instance([
                     "prompt": "A woman walks her dog",
                     "referenceImages": [
                         .object(["image": image, "referenceType": "ASSET"]),
                         .object(["image": image, "referenceType": "ASSET"]),
                         .object(["image": VertexBody.gcsImage("gs://bucket/inputs/first.png"), "referenceType": "ASSET"]),
                     ],
                 ], parameters: .object(["durationSeconds": 8, "aspectRatio": "16:9"]))),
        ModeCase(name: "asset references in 9:16 on Veo 3.1 GA", mode: "reference_to_video", model: "veo-3.1-generate-001",
                 body: VertexBody.instance(["prompt": "refs", "referenceImages": [.object(["image": image, "referenceType": "ASSET"])]],
                                           parameters: .object(["aspectRatio": "9:16"]))),
        ModeCase(name: "a STYLE reference on veo-2.0-generate-exp (vertex/07)", mode: "reference_to_video", model: "veo-2.0-generate-exp",
                 body: VertexBody.instance([
                     "prompt": "origami style",
                     "referenceImages": [.object(["image": VertexBody.gcsImage("gs://bucket/inputs/style.png"), "referenceType": "STYLE"])],
                 ])),
        ModeCase(name: "the -preview id the SDK tests use", mode: "text_to_video", model: "veo-3.1-generate-preview",
                 body: VertexBody.instance(["prompt": "preview"])),
        ModeCase(name: "every config field Vertex accepts (vertex/11 minus refs and mask)", mode: "first_last_frame",
                 model: VertexClient.model,
                 body: .object([
                     "instances": [.object(["prompt": "Every field", "image": image, "lastFrame": image])],
                     "parameters": .object([
                         "sampleCount": 2, "storageUri": "gs://my-bucket/veo-out/", "fps": 24, "durationSeconds": 8, "seed": 1234,
                         "aspectRatio": "16:9", "resolution": "1080p", "personGeneration": "allow_all",
                         "pubsubTopic": "projects/my-project/topics/veo", "negativePrompt": "blurry, low quality",
                         "enhancePrompt": false, "generateAudio": true, "compressionQuality": "LOSSLESS", "resizeMode": "CROP",
                     ]),
                     "labels": .object(["team": "studio"]),
                 ])),
    ]

    @Test("every mode runs through the Vertex routes", arguments: modeCases)
    func modes(_ testCase: ModeCase) async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            try await vertex.put(Self.png, at: "gs://bucket/inputs/first.png")
            try await vertex.put(Self.png, at: "gs://bucket/inputs/last.png")
            try await vertex.put(Self.png, at: "gs://bucket/inputs/style.png")
            let done = try await vertex.generate(testCase.body, model: testCase.model)
            #expect(done["error"] == nil, "\(done)")
            let expected = testCase.body["parameters"]?["sampleCount"]?.integerValue ?? 1
            #expect(done.vertexVideos.count == expected)
            let operations = try await emulator.control("operations").json().arrayValue ?? []
            #expect(operations.first?["mode"] == .string(testCase.mode))
            #expect(operations.first?["profile"] == "vertex")
        }
    }

    @Test("with storageUri, 1 or 4 samples land as sample_N.mp4 objects under one 16-hex directory", arguments: [1, 4])
    func storageOutput(samples: Int) async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let done = try await vertex.generate(VertexBody.instance(
                ["prompt": "Two takes"], parameters: .object(["sampleCount": .int(samples), "storageUri": "gs://my-bucket/veo-out/"])))
            let uris = done.storedVideos
            #expect(uris.count == samples)
            #expect(done.vertexVideos.allSatisfy { $0.keys.sorted() == ["gcsUri", "mimeType"] && $0["mimeType"] == "video/mp4" })
            let directories = Set(uris.map { $0.components(separatedBy: "/sample_").first ?? "" })
            #expect(directories.count == 1)
            let directory = try #require(directories.first)
            #expect(directory.hasPrefix("gs://my-bucket/veo-out/"))
            let hex = directory.dropFirst("gs://my-bucket/veo-out/".count)
            #expect(hex.count == 16 && hex.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) })
            for (index, uri) in uris.enumerated() {
                #expect(uri == "\(directory)/sample_\(index).mp4")
                let media = try await vertex.object(uri)
                #expect(media.status == .ok)
                #expect(media.headers[.contentType] == "video/mp4")
                #expect(Data(media.body.readableBytesView).isMP4)
            }
        }
    }

    @Test("a storageUri without a trailing slash is a directory too")
    func storagePrefixWithoutSlash() async throws {
        try await Fixture.withEmulator { emulator in
            let done = try await emulator.vertex.generate(VertexBody.instance(
                ["prompt": "p"], parameters: .object(["storageUri": "gs://my-bucket/out"])))
            let uri = try #require(done.storedVideos.first)
            #expect(uri.hasPrefix("gs://my-bucket/out/") && uri.hasSuffix("/sample_0.mp4"))
        }
    }

    @Test("an output object does not exist before its operation finishes")
    func outputAppearsWhenDone() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let name = try await vertex.start(VertexBody.instance(["prompt": "p"], parameters: .object(["storageUri": "gs://b1b/o/"])))
            let operations = try await emulator.control("operations").json().arrayValue ?? []
            let directory = try #require(operations.first?["outputDirectory"]?.stringValue)
            #expect(try await vertex.object(directory + "sample_0.mp4").status == .notFound)
            let done = try await vertex.finish(name)
            #expect(done.storedVideos == [directory + "sample_0.mp4"])
            #expect(try await vertex.object(directory + "sample_0.mp4").status == .ok)
        }
    }

    @Test("extension of an earlier gs:// output adds 7 s and counts the hop; of base64 bytes, starts from their duration")
    func extensions() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let first = try await vertex.generate(VertexBody.instance(
                ["prompt": "start"], parameters: .object(["storageUri": "gs://my-bucket/veo-out/", "aspectRatio": "9:16"])))
            let uri = try #require(first.storedVideos.first)
            let extended = try await vertex.generate(VertexBody.instance(
                ["prompt": "continue the scene", "video": VertexBody.video(gcs: uri)], parameters: .object(["storageUri": "gs://my-bucket/veo-out/"])))
            #expect(extended.storedVideos.count == 1)

            let builtin = try #require(VideoRenderer.builtinVideo())
            let fromBytes = try await vertex.generate(VertexBody.instance(["prompt": "continue", "video": VertexBody.video(bytes: builtin)]))
            #expect(try #require(fromBytes.inlineVideos.first).isMP4)

            let operations = try await emulator.control("operations").json().arrayValue ?? []
            #expect(operations.count == 3)
            let gcsFile = try #require(operations[1]["files"]?.arrayValue?.first)
            #expect(operations[1]["mode"] == "video_extension")
            #expect(gcsFile["hops"] == 1)
            #expect(gcsFile["durationSeconds"] == 15)
            #expect(gcsFile["aspectRatio"] == "9:16", "an extension keeps the input's aspect ratio")
            let bytesFile = try #require(operations[2]["files"]?.arrayValue?.first)
            #expect(bytesFile["hops"] == 1)
            #expect(bytesFile["durationSeconds"] == 15, "the built-in MP4 is 8 s long")
            #expect(bytesFile["width"] == 1280 && bytesFile["height"] == 720)
        }
    }

    @Test("extension stops at 37 s of output: 8 → 15 → 22 → 29 → 36, then refused")
    func extensionLimit() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let storage: JSONValue = .object(["storageUri": "gs://my-bucket/chain/"])
            var uri = try #require(try await vertex.generate(VertexBody.instance(["prompt": "start"], parameters: storage)).storedVideos.first)
            for hop in 1...4 {
                let done = try await vertex.generate(VertexBody.instance(["prompt": "more", "video": VertexBody.video(gcs: uri)], parameters: storage))
                uri = try #require(done.storedVideos.first, "hop \(hop)")
            }
            let refused = try await vertex.submit(VertexBody.instance(["prompt": "more", "video": VertexBody.video(gcs: uri)], parameters: storage))
            #expect(refused.status == .badRequest)
            #expect(refused.errorMessage == "Video extension would produce 43 seconds (36 s input + 7 s); the output may be at most 37 seconds.")
        }
    }

    @Test("inline video over the rules' limit (20 MB) is refused at submit")
    func inlineVideoLimit() throws {
        // The planner is driven directly with a small limit: a 20 MB body takes seconds to parse in a debug build.
        var rules = try ServerRules.bundled()
        var profile = try rules.profile(.vertex)
        #expect(profile.extension.maxInlineVideoBytes == 20 * 1024 * 1024)
        profile.extension.maxInlineVideoBytes = 1000
        rules.profiles["vertex"] = profile
        let builtin = try #require(VideoRenderer.builtinVideo())
        let request = try RequestParser(rules: rules, profile: profile)
            .parse(VertexBody.instance(["prompt": "c", "video": VertexBody.video(bytes: builtin)]))
        let planner = SubmissionPlanner(
            rules: rules, profile: profile, modelID: VertexClient.model, model: try #require(rules.models[VertexClient.model]),
            lookupFile: { _ in nil }, now: Date())
        do {
            _ = try planner.plan(request)
            Issue.record("a \(builtin.count)-byte video passed a 1000-byte limit")
        } catch {
            #expect(error.httpStatus == 400)
            #expect(error.message == "The input video is \(builtin.count) bytes; a video sent as bytesBase64Encoded may be at most 1000 bytes. Upload it to Cloud Storage and pass its gcsUri instead.")
        }
    }

    @Test("extension refuses bytes that are not an MP4, another resolution and a missing object")
    func extensionRefusals() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let notMP4 = try await vertex.submit(VertexBody.instance(["prompt": "c", "video": VertexBody.video(bytes: Self.png)]))
            #expect(notMP4.errorMessage == "The input video at 'instances[0].video.bytesBase64Encoded' is not an MP4 file.")

            let builtin = try #require(VideoRenderer.builtinVideo())
            let hd = try await vertex.submit(VertexBody.instance(
                ["prompt": "c", "video": VertexBody.video(bytes: builtin)], parameters: .object(["resolution": "1080p"])))
            #expect(hd.errorMessage == "Video extension keeps the resolution of the input video (720p); got resolution 1080p.")

            let missing = try await vertex.submit(VertexBody.instance(["prompt": "c", "video": VertexBody.video(gcs: "gs://my-bucket/nope.mp4")]))
            #expect(missing.status == .badRequest)
            #expect(missing.errorStatus == "INVALID_ARGUMENT")
            #expect(missing.errorMessage == "Cannot read 'gs://my-bucket/nope.mp4' given at 'instances[0].video.gcsUri': the Cloud Storage object does not exist or is not accessible.")
        }
    }

    @Test("an uploaded MP4 by gcsUri is extended from its own duration")
    func uploadedVideo() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            try await vertex.put(try #require(VideoRenderer.builtinVideo()), at: "gs://bucket/inputs/clip.mp4", contentType: "video/mp4")
            let done = try await vertex.generate(VertexBody.instance(["prompt": "c", "video": VertexBody.video(gcs: "gs://bucket/inputs/clip.mp4")]))
            #expect(done.inlineVideos.count == 1)
            let file = try #require(try await emulator.control("operations").json().arrayValue?.first?["files"]?.arrayValue?.first)
            #expect(file["durationSeconds"] == 15)
        }
    }

    @Test("a mask edit (vertex/10) runs on veo-2.0-generate-exp and is refused elsewhere")
    func maskEdit() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            try await vertex.put(try #require(VideoRenderer.builtinVideo()), at: "gs://bucket/inputs/edit.mp4", contentType: "video/mp4")
            try await vertex.put(Self.png, at: "gs://bucket/inputs/mask.png")
            let body = VertexBody.instance([
                "prompt": "A mountain landscape",
                "video": VertexBody.video(gcs: "gs://bucket/inputs/edit.mp4"),
                "mask": .object(["gcsUri": "gs://bucket/inputs/mask.png", "mimeType": "image/png", "maskMode": "OUTPAINT"]),
            ], parameters: .object(["storageUri": "gs://my-bucket/veo-out/", "aspectRatio": "16:9"]))
            let done = try await vertex.generate(body, model: "veo-2.0-generate-exp")
            #expect(done.storedVideos.count == 1)
            let operation = try #require(try await emulator.control("operations").json().arrayValue?.first)
            #expect(operation["mode"] == "video_edit")
            #expect(operation["durationSeconds"] == 8, "an edit keeps the input's length")

            let refused = try await vertex.submit(body, model: "veo-3.1-generate-001")
            #expect(refused.status == .badRequest)
            #expect(refused.errorMessage?.hasPrefix("Your use case is currently not supported.") == true)
            let badMode = try await vertex.submit(#"{"instances":[{"prompt":"p","video":{"gcsUri":"gs://bucket/inputs/edit.mp4"},"mask":{"bytesBase64Encoded":"\#(Fixture.redPNG)","maskMode":"ERASE"}}]}"#,
                                                  model: "veo-2.0-generate-exp")
            #expect(badMode.errorMessage == "Invalid mask mode: ERASE")
        }
    }

    @Test("fetchPredictOperation: unknown, malformed or another model's operation answers 404; no operationName answers 400")
    func unknownOperation() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let unknown = "projects/my-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/9d2fc0b5-5bdf-4b5f-9a41-82970515e20b"
            let response = try await vertex.fetch(unknown)
            #expect(response.status == .notFound)
            #expect(try response.json() == .object(["error": .object([
                "code": 404, "message": .string("Operation \(unknown) not found."), "status": "NOT_FOUND",
            ])]))
            let name = try await vertex.start(VertexBody.instance(["prompt": "p"]))
            let other = name.replacingOccurrences(of: "veo-3.1-generate-001", with: "veo-3.1-fast-generate-001")
            #expect(try await vertex.fetch(other).status == .notFound)
            let otherProject = name.replacingOccurrences(of: "my-project", with: "another-project")
            #expect(try await vertex.fetch(otherProject).status == .notFound)
            let id = try #require(name.components(separatedBy: "/").last)
            let gemini = try await emulator.get("/v1beta/models/veo-3.1-generate-001/operations/\(id)")
            #expect(gemini.status == .notFound, "the Gemini API routes do not answer for Vertex operations")
            let noName = try await emulator.client.execute(
                uri: VertexClient.resource() + ":fetchPredictOperation", method: .post,
                headers: VertexClient.headers(token: VertexClient.token), body: ByteBuffer(string: "{}"))
            #expect(noName.status == .badRequest)
            #expect(noName.errorMessage == "Invalid value at 'operationName'")
        }
    }

    @Test("markers work on Vertex: [[rai]] filters with reasons and no videos, [[op_error]] ends with code 13")
    func markers() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let filtered = try await vertex.generate(VertexBody.instance(["prompt": "[[rai]] x"], parameters: .object(["sampleCount": 2])))
            #expect(filtered["response"]?["raiMediaFilteredCount"] == 2)
            #expect(filtered["response"]?["videos"] == nil)
            #expect(filtered["response"]?["raiMediaFilteredReasons"]?.arrayValue?.first?.stringValue?.hasSuffix("Support codes: 74803281") == true)
            let partial = try await vertex.generate(VertexBody.instance(["prompt": "[[rai-partial]] x"], parameters: .object(["sampleCount": 2])))
            #expect(partial["response"]?["raiMediaFilteredCount"] == 1)
            #expect(partial.vertexVideos.count == 1)
            let failed = try await vertex.generate(VertexBody.instance(["prompt": "[[op_error]]"]))
            #expect(failed["error"] == .object(["code": 13, "message": "Internal error encountered."]))
            #expect(failed["response"] == nil)
            let refused = try await vertex.submit(VertexBody.instance(["prompt": "[[submit_error]]"]))
            #expect(refused.status == .badRequest && refused.errorMessage == "Request contains an invalid argument.")
        }
    }

    @Test("quotas count per token and model")
    func quota() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 2)) { emulator in
            let vertex = emulator.vertex
            let body = VertexBody.instance(["prompt": "p"]).serialized()
            #expect(try await vertex.submit(body).status == .ok)
            #expect(try await vertex.submit(body).status == .ok)
            let limited = try await vertex.submit(body)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(limited.errorMessage?.hasPrefix(
                "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: veo-3.1-generate-001.") == true)
            #expect(limited.headers[.retryAfter] == "60")
            #expect(try await vertex.submit(body, token: "another-token").status == .ok, "another token has its own quota")
            #expect(try await vertex.submit(body, model: "veo-3.1-fast-generate-001").status == .ok, "another model too")
        }
    }

    @Test("faults apply to Vertex submits, polls and Cloud Storage downloads")
    func faults() async throws {
        let plan = try FaultPlan(spec: "503@submit:1x,500@poll:1x,429@download:1x")
        try await Fixture.withEmulator(Fixture.options(faults: plan)) { emulator in
            let vertex = emulator.vertex
            let body = VertexBody.instance(["prompt": "p"], parameters: .object(["storageUri": "gs://my-bucket/f/"]))
            #expect(try await vertex.submit(body).status == .serviceUnavailable)
            let name = try await vertex.start(body)
            #expect(try await vertex.fetch(name).status == .internalServerError)
            let done = try await vertex.finish(name)
            let uri = try #require(done.storedVideos.first)
            let limited = try await vertex.object(uri)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await vertex.object(uri).status == .ok)
        }
    }

    @Test("control endpoints cover Vertex operations and record x-goog-user-project with Authorization redacted")
    func control() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let submitted = try await vertex.submit(
                VertexBody.instance(["prompt": "quota"]).serialized(), extra: ["x-goog-user-project": "billing-project"])
            let name = try #require(try submitted.json()["name"]?.stringValue)
            let log = try await emulator.control("requests").json().arrayValue ?? []
            let first = try #require(log.first)
            #expect(first["headers"]?["x-goog-user-project"] == "billing-project")
            #expect(first["headers"]?["authorization"] == "<redacted, 17 chars>")
            #expect(first["body"]?["instances"]?.arrayValue?.first?["prompt"] == "quota")
            let operations = try await emulator.control("operations").json().arrayValue ?? []
            #expect(operations.first?["name"] == .string(name))
            #expect(operations.first?["quotaProject"] == "billing-project")
            #expect(operations.first?["apiVersion"] == "v1beta1")
            #expect(try await emulator.control("reset", method: .post).status == .ok)
            #expect(try await emulator.control("operations").json() == [])
            #expect(try await vertex.fetch(name).status == .notFound)
        }
    }

    @Test("only the served profiles' routes exist")
    func profileSelection() async throws {
        try await Fixture.withEmulator(Fixture.options { $0.profiles = [.vertex] }) { emulator in
            #expect(try await emulator.vertex.submit(VertexBody.instance(["prompt": "p"])).status == .ok)
            #expect(try await emulator.submit(Body.text()).status == .notFound)
            #expect(try await emulator.createInteraction(GoldenInteraction.v1betaBackground).status == .notFound)
            let health = try await emulator.control("health").json()
            #expect(health["profiles"] == ["vertex"])
        }
        var geminiOnly = Fixture.options()
        geminiOnly.profiles = [.gemini]
        try await Fixture.withEmulator(geminiOnly) { emulator in
            let vertex = try await emulator.vertex.submit(VertexBody.instance(["prompt": "p"]))
            #expect(vertex.status == .notFound)
            let gemini = try await emulator.submit(Body.text())
            #expect(gemini.status == .ok)
        }
        #expect(EmulatorOptions().profiles == EmulatorProfile.allCases, "every profile is served by default")
    }
}
