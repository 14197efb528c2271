import Foundation
import Testing
@testable import StudioCore

/// How an Interaction answer reads: statuses, the three places errors come from, a completed
/// interaction without a video, and inline versus Files API videos.
struct InteractionDecoderTests {
    static func decode(_ text: String) throws -> OperationSnapshot {
        try InteractionDecoder.decode(try JSONValue.decode(Data(text.utf8)), operation: "v1_op") { "omni-inline:v1_op#\($0)" }
    }

    @Test(arguments: ["queued", "in_progress", "requires_action", "requires_continuation"])
    func aRunningStatusIsNotDone(_ status: String) throws {
        let snapshot = try Self.decode(#"{"id":"v1_op","status":"\#(status)"}"#)
        #expect(!snapshot.done)
        #expect(snapshot.error == nil)
    }

    @Test func theRecordedURIAnswerGivesItsFile() throws {
        let capture = try Fixtures.capture("01-omni_t2v_background_poll_uri_download", backend: "interactions")
        let answer = try #require(capture["requests"]?[2]?["response"]?["body"])
        let snapshot = try InteractionDecoder.decode(answer, operation: "v1_UlG05sq33uDGlXIvSja9g75w") { "omni-inline:x#\($0)" }
        #expect(snapshot.done)
        #expect(snapshot.error == nil)
        #expect(snapshot.videos == [RemoteVideo(uri: "https://generativelanguage.googleapis.com/v1beta/files/zlm3xedb5sdi:download?alt=media",
                                                mimeType: "video/mp4")])
        #expect(snapshot.name == "v1_UlG05sq33uDGlXIvSja9g75w")
    }

    @Test func aStagedInlineVideoBecomesAnInlineURI() throws {
        let snapshot = try Self.decode(#"""
            {"id":"v1_op","status":"completed","steps":[{"type":"thought","signature":"c2ln"},
             {"type":"model_output","content":[{"type":"video","mime_type":"video/mp4","data":{"stagedSample":1,"bytes":10}}]}]}
            """#)
        #expect(snapshot.videos.map(\.uri) == ["omni-inline:v1_op#1"])
    }

    @Test func onlyOutputsAfterTheLastUserInputCount() throws {
        let snapshot = try Self.decode(#"""
            {"id":"v1_op","status":"completed","steps":[
             {"type":"model_output","content":[{"type":"video","uri":"https://x/v1beta/files/old1"}]},
             {"type":"user_input","content":[{"type":"text","text":"again"}]},
             {"type":"model_output","content":[{"type":"text","text":"here"},{"type":"video","uri":"https://x/v1beta/files/new1"}]}]}
            """#)
        #expect(snapshot.videos.map(\.uri) == ["https://x/v1beta/files/new1"])
    }

    @Test func errorsListFailsTheJobWithItsMessage() throws {
        let snapshot = try Self.decode(#"{"id":"v1_op","status":"failed","errors":[{"code":"INVALID_ARGUMENT","message":"duration must be between 3s and 10s"}]}"#)
        #expect(snapshot.done)
        #expect(snapshot.error?.message == "duration must be between 3s and 10s")
        #expect(snapshot.error?.status == "INVALID_ARGUMENT")
    }

    @Test func aModelOutputErrorIsAGoogleRPCStatus() throws {
        let snapshot = try Self.decode(#"""
            {"id":"v1_op","status":"completed","steps":[{"type":"model_output","error":{"code":3,"status":"INVALID_ARGUMENT","message":"The prompt could not be processed"}}]}
            """#)
        #expect(snapshot.error?.rpcCode == 3)
        #expect(snapshot.error?.message == "The prompt could not be processed")
        #expect(snapshot.videos.isEmpty)
    }

    @Test func completedWithoutAVideoIsAFailureTheExplainerKnows() throws {
        let snapshot = try Self.decode(#"""
            {"id":"v1_op","status":"completed","steps":[{"type":"thought","signature":"x"},{"type":"model_output","content":[]}],
             "usage":{"total_output_tokens":0}}
            """#)
        let error = try #require(snapshot.error)
        #expect(error.message.contains("completed without a video"))
        let explanation = ErrorExplainer(registry: Fixtures.registry).explain(error)
        #expect(explanation.code == "omni.empty_output")
        #expect(explanation.cause.contains("region"))
    }

    @Test(arguments: [("cancelled", "omni.cancelled"), ("incomplete", "omni.incomplete"), ("budget_exceeded", "omni.budget_exceeded"),
                      ("failed", "server.unexplained")])
    func everyOtherTerminalStatusIsExplained(_ status: String, _ code: String) throws {
        let snapshot = try Self.decode(#"{"id":"v1_op","status":"\#(status)"}"#)
        #expect(snapshot.done)
        let error = try #require(snapshot.error)
        #expect(ErrorExplainer(registry: Fixtures.registry).explain(error).code == code)
    }

    @Test func anAnswerThatIsNoObjectIsMalformed() {
        #expect(throws: ProviderFailure.self) { try Self.decode("[1,2]") }
    }

    /// The whole inline path short of HTTP: the answer read in small pieces, the video decoded to its
    /// own staged file, an echoed input image's payload staged apart (and not taken as a video).
    @Test func inlineVideosStreamToStagedFilesWhileTheAnswerArrives() throws {
        let folder = TemporaryFolder()
        let store = StagedVideoStore(directory: folder.url)
        let video = Data((0..<5000).map { UInt8($0 % 251) })
        let answer = #"{"id":"v1_op","status":"completed","steps":[{"type":"user_input","content":[{"type":"image","mime_type":"image/png","data":"iVBORw0K"}]},"#
            + #"{"type":"model_output","content":[{"type":"video","mime_type":"video/mp4","data":"\#(video.base64EncodedString())"}]}]}"#
        let reader = store.reader(for: "v1_op", streamedKey: "data")
        let bytes = Array(answer.utf8)
        for start in stride(from: 0, to: bytes.count, by: 97) {
            try bytes[start..<min(start + 97, bytes.count)].withUnsafeBytes { try reader.feed($0) }
        }
        let (json, files) = try reader.finish()
        let snapshot = try InteractionDecoder.decode(json, operation: "v1_op") { StagedVideoStore.uri(scheme: OmniInteractionsProvider.inlineScheme, operation: "v1_op", index: $0) }
        #expect(files.count == 2)
        #expect(snapshot.videos.map(\.uri) == ["omni-inline:v1_op#1"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: files[1].path)) == video)
    }
}
