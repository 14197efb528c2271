import Foundation
import Testing
@testable import StudioCore

/// A submit body streamed from the asset store is, byte for byte, the body with its inputs inline.
struct StreamedRequestBodyTests {
    /// Stores `files` in a fresh asset store in `folder` and returns it with their refs.
    static func store(_ files: [Data], in folder: TemporaryFolder) throws -> (AssetStore, [MediaRef]) {
        let store = AssetStore(root: folder.url)
        let refs = try files.enumerated().map { index, data in
            let loaded = LoadedMedia(path: "\(index).png", data: data)
            let ref = loaded.ref(mimeType: "image/png")
            _ = try store.store(loaded, ref: ref, kind: "image", at: Date())
            return ref
        }
        return (store, refs)
    }

    @Test("three inputs of odd sizes, one of them twice, stream to the same bytes as inline")
    func sameBytesAsInline() async throws {
        // Sizes around the chunk and the 3-byte base64 group: short, exactly one chunk, and more than two chunks.
        let sizes = [1, StreamedRequestBody.chunkBytes, 2 * StreamedRequestBody.chunkBytes + 2]
        let files = sizes.enumerated().map { index, size in Data((0..<size).map { UInt8(truncatingIfNeeded: $0 * 31 + index) }) }
        let folder = TemporaryFolder()
        let (store, refs) = try Self.store(files, in: folder)
        let provider = GeminiAPIProvider(apiKey: "k", baseURL: "http://127.0.0.1:9", apiVersion: "v1beta")
        var draft = GenerationDraft()
        draft.prompt = "a prompt with \"quotes\" and a \\ backslash"
        let spec = GenerationSpec(draft: draft, provider: "gemini", model: "veo-3.1-generate-preview", mode: .referenceImages,
                                  image: nil, lastFrame: nil,
                                  references: (refs + [refs[0]]).map { ReferenceRef(media: $0, kind: .asset) }, video: nil,
                                  effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                                 sampleCount: 1, generateAudio: true))

        let inline = try provider.submitRequest(for: spec, media: store)
        let streamed = StreamedMediaSource(store: store)
        let request = streamed.attach(to: try provider.submitRequest(for: spec, media: streamed), media: refs)

        #expect(request.payloads.count == 3)
        #expect(request.body != inline.body, "the streamed body holds placeholders, not the inputs")
        let encoded = try #require(request.body).encoded()
        let streamedOnly = EncodedPayloadCache(totalLimit: 0, entryLimit: 0)
        let body = try StreamedRequestBody(encoded: encoded, payloads: request.payloads, cache: streamedOnly)
        let sent = try await body.collected()
        let expected = try #require(inline.body).encoded()
        #expect(sent == expected)
        #expect(body.length == sent.count, "the Content-Length announced is what is sent")
        #expect(request.abbreviatedBody() == inline.abbreviatedBody(), "journaled and shown the same way")

        // Kept: the two smaller inputs (the largest is over the entry limit, so it streams in chunks).
        let kept = EncodedPayloadCache(totalLimit: 1 << 20, entryLimit: 2 * StreamedRequestBody.chunkBytes)
        #expect(try await StreamedRequestBody(encoded: encoded, payloads: request.payloads, cache: kept).collected() == expected)
        #expect(kept.hits == 1, "the input named twice is encoded once")
        #expect(try await StreamedRequestBody(encoded: encoded, payloads: request.payloads, cache: kept).collected() == expected,
                "sent again from what was kept: the same bytes")
        #expect(kept.hits == 4, "sent again, every kept input comes from the cache")
    }

    @Test("the kept encodings stay within their bound: the least recently sent leaves first")
    func keptEncodingsAreBounded() async throws {
        let folder = TemporaryFolder()
        let files = (0..<3).map { Data(repeating: UInt8($0), count: 3_000) }
        let (store, refs) = try Self.store(files, in: folder)
        let payloads = refs.enumerated().map { index, ref in
            WireRequest.Payload(token: "veo-studio-payload-\(index)", path: store.location(sha256: ref.sha256, mimeType: ref.mimeType).path,
                                byteCount: ref.byteCount)
        }
        let cache = EncodedPayloadCache(totalLimit: 8_000, entryLimit: 8_000)  // two of the 4,000-byte encodings
        func send(_ index: Int) async throws -> Data {
            try await StreamedRequestBody(encoded: Data("{\"a\":\"veo-studio-payload-\(index)\"}".utf8), payloads: [payloads[index]],
                                          cache: cache).collected()
        }
        for index in [0, 1, 2] { _ = try await send(index) }
        #expect(cache.hits == 0)
        #expect(try await send(2) == Data("{\"a\":\"\(files[2].base64EncodedString())\"}".utf8))
        #expect(cache.hits == 1, "the newest is kept")
        _ = try await send(0)
        #expect(cache.hits == 1, "the oldest left when the third came")
    }

    @Test("a stored input that changed size is refused before anything is sent")
    func changedInputIsRefused() throws {
        let folder = TemporaryFolder()
        let (store, refs) = try Self.store([Data(repeating: 7, count: 100)], in: folder)
        let path = store.location(sha256: refs[0].sha256, mimeType: refs[0].mimeType).path
        try Data(repeating: 7, count: 10).write(to: URL(fileURLWithPath: path))
        let payload = WireRequest.Payload(token: "veo-studio-payload-x", path: path, byteCount: 100)
        #expect(throws: ProviderFailure.self) {
            _ = try StreamedRequestBody(encoded: Data("{\"a\":\"veo-studio-payload-x\"}".utf8), payloads: [payload])
        }
    }
}
