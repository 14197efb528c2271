import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Cloud Storage subset")
struct GCSTests {
    static let png = Data(base64Encoded: Fixture.redPNG) ?? Data()

    @Test("upload answers metadata; GET gives metadata, or the bytes with alt=media")
    func uploadAndRead() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let uploaded = try await vertex.upload(Self.png, to: "gs://my-bucket/inputs/first.png")
            #expect(uploaded.status == .ok)
            let metadata = try uploaded.json()
            #expect(metadata["kind"] == "storage#object")
            #expect(metadata["bucket"] == "my-bucket")
            #expect(metadata["name"] == "inputs/first.png")
            #expect(metadata["size"] == .string(String(Self.png.count)), "size is a string, as in the JSON API")
            #expect(metadata["contentType"] == "image/png")

            let read = try await vertex.object("gs://my-bucket/inputs/first.png", media: false)
            #expect(read.status == .ok)
            #expect(try read.json() == metadata)

            let media = try await vertex.object("gs://my-bucket/inputs/first.png")
            #expect(media.status == .ok)
            #expect(media.headers[.contentType] == "image/png")
            #expect(media.headers[.contentLength] == String(Self.png.count))
            #expect(Data(media.body.readableBytesView) == Self.png)

            let plainSlashes = try await emulator.client.execute(
                uri: "/storage/v1/b/my-bucket/o/inputs/first.png?alt=media", method: .get,
                headers: VertexClient.headers(token: VertexClient.token))
            #expect(Data(plainSlashes.body.readableBytesView) == Self.png, "unencoded slashes name the same object")
        }
    }

    @Test("an upload replaces the object and bumps its generation")
    func overwrite() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let first = try await vertex.upload(Data("one".utf8), to: "gs://b1b/x.txt", contentType: "text/plain").json()
            let second = try await vertex.upload(Data("second".utf8), to: "gs://b1b/x.txt", contentType: "text/plain").json()
            #expect(first["generation"] != second["generation"])
            let media = try await vertex.object("gs://b1b/x.txt")
            #expect(String(buffer: media.body) == "second")
            #expect(try await emulator.control("objects").json().arrayValue?.count == 1)
        }
    }

    @Test("a missing object answers 404 No such object: BUCKET/NAME")
    func missing() async throws {
        try await Fixture.withEmulator { emulator in
            for media in [true, false] {
                let response = try await emulator.vertex.object("gs://my-bucket/veo-out/ab12/sample_0.mp4", media: media)
                #expect(response.status == .notFound)
                let error = try #require(try response.json()["error"])
                #expect(error["code"] == 404)
                #expect(error["message"] == "No such object: my-bucket/veo-out/ab12/sample_0.mp4")
                #expect(error["errors"]?.arrayValue?.first?["reason"] == "notFound")
            }
        }
    }

    @Test("uploads need uploadType=media, a name and a valid bucket")
    func uploadRefusals() async throws {
        try await Fixture.withEmulator { emulator in
            let headers = VertexClient.headers(token: VertexClient.token)
            let multipart = try await emulator.client.execute(
                uri: "/upload/storage/v1/b/my-bucket/o?uploadType=multipart&name=a", method: .post, headers: headers,
                body: ByteBuffer(string: "x"))
            #expect(multipart.status == .badRequest)
            #expect(multipart.errorMessage == "Unsupported uploadType 'multipart': the emulator takes uploadType=media.")
            let noName = try await emulator.client.execute(
                uri: "/upload/storage/v1/b/my-bucket/o?uploadType=media", method: .post, headers: headers, body: ByteBuffer(string: "x"))
            #expect(noName.errorMessage == "Required parameter: name")
            let badBucket = try await emulator.client.execute(
                uri: "/upload/storage/v1/b/Bad_Bucket!/o?uploadType=media&name=a", method: .post, headers: headers,
                body: ByteBuffer(string: "x"))
            #expect(badBucket.status == .badRequest)
            #expect(badBucket.errorMessage == "Invalid bucket name: 'Bad_Bucket!'")
        }
    }

    @Test("a truncated download fault cuts stored objects as it cuts Gemini downloads")
    func truncated() async throws {
        let plan = try FaultPlan(spec: "truncated@download")
        try await Fixture.withEmulator(Fixture.options(faults: plan), mode: .live) { emulator in
            let vertex = emulator.vertex
            let data = Data(repeating: 7, count: 4096)
            try await vertex.put(data, at: "gs://my-bucket/blob.bin", contentType: "application/octet-stream")
            do {
                let response = try await vertex.object("gs://my-bucket/blob.bin")
                #expect(response.headers[.contentLength] == "4096")
                #expect(response.body.readableBytes < 4096)
            } catch {
                // The client noticed the early close: that is the point of the fault.
            }
        }
    }

    @Test("bucket names follow Cloud Storage's rules", arguments: [
        ("my-bucket", true), ("a.b.c", true), ("abc", true), ("ab", false), ("Upper", false), ("-dash", false),
        ("under_score", true), (String(repeating: "a", count: 64), false), ("has/slash", false),
    ])
    func bucketNames(_ name: String, _ valid: Bool) {
        #expect(GCSLocation.isValidBucket(name) == valid)
    }

    @Test("gs:// URIs parse into bucket and name")
    func locations() {
        #expect(GCSLocation(uri: "gs://my-bucket/veo-out/") == GCSLocation(bucket: "my-bucket", name: "veo-out/"))
        #expect(GCSLocation(uri: "gs://my-bucket") == GCSLocation(bucket: "my-bucket", name: ""))
        #expect(GCSLocation(uri: "gs://my-bucket/a/b.png")?.directoryPrefix == "a/b.png/")
        #expect(GCSLocation(uri: "https://storage.googleapis.com/b/o") == nil)
        #expect(GCSLocation(uri: "gs://") == nil)
    }
}
