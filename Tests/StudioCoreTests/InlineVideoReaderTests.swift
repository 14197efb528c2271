import Foundation
import Testing
@testable import StudioCore

/// The streaming reader of Vertex inline answers: the same files and the same JSON whatever way the
/// body is cut into pieces, and nothing left behind when the answer is broken.
struct InlineVideoReaderTests {
    static let samples: [Data] = [Data((0..<301).map { UInt8(($0 * 37 + 11) % 256) }),
                                  Data((0..<302).map { UInt8(($0 * 91 + 3) % 256) })]

    /// A finished answer with two inline samples; `escapeSlashes` writes `/` as `\/` as some encoders do.
    static func answer(escapeSlashes: Bool = false) -> Data {
        func b64(_ data: Data) -> String {
            let text = data.base64EncodedString()
            return escapeSlashes ? text.replacingOccurrences(of: "/", with: "\\/") : text
        }
        let text = """
        {"name": "projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/0f9e",
         "done": true,
         "response": {"@type": "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse",
          "raiMediaFilteredCount": 0, "note": "caf\\u00e9 \\ud83c\\udfac",
          "videos": [{"bytesBase64Encoded": "\(b64(samples[0]))", "mimeType": "video/mp4"},
                     {"mimeType": "video/mp4", "bytesBase64Encoded": "\(b64(samples[1]))"}]}}
        """
        return Data(text.utf8)
    }

    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inline-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
        func reader() -> InlineVideoReader {
            InlineVideoReader { try AtomicFileWriter(destination: self.url.appendingPathComponent("sample_\($0).mp4")) }
        }
    }

    /// Feeds `body` cut at `cuts` and returns the answer; the files are checked against the samples.
    static func read(_ body: Data, cuts: [Int], in folder: Folder) throws -> JSONValue {
        let reader = folder.reader()
        var start = 0
        for cut in cuts + [body.count] where cut >= start {
            try body[start..<cut].withUnsafeBytes { try reader.feed($0) }
            start = cut
        }
        let (json, files) = try reader.finish()
        #expect(files.count == 2)
        for (index, sample) in samples.enumerated() {
            #expect(FileManager.default.contents(atPath: files[index].path) == sample)
        }
        return json
    }

    @Test func everyTwoPieceCutGivesTheSameAnswer() throws {
        let body = Self.answer()
        let folder = Folder()
        let whole = try Self.read(body, cuts: [], in: folder)
        #expect(whole["response"]?["videos"]?[0]?["bytesBase64Encoded"]?["stagedSample"] == .number(0))
        #expect(whole["response"]?["videos"]?[1]?["bytesBase64Encoded"]?["bytes"] == .number(302))
        #expect(whole["response"]?["note"] == .string("café 🎬"))
        for cut in 1..<body.count {
            #expect(try Self.read(body, cuts: [cut], in: folder) == whole, "cut at \(cut)")
        }
        #expect(folder.names == ["sample_0.mp4", "sample_1.mp4"])
    }

    @Test func awkwardBoundariesAndOneBytePieces() throws {
        let folder = Folder()
        for escaped in [false, true] {
            let body = Self.answer(escapeSlashes: escaped)
            let text = String(decoding: body, as: UTF8.self)
            let keyStart = text.utf8.distance(from: text.startIndex, to: text.range(of: "bytesBase64Encoded")!.lowerBound)
            let payloadStart = keyStart + "bytesBase64Encoded\": \"".utf8.count
            let between = text.utf8.distance(from: text.startIndex, to: text.range(of: "},")!.lowerBound) + 2
            // Inside the key, inside a base64 quad (offsets 1–3 of a quad), between samples, and every byte.
            let cuts = [keyStart + 5, payloadStart + 1, payloadStart + 6, payloadStart + 7, between]
            let answer = try Self.read(body, cuts: cuts, in: folder)
            #expect(answer["done"] == .bool(true))
            _ = try Self.read(body, cuts: Array(1..<body.count), in: folder)
        }
    }

    @Test func aCutOffAnswerFailsAndLeavesNoFile() throws {
        let body = Self.answer()
        for length in stride(from: 0, to: body.count, by: 7) {
            let folder = Folder()
            let reader = folder.reader()
            #expect(throws: ProviderFailure.self, "cut at \(length)") {
                try body.prefix(length).withUnsafeBytes { try reader.feed($0) }
                _ = try reader.finish()
            }
            reader.abandon()
            #expect(folder.names.isEmpty, "cut at \(length) left \(folder.names)")
        }
    }

    @Test func malformedAnswersFailClearlyAndLeaveNoFile() throws {
        let broken: [(String, String)] = [
            (#"{"name": "n", "done": true, "response": {"videos": [{"bytesBase64Encoded": "AAAA!AAA"}]}}"#, "base64"),
            (#"{"name": "n", "done": true, "response": {"videos": [{"bytesBase64Encoded": "AAAAA"}]}}"#, "base64"),
            (#"{"name": "n", "done": true, "response": {"videos": [{"bytesBase64Encoded": "AA==AA"}]}}"#, "base64"),
            ("<html><body>502 Bad Gateway</body></html>", "not valid JSON"),
            (#"{"name": "n",, "done": true}"#, "not valid JSON"),
            (#"{"name": "n"} trailing"#, "not valid JSON"),
        ]
        for (body, expected) in broken {
            let folder = Folder()
            let reader = folder.reader()
            var message = ""
            do {
                try Data(body.utf8).withUnsafeBytes { try reader.feed($0) }
                _ = try reader.finish()
            } catch {
                message = "\(error)"
            }
            reader.abandon()
            #expect(message.contains(expected), "\(body) → \(message)")
            #expect(folder.names.isEmpty)
        }
    }

    @Test func base64DecoderMatchesFoundationForEveryLength() throws {
        for length in 0..<40 {
            let data = Data((0..<length).map { UInt8(($0 * 53 + 7) % 256) })
            var decoder = Base64StreamDecoder()
            var output: [UInt8] = []
            for character in data.base64EncodedString().utf8 {
                try withUnsafeBytes(of: character) { try decoder.decode($0, into: &output) }
            }
            try decoder.finish(into: &output)
            #expect(Data(output) == data, "length \(length)")
        }
    }
}
