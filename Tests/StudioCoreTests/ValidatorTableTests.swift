import Foundation
import Testing
@testable import StudioCore

/// Every rule of the registry (veo-rules §2–§4) and every client-detectable refusal of §6, as a table.
struct ValidatorTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var provider = "gemini"
        var model: String?
        var prompt: String? = "a red fox runs through snow"
        var build: @Sendable (inout GenerationDraft) -> Void = { _ in }
        var files: [String: Data] = [:]
        var source: ExtensionSource?
        /// Measured lengths of input videos by field (what ffprobe would say).
        var seconds: [String: Double] = [:]
        var region: String?
        var continuation: ContinuationSource?
        var errors: Set<String> = []
        var warnings: Set<String> = []
        var testDescription: String { name }
    }

    static let png = TestImages.png(width: 64, height: 36)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func source(hops: Int = 0, seconds: Int = 8, aspect: String = "16:9", ageHours: Double = 1, fps: Double? = nil,
                       uri: String = "https://generativelanguage.googleapis.com/v1beta/files/abc123:download?alt=media") -> ExtensionSource {
        ExtensionSource(generationID: 7, remoteURI: uri,
                        hops: hops, durationSeconds: seconds, aspectRatio: aspect, model: "veo-3.1-generate-preview",
                        finishedAt: now.addingTimeInterval(-ageHours * 3600), framesPerSecond: fps)
    }

    static let cases: [Case] = [
        Case(name: "text to video is valid"),
        Case(name: "text without prompt", prompt: nil, errors: ["prompt.required"]),
        Case(name: "duration 5 on Veo 3", build: { $0.durationSeconds = 5 }, errors: ["duration.unsupported"]),
        Case(name: "duration 6 on Veo 3", build: { $0.durationSeconds = 6 }),
        Case(name: "Veo 2 duration 5", model: "veo-2.0-generate-001", build: { $0.durationSeconds = 5 }),
        Case(name: "Veo 2 duration 4", model: "veo-2.0-generate-001", build: { $0.durationSeconds = 4 }, errors: ["duration.unsupported"]),
        Case(name: "refs need 8 s", build: { $0.references = [.init(path: "r1")]; $0.durationSeconds = 6 },
             files: ["r1": png], errors: ["duration.reference_images_need_8"]),
        Case(name: "refs with default duration", build: { $0.references = [.init(path: "r1")] }, files: ["r1": png]),
        Case(name: "frames at 6 s warn (relaxed 2026)", build: { $0.image = "a"; $0.lastFrame = "b"; $0.durationSeconds = 6 },
             files: ["a": png, "b": png], warnings: ["duration.first_last_frame_8"]),
        Case(name: "1080p needs 8 s", build: { $0.resolution = "1080p"; $0.durationSeconds = 6 }, errors: ["duration.high_resolution_needs_8"]),
        Case(name: "4k on Veo 3.1", build: { $0.resolution = "4K" }),
        Case(name: "4k not on Lite", model: "veo-3.1-lite-generate-preview", build: { $0.resolution = "4k" }, errors: ["resolution.4k_unsupported"]),
        Case(name: "resolution 8k", build: { $0.resolution = "8k" }, errors: ["resolution.unsupported"]),
        Case(name: "Veo 2 is 720p only", model: "veo-2.0-generate-001", build: { $0.resolution = "1080p" }, errors: ["resolution.unsupported"]),
        Case(name: "aspect 1:1", build: { $0.aspectRatio = "1:1" }, errors: ["aspect_ratio.unsupported"]),
        Case(name: "refs with 9:16 on the Gemini API", build: { $0.references = [.init(path: "r1")]; $0.aspectRatio = "9:16" },
             files: ["r1": png], errors: ["aspect_ratio.reference_images_need_16_9"]),
        Case(name: "refs with 9:16 on Vertex 3.1 GA", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.references = [.init(path: "r1")]; $0.aspectRatio = "9:16" }, files: ["r1": png]),
        Case(name: "refs with 9:16 on Vertex Fast", provider: "vertex", model: "veo-3.1-fast-generate-001",
             build: { $0.references = [.init(path: "r1")]; $0.aspectRatio = "9:16" }, files: ["r1": png],
             errors: ["aspect_ratio.reference_images_need_16_9"]),
        Case(name: "four asset refs", build: { $0.references = (1...4).map { .init(path: "r\($0)") } },
             files: ["r1": png, "r2": png, "r3": png, "r4": png], errors: ["reference_images.too_many_assets"]),
        Case(name: "two style refs on Veo 2 (Vertex)", provider: "vertex", model: "veo-2.0-generate-exp",
             build: { $0.references = [.init(path: "r1", kind: .style), .init(path: "r2", kind: .style)] },
             files: ["r1": png, "r2": png], errors: ["reference_images.too_many_styles"]),
        Case(name: "asset and style mixed", provider: "vertex", model: "veo-2.0-generate-exp",
             build: { $0.references = [.init(path: "r1", kind: .style), .init(path: "r2")] },
             files: ["r1": png, "r2": png], errors: ["reference_images.asset_style_mix"]),
        Case(name: "style not on Veo 3.1", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.references = [.init(path: "r1", kind: .style)] }, files: ["r1": png],
             errors: ["reference_images.style_unsupported"]),
        Case(name: "style not on the Gemini API", build: { $0.references = [.init(path: "r1", kind: .style)] },
             files: ["r1": png], errors: ["reference_images.style_unsupported"]),
        Case(name: "refs exclude a first frame", build: { $0.references = [.init(path: "r1")]; $0.image = "a" },
             files: ["r1": png, "a": png], errors: ["reference_images.exclude_image"]),
        Case(name: "refs exclude a last frame", build: { $0.references = [.init(path: "r1")]; $0.lastFrame = "b" },
             files: ["r1": png, "b": png], errors: ["reference_images.exclude_last_frame", "last_frame.needs_image"]),
        Case(name: "last frame needs a first frame", build: { $0.lastFrame = "b" }, files: ["b": png], errors: ["last_frame.needs_image"]),
        Case(name: "extension takes no image", build: { $0.video = .generation(id: 7); $0.image = "a" }, files: ["a": png],
             source: source(), errors: ["video.exclusive"]),
        Case(name: "refs not on Fast (Gemini API)", model: "veo-3.1-fast-generate-preview",
             build: { $0.references = [.init(path: "r1")] }, files: ["r1": png], errors: ["mode.unsupported"]),
        Case(name: "last frame not on Veo 3.0", model: "veo-3.0-generate-001", build: { $0.image = "a"; $0.lastFrame = "b" },
             files: ["a": png, "b": png], errors: ["mode.unsupported"]),
        Case(name: "no extension on Veo 3.0", model: "veo-3.0-generate-001", build: { $0.video = .generation(id: 7) },
             source: source(), errors: ["mode.unsupported"]),
        Case(name: "seed refused by the Gemini API", build: { $0.seed = 42 }, errors: ["parameter.vertex_only"]),
        Case(name: "audio refused by the Gemini API", build: { $0.generateAudio = false }, errors: ["parameter.vertex_only"]),
        Case(name: "fps refused by the Gemini API", build: { $0.fps = 24 }, errors: ["parameter.vertex_only"]),
        Case(name: "storage URI refused by the Gemini API", build: { $0.storageUri = "gs://my-bucket/out/" }, errors: ["parameter.vertex_only"]),
        Case(name: "compression refused by the Gemini API", build: { $0.compressionQuality = "lossless" }, errors: ["parameter.vertex_only"]),
        Case(name: "resize mode refused by the Gemini API", build: { $0.resizeMode = "crop"; $0.image = "a" }, files: ["a": png],
             errors: ["parameter.vertex_only"]),
        Case(name: "pubsub refused by the Gemini API", build: { $0.pubsubTopic = "projects/p/topics/t" }, errors: ["parameter.vertex_only"]),
        Case(name: "labels refused by the Gemini API", build: { $0.labels = ["team": "a"] }, errors: ["parameter.vertex_only"]),
        Case(name: "Vertex takes seed and audio", provider: "vertex", build: { $0.seed = 42; $0.generateAudio = true; $0.enhancePrompt = false }),
        Case(name: "seed beyond uint32", provider: "vertex", build: { $0.seed = 5_000_000_000 }, errors: ["seed.out_of_range"]),
        Case(name: "negative seed", provider: "vertex", build: { $0.seed = -1 }, errors: ["seed.out_of_range"]),
        Case(name: "nine samples", provider: "vertex", build: { $0.sampleCount = 9 }, errors: ["sample_count.out_of_range"]),
        Case(name: "four samples on Vertex", provider: "vertex", build: { $0.sampleCount = 4 }),
        Case(name: "two samples on the Gemini API warn", build: { $0.sampleCount = 2 }, warnings: ["sample_count.gemini_one"]),
        Case(name: "unknown person generation", build: { $0.personGeneration = "everyone" }, errors: ["person_generation.unknown"]),
        Case(name: "text needs allow_all on the Gemini API", build: { $0.personGeneration = "allow_adult" }, errors: ["person_generation.mode"]),
        Case(name: "image needs allow_adult on the Gemini API", build: { $0.personGeneration = "ALLOW_ALL"; $0.image = "a" },
             files: ["a": png], errors: ["person_generation.mode"]),
        Case(name: "unknown compression quality", provider: "vertex", build: { $0.compressionQuality = "best" },
             errors: ["compression_quality.unknown"]),
        Case(name: "unknown resize mode", provider: "vertex", build: { $0.resizeMode = "stretch"; $0.image = "a" }, files: ["a": png],
             errors: ["resize_mode.unknown"]),
        Case(name: "resize mode without image warns", provider: "vertex", build: { $0.resizeMode = "pad" },
             warnings: ["resize_mode.needs_image"]),
        Case(name: "storage URI must be gs://", provider: "vertex", build: { $0.storageUri = "s3://bucket/out" }, errors: ["storage_uri.invalid"]),
        Case(name: "gs:// storage URI", provider: "vertex", build: { $0.storageUri = "gs://my-bucket/veo-out/" }),
        Case(name: "fps 30 warns", provider: "vertex", build: { $0.fps = 30 }, warnings: ["fps.unusual"]),
        Case(name: "seed with enhance prompt warns", provider: "vertex", build: { $0.seed = 1; $0.enhancePrompt = true },
             warnings: ["seed.enhance_prompt"]),
        Case(name: "extension is valid", build: { $0.video = .generation(id: 7) }, source: source()),
        Case(name: "extension at 1080p", build: { $0.video = .generation(id: 7); $0.resolution = "1080p" }, source: source(),
             errors: ["extension.resolution"]),
        Case(name: "21st extension", build: { $0.video = .generation(id: 7) }, source: source(hops: 20), errors: ["extension.too_many_hops"]),
        Case(name: "input over 141 s", build: { $0.video = .generation(id: 7) }, source: source(hops: 3, seconds: 142),
             errors: ["extension.input_too_long"]),
        Case(name: "Vertex output over 37 s", provider: "vertex", model: "veo-3.1-generate-001", build: { $0.video = .generation(id: 7) },
             source: source(seconds: 31, uri: "gs://b/veo/sample_0.mp4"), errors: ["extension.output_too_long", "extension.input_length"]),
        Case(name: "Vertex extends 24 fps videos", provider: "vertex", model: "veo-3.1-generate-001", build: { $0.video = .generation(id: 7) },
             source: source(fps: 29.97, uri: "gs://b/veo/sample_0.mp4"), warnings: ["extension.input_fps"]),
        Case(name: "Vertex extends a gs:// output", provider: "vertex", model: "veo-3.1-generate-001", build: { $0.video = .generation(id: 7) },
             source: source(uri: "gs://b/veo/sample_0.mp4")),
        Case(name: "Vertex cannot fetch an https video", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.video = .uri("https://example.com/v.mp4") }, errors: ["extension.vertex_needs_gcs"]),
        Case(name: "the Gemini API cannot read a gs:// video", build: { $0.video = .uri("gs://b/v.mp4") },
             errors: ["extension.gemini_needs_its_uri"]),
        Case(name: "4k on Vertex advises a bucket", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.resolution = "4k" }, warnings: ["storage_uri.advised"]),
        Case(name: "4k on Vertex into a bucket", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.resolution = "4k"; $0.storageUri = "gs://my-bucket/veo/" }),
        Case(name: "gs:// images are Vertex only", build: { $0.image = "gs://b/first.png" }, errors: ["input.gcs_vertex_only"]),
        Case(name: "gs:// images on Vertex", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.image = "gs://b/first.png"; $0.references = [] }),
        Case(name: "Gemini API extends only its own videos", build: { $0.video = .file(path: "clip.mp4") },
             files: ["clip.mp4": Data([0, 0, 0, 24] + Array("ftypmp42".utf8) + [UInt8](repeating: 0, count: 20))],
             errors: ["extension.needs_veo_video"]),
        Case(name: "source expired after 2 days", build: { $0.video = .generation(id: 7) }, source: source(ageHours: 60),
             errors: ["extension.source_expired"]),
        Case(name: "extension keeps the aspect ratio", build: { $0.video = .generation(id: 7); $0.aspectRatio = "9:16" },
             source: source(), errors: ["extension.aspect_mismatch"]),
        Case(name: "unknown provider", provider: "acme", errors: ["provider.unknown"]),
        Case(name: "unknown model warns, not blocks", model: "veo-9-ultra", warnings: ["model.unknown"]),
        Case(name: "Vertex id on the Gemini API is mapped", model: "veo-3.1-generate-001", warnings: ["model.mapped"]),
        Case(name: "shut-down model warns, not blocks", warnings: ["model.shut_down"]),
        Case(name: "unknown --param warns", build: { $0.extraParameters["futureKnob"] = .number(3) }, warnings: ["parameter.unknown"]),
        Case(name: "Lite first + last frame is disputed", model: "veo-3.1-lite-generate-preview",
             build: { $0.image = "a"; $0.lastFrame = "b" }, files: ["a": png, "b": png], warnings: ["mode.disputed"]),
        Case(name: "text file named .png", build: { $0.image = "fake.png" }, files: ["fake.png": Data("hello, not an image".utf8)],
             errors: ["image.not_an_image"]),
        Case(name: "GIF is refused", build: { $0.image = "a.gif" }, files: ["a.gif": TestImages.gif(width: 10, height: 10)],
             errors: ["image.unsupported_type"]),
        Case(name: "30 MB image", build: { $0.image = "big.png" },
             files: ["big.png": TestImages.png(width: 8, height: 8) + Data(count: 30 * 1_048_576)], errors: ["image.too_large"]),
        Case(name: "empty image", build: { $0.image = "empty.png" }, files: ["empty.png": Data()], errors: ["image.empty"]),
        Case(name: "missing file", build: { $0.image = "nowhere.png" }, errors: ["file.not_found"]),
        Case(name: "frames of different sizes warn", build: { $0.image = "a"; $0.lastFrame = "b" },
             files: ["a": png, "b": TestImages.png(width: 32, height: 18)], warnings: ["frames.dimension_mismatch"]),
        Case(name: "JPEG and WebP are read by their bytes", build: { $0.references = [.init(path: "x.bin"), .init(path: "y.dat")] },
             files: ["x.bin": TestImages.jpegHeader(width: 640, height: 360), "y.dat": TestImages.webpHeader(width: 320, height: 180)]),

        // Gateways (seeds/001–004): every mode each one offers, then one case per refusal.
        // openai-relay (seeds/001): bare base64 images; Veo 3.1 for last frames, 3.1 Standard for references.
        Case(name: "relay: text to video", provider: "openai-relay"),
        Case(name: "relay: image to video", provider: "openai-relay", build: { $0.image = "a" }, files: ["a": png]),
        Case(name: "relay: Veo 3.0 Fast image to video (the seed's example)", provider: "openai-relay", model: "veo-3.0-fast-generate-001",
             build: { $0.image = "a" }, files: ["a": png], warnings: ["model.deprecated"]),
        Case(name: "relay: first + last frame on 3.1 Fast", provider: "openai-relay", model: "veo-3.1-fast-generate-preview",
             build: { $0.image = "a"; $0.lastFrame = "b" }, files: ["a": png, "b": png]),
        Case(name: "relay: reference images on 3.1", provider: "openai-relay", model: "veo-3.1-generate-preview",
             build: { $0.references = [.init(path: "r1"), .init(path: "r2")] }, files: ["r1": png, "r2": png]),
        Case(name: "relay: its metadata fields", provider: "openai-relay",
             build: { $0.negativePrompt = "rain"; $0.storageUri = "gs://my-bucket/out/"; $0.aspectRatio = "9:16"; $0.resolution = "1080p"; $0.personGeneration = "allow_all" }),
        Case(name: "relay: no web-address images", provider: "openai-relay", build: { $0.image = "https://example.com/a.png" },
             errors: ["input.url_unsupported"]),
        Case(name: "relay: no gs:// images", provider: "openai-relay", build: { $0.image = "gs://b/first.png" }, errors: ["gateway.gcs_input"]),
        Case(name: "relay: no Pub/Sub", provider: "openai-relay", build: { $0.pubsubTopic = "projects/p/topics/t" },
             errors: ["gateway.no_pubsub_topic"]),
        Case(name: "relay: no labels", provider: "openai-relay", build: { $0.labels = ["team": "a"] }, errors: ["gateway.no_labels"]),
        Case(name: "relay: no fps", provider: "openai-relay", build: { $0.fps = 24 }, errors: ["gateway.no_fps"]),
        Case(name: "relay: no compression quality", provider: "openai-relay", build: { $0.compressionQuality = "lossless" },
             errors: ["gateway.no_compression_quality"]),
        Case(name: "relay: no resize mode", provider: "openai-relay", build: { $0.resizeMode = "crop"; $0.image = "a" }, files: ["a": png],
             errors: ["gateway.no_resize_mode"]),
        Case(name: "relay: no enhance prompt", provider: "openai-relay", build: { $0.enhancePrompt = false },
             errors: ["gateway.no_enhance_prompt"]),
        Case(name: "relay: last frame not on Veo 3.0", provider: "openai-relay", model: "veo-3.0-generate-001",
             build: { $0.image = "a"; $0.lastFrame = "b" }, files: ["a": png, "b": png],
             errors: ["gateway.openai_relay.last_frame_model", "mode.unsupported"]),
        Case(name: "relay: references not on 3.1 Fast", provider: "openai-relay", model: "veo-3.1-fast-generate-preview",
             build: { $0.references = [.init(path: "r1")] }, files: ["r1": png],
             errors: ["gateway.openai_relay.references_model", "mode.unsupported"]),
        Case(name: "relay: style images refused on Veo 3.1", provider: "openai-relay",
             build: { $0.references = [.init(path: "r1", kind: .style)] }, files: ["r1": png], errors: ["reference_images.style_unsupported"]),
        Case(name: "relay: two samples warn", provider: "openai-relay", build: { $0.sampleCount = 2 },
             warnings: ["gateway.openai_relay.one_video"]),
        Case(name: "relay: text with allow_adult warns", provider: "openai-relay", build: { $0.personGeneration = "allow_adult" },
             warnings: ["gateway.openai_relay.person_text"]),
        Case(name: "relay: image with allow_all warns", provider: "openai-relay", build: { $0.personGeneration = "allow_all"; $0.image = "a" },
             files: ["a": png], warnings: ["gateway.openai_relay.person_image"]),
        Case(name: "relay: no safety level", provider: "openai-relay", build: { $0.safetyLevel = 3 }, errors: ["parameter.task_relay_only"]),
        Case(name: "relay sandbox plays the relay's rules", provider: "openai-relay-sandbox", build: { $0.fps = 24 },
             errors: ["gateway.no_fps"]),

        // maas-vertex (seeds/003): the Vertex body; bytes or gcsUri, bucket, compression and resize taken.
        Case(name: "maas: text to video", provider: "maas-vertex"),
        Case(name: "maas: image to video", provider: "maas-vertex", build: { $0.image = "a" }, files: ["a": png]),
        Case(name: "maas: first + last frame on 3.1 Fast", provider: "maas-vertex", model: "MaaS_Veo_3.1_fast_generate_preview",
             build: { $0.image = "a"; $0.lastFrame = "b" }, files: ["a": png, "b": png]),
        Case(name: "maas: reference images on 3.1", provider: "maas-vertex", model: "MaaS_Veo_3.1_generate_preview",
             build: { $0.references = [.init(path: "r1")] }, files: ["r1": png]),
        Case(name: "maas: gs:// images", provider: "maas-vertex", build: { $0.image = "gs://b/first.png" }),
        Case(name: "maas: its Vertex parameters", provider: "maas-vertex",
             build: { $0.image = "a"; $0.resizeMode = "crop"; $0.compressionQuality = "lossless"; $0.storageUri = "gs://my-bucket/veo/"
                      $0.seed = 7; $0.sampleCount = 4; $0.negativePrompt = "rain"; $0.personGeneration = "dont_allow"; $0.generateAudio = false },
             files: ["a": png]),
        Case(name: "maas: no web-address images", provider: "maas-vertex", build: { $0.references = [.init(path: "https://example.com/r.png")] },
             errors: ["input.url_unsupported"]),
        Case(name: "maas: no Pub/Sub", provider: "maas-vertex", build: { $0.pubsubTopic = "projects/p/topics/t" },
             errors: ["gateway.no_pubsub_topic"]),
        Case(name: "maas: no labels", provider: "maas-vertex", build: { $0.labels = ["team": "a"] }, errors: ["gateway.no_labels"]),
        Case(name: "maas: no fps", provider: "maas-vertex", build: { $0.fps = 24 }, errors: ["gateway.no_fps"]),
        Case(name: "maas: enhance prompt is Veo 2 only", provider: "maas-vertex", build: { $0.enhancePrompt = true },
             errors: ["gateway.maas_vertex.enhance_prompt"]),
        Case(name: "maas: 4k not on 3.1 Fast", provider: "maas-vertex", model: "MaaS_Veo_3.1_fast_generate_preview",
             build: { $0.resolution = "4k"; $0.storageUri = "gs://my-bucket/veo/" }, errors: ["gateway.maas_vertex.4k_model"]),
        Case(name: "maas: 4k inline warns", provider: "maas-vertex", build: { $0.resolution = "4k" },
             warnings: ["gateway.maas_vertex.inline_large"]),
        Case(name: "maas: 4k into a bucket", provider: "maas-vertex", build: { $0.resolution = "4k"; $0.storageUri = "gs://my-bucket/veo/" }),
        Case(name: "maas: allow_all warns", provider: "maas-vertex", build: { $0.personGeneration = "allow_all" },
             warnings: ["gateway.maas_vertex.person_allow_all"]),
        Case(name: "maas: references not on 3.1 Fast", provider: "maas-vertex", model: "MaaS_Veo_3.1_fast_generate_preview",
             build: { $0.references = [.init(path: "r1")] }, files: ["r1": png], errors: ["mode.unsupported"]),
        Case(name: "maas: no auto-fix", provider: "maas-vertex", build: { $0.autoFix = true }, errors: ["parameter.task_relay_only"]),

        // comet-chat (seeds/002): images as URLs; local files are uploaded by the service, not checked here.
        Case(name: "comet: text to video", provider: "comet-chat"),
        Case(name: "comet: image to video from a URL", provider: "comet-chat", build: { $0.image = "https://example.com/a.png" }),
        Case(name: "comet: first + last frame from URLs", provider: "comet-chat", model: "veo3.1",
             build: { $0.image = "https://example.com/first.jpg"; $0.lastFrame = "https://example.com/last.jpg"; $0.resolution = "1080p" }),
        Case(name: "comet: three asset URLs on veo3.1-pro", provider: "comet-chat", model: "veo3.1-pro",
             build: { $0.references = (1...3).map { .init(path: "https://example.com/ref\($0).jpg") } }),
        Case(name: "comet: asset URLs on veo3.1 (Fast)", provider: "comet-chat", model: "veo3.1",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")] }),
        Case(name: "comet: a local image passes the validator", provider: "comet-chat", build: { $0.image = "a" }, files: ["a": png]),
        Case(name: "comet: its config fields", provider: "comet-chat",
             build: { $0.seed = 7; $0.sampleCount = 2; $0.negativePrompt = "rain"; $0.generateAudio = true; $0.aspectRatio = "9:16" }),
        Case(name: "comet: no gs:// images", provider: "comet-chat", build: { $0.image = "gs://b/first.png" }, errors: ["gateway.gcs_input"]),
        Case(name: "comet: no Pub/Sub", provider: "comet-chat", build: { $0.pubsubTopic = "projects/p/topics/t" },
             errors: ["gateway.no_pubsub_topic"]),
        Case(name: "comet: no labels", provider: "comet-chat", build: { $0.labels = ["team": "a"] }, errors: ["gateway.no_labels"]),
        Case(name: "comet: fps goes in config (seeds/002)", provider: "comet-chat", build: { $0.fps = 24 }),
        Case(name: "comet: no compression quality", provider: "comet-chat", build: { $0.compressionQuality = "optimized" },
             errors: ["gateway.no_compression_quality"]),
        Case(name: "comet: no resize mode", provider: "comet-chat", build: { $0.resizeMode = "pad"; $0.image = "https://example.com/a.png" },
             errors: ["gateway.no_resize_mode"]),
        Case(name: "comet: no storage URI", provider: "comet-chat", build: { $0.storageUri = "gs://my-bucket/veo/" },
             errors: ["gateway.no_storage_uri"]),
        Case(name: "comet: no enhance prompt", provider: "comet-chat", build: { $0.enhancePrompt = true },
             errors: ["gateway.no_enhance_prompt"]),
        Case(name: "comet: style refused on Veo 3.1", provider: "comet-chat",
             build: { $0.references = [.init(path: "https://example.com/s.jpg", kind: .style)] }, errors: ["reference_images.style_unsupported"]),
        Case(name: "comet: no safety level", provider: "comet-chat", build: { $0.safetyLevel = 1 }, errors: ["parameter.task_relay_only"]),

        // task-relay (seeds/004): reference to video only, 1–3 URLs; local files are uploaded by the service.
        Case(name: "task relay: reference URLs", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg"), .init(path: "https://example.com/ref2.jpg")] }),
        Case(name: "task relay: Fast reference URLs", provider: "task-relay", model: "veo-3.1-fast-reference-to-video",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.resolution = "4k"; $0.autoFix = true }),
        Case(name: "task relay: the Standard model's options", provider: "task-relay", model: "veo-3.1-reference-to-video",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.personGeneration = "allow_adult"
                      $0.enhancePrompt = true; $0.safetyLevel = 3; $0.autoFix = false; $0.generateAudio = true
                      $0.aspectRatio = "9:16"; $0.resolution = "1080p" }),
        Case(name: "task relay: a local reference passes the validator", provider: "task-relay",
             build: { $0.references = [.init(path: "r1")] }, files: ["r1": png]),
        Case(name: "task relay: style on Standard warns", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/s.jpg", kind: .style)] },
             warnings: ["gateway.task_relay.style_unconfirmed"]),
        Case(name: "task relay: no text to video", provider: "task-relay",
             errors: ["gateway.task_relay.references_only", "mode.unsupported"]),
        Case(name: "task relay: no image to video", provider: "task-relay", model: "veo-3.1-reference-to-video",
             build: { $0.image = "https://example.com/a.png" }, errors: ["gateway.task_relay.references_only", "mode.unsupported"]),
        Case(name: "task relay: no first + last frame", provider: "task-relay", model: "veo-3.1-reference-to-video",
             build: { $0.image = "https://example.com/a.png"; $0.lastFrame = "https://example.com/b.png" },
             errors: ["gateway.task_relay.references_only", "mode.unsupported"]),
        Case(name: "task relay: references take 8 s", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.durationSeconds = 6 },
             errors: ["duration.reference_images_need_8"]),
        Case(name: "task relay: allow_all is not its value", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.personGeneration = "allow_all" },
             errors: ["gateway.task_relay.person_values"]),
        Case(name: "task relay: no person generation on Fast", provider: "task-relay", model: "veo-3.1-fast-reference-to-video",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.personGeneration = "allow_adult" },
             errors: ["gateway.task_relay.fast_person"]),
        Case(name: "task relay: no enhance prompt on Fast", provider: "task-relay", model: "veo-3.1-fast-reference-to-video",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.enhancePrompt = false },
             errors: ["gateway.task_relay.fast_enhance"]),
        Case(name: "task relay: no style on Fast", provider: "task-relay", model: "veo-3.1-fast-reference-to-video",
             build: { $0.references = [.init(path: "https://example.com/s.jpg", kind: .style)] },
             errors: ["gateway.task_relay.fast_style"]),
        Case(name: "task relay: no seed", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.seed = 42 }, errors: ["gateway.task_relay.no_seed"]),
        Case(name: "task relay: no negative prompt", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.negativePrompt = "rain" },
             errors: ["gateway.task_relay.no_negative_prompt"]),
        Case(name: "task relay: one video per task", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.sampleCount = 2 },
             errors: ["gateway.task_relay.one_video"]),
        Case(name: "task relay: safety level above 6", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.safetyLevel = 7 },
             errors: ["gateway.task_relay.safety_level"]),
        Case(name: "task relay: safety level 0", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.safetyLevel = 0 },
             errors: ["gateway.task_relay.safety_level"]),
        Case(name: "task relay: no gs:// references", provider: "task-relay",
             build: { $0.references = [.init(path: "gs://b/ref1.png")] }, errors: ["gateway.gcs_input"]),
        Case(name: "task relay: no Pub/Sub", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.pubsubTopic = "projects/p/topics/t" },
             errors: ["gateway.no_pubsub_topic"]),
        Case(name: "task relay: no labels", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.labels = ["team": "a"] },
             errors: ["gateway.no_labels"]),
        Case(name: "task relay: no fps", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.fps = 24 }, errors: ["gateway.no_fps"]),
        Case(name: "task relay: no compression quality", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.compressionQuality = "lossless" },
             errors: ["gateway.no_compression_quality"]),
        Case(name: "task relay: no resize mode", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.resizeMode = "pad" },
             errors: ["gateway.no_resize_mode"], warnings: ["resize_mode.needs_image"]),
        Case(name: "task relay: no storage URI", provider: "task-relay",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.storageUri = "gs://my-bucket/veo/" },
             errors: ["gateway.no_storage_uri"]),
        Case(name: "task relay sandbox plays the relay's rules", provider: "task-relay-sandbox",
             build: { $0.references = [.init(path: "https://example.com/ref1.jpg")]; $0.seed = 42 }, errors: ["gateway.task_relay.no_seed"]),

        // The Google APIs get none of the gateways' refusals.
        Case(name: "the Gemini API takes no web-address images", build: { $0.image = "https://example.com/a.png" },
             errors: ["input.url_unsupported"]),
        Case(name: "Vertex takes no web-address images", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.lastFrame = "https://example.com/b.png"; $0.image = "gs://b/first.png" }, errors: ["input.url_unsupported"]),
        Case(name: "the Gemini API: negative prompt, enhance prompt and samples are no gateway refusals",
             build: { $0.negativePrompt = "rain"; $0.enhancePrompt = true; $0.personGeneration = "allow_all" }),
        Case(name: "Vertex takes every option the gateways refuse", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.image = "gs://b/first.png"; $0.resizeMode = "crop"; $0.compressionQuality = "lossless"
                      $0.storageUri = "gs://my-bucket/veo/"; $0.pubsubTopic = "projects/p/topics/t"; $0.labels = ["team": "a"]
                      $0.fps = 24; $0.seed = 42; $0.enhancePrompt = false; $0.negativePrompt = "rain"; $0.sampleCount = 4
                      $0.personGeneration = "allow_all"; $0.resolution = "4k" }),
        Case(name: "Vertex style on 3.1 is refused as Google's rule, not the relay's", provider: "vertex", model: "veo-3.1-generate-001",
             build: { $0.references = [.init(path: "gs://b/s.png", kind: .style)] }, errors: ["reference_images.style_unsupported"]),
        Case(name: "safety level is task-relay only (Gemini API)", build: { $0.safetyLevel = 3 }, errors: ["parameter.task_relay_only"]),
        Case(name: "auto-fix is task-relay only (Vertex)", provider: "vertex", build: { $0.autoFix = true }, errors: ["parameter.task_relay_only"]),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: Case) throws {
        let folder = TemporaryFolder()
        for (name, data) in testCase.files { folder.write(name, data) }
        var draft = GenerationDraft()
        draft.provider = testCase.provider
        // The Gemini API's default model is Gemini Omni now: Veo's cases name Veo 3.1.
        draft.model = testCase.model ?? (testCase.provider == "gemini" ? "veo-3.1-generate-preview" : nil)
        draft.prompt = testCase.prompt
        testCase.build(&draft)
        var (media, loadIssues) = InputLoader(baseDirectory: folder.url).load(draft)
        for (field, seconds) in testCase.seconds { media[field]?.seconds = seconds }
        let report = Fixtures.validator.validate(draft, media: media, loadIssues: loadIssues,
                                                 extensionSource: testCase.source, continuation: testCase.continuation,
                                                 region: testCase.region, now: Self.now)
        let errors = Set(report.errors.map(\.code))
        #expect(errors == testCase.errors, "errors: \(report.errors.map(\.line))")
        let warnings = Set(report.warnings.map(\.code))
        #expect(testCase.warnings.isSubset(of: warnings), "warnings: \(report.warnings.map(\.line))")
        // Gateway warnings are listed exactly: a case names every gateway.* warning it raises, so the
        // Google APIs (and a gateway case that only expects others) prove they get none.
        let gatewayWarnings = warnings.filter { $0.hasPrefix("gateway.") }
        #expect(gatewayWarnings.isSubset(of: testCase.warnings), "unexpected gateway warnings: \(report.warnings.map(\.line))")
        #expect(report.isValid == testCase.errors.isEmpty)
        for issue in report.issues {
            #expect(!issue.message.isEmpty && !issue.fix.isEmpty, "\(issue.code) needs a message and a fix")
            #expect(!issue.message.contains("{") && !issue.fix.contains("{"), "unfilled placeholder in \(issue.line)")
        }
    }

    @Test func referenceImagesNeed8sSaysSoInPlainWords() throws {
        let folder = TemporaryFolder()
        folder.write("r.png", Self.png)
        var draft = GenerationDraft()
        draft.prompt = "x"
        draft.model = "veo-3.1-generate-preview"
        draft.references = [.init(path: "r.png")]
        draft.durationSeconds = 4
        let (media, issues) = InputLoader(baseDirectory: folder.url).load(draft)
        let report = Fixtures.validator.validate(draft, media: media, loadIssues: issues)
        let issue = try #require(report.errors.first { $0.code == "duration.reference_images_need_8" })
        #expect(issue.line == "durationSeconds: reference images need 8 s — set duration to 8")
    }

    @Test func vertexIdIsSentAsThePreviewIdOnTheGeminiAPI() {
        var draft = GenerationDraft()
        draft.prompt = "x"
        draft.model = "veo-3.1-fast-generate-001"
        let report = Fixtures.validator.validate(draft)
        #expect(report.spec?.model == "veo-3.1-fast-generate-preview")
    }

    @Test func everyRuleCitesASourceAndADate() {
        for rule in Fixtures.registry.document.rules {
            #expect(!rule.source.isEmpty && !rule.as_of.isEmpty, "\(rule.id)")
        }
        for model in Fixtures.registry.document.models {
            #expect(!model.lifecycle.isEmpty, "\(model.family) has no lifecycle")
            for life in model.lifecycle { #expect(!life.source.isEmpty && !life.as_of.isEmpty) }
        }
    }

    @Test func everyRuleIsExercisedByTheTable() {
        let covered = Set((Self.cases + OmniValidatorTableTests.cases).flatMap { $0.errors.union($0.warnings) })
        for rule in Fixtures.registry.document.rules {
            #expect(covered.contains(rule.code), "no case raises \(rule.code) (\(rule.id))")
        }
    }
}
