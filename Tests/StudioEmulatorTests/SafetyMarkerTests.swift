import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Prompt marker words")
struct SafetyMarkerTests {
    @Test("[[rai]] filters every sample: done, no generatedSamples, reasons end in a support code")
    func raiAll() async throws {
        try await Fixture.withEmulator { emulator in
            let done = try await emulator.generate(Body.text("[[rai]] something", parameters: .object(["sampleCount": 2])))
            #expect(done["done"] == true)
            let response = try #require(done.videoResponse)
            #expect(response["generatedSamples"] == nil)
            #expect(response["raiMediaFilteredCount"] == 2)
            let reason = try #require(response["raiMediaFilteredReasons"]?.arrayValue?.first?.stringValue)
            #expect(reason.hasSuffix("Support codes: 74803281"))
            #expect(done["error"] == nil)
        }
    }

    @Test("[[rai:CATEGORY]] uses that category's support code",
          arguments: [("children", "58061214"), ("celebrity", "29310472"), ("violence", "61493863"),
                      ("sexual", "90789179"), ("hate", "57734940"), ("dangerous", "62263041"), ("pii", "92201652")])
    func raiCategory(category: String, code: String) async throws {
        try await Fixture.withEmulator { emulator in
            let done = try await emulator.generate(Body.text("a scene [[rai:\(category)]]"))
            let reason = done.videoResponse?["raiMediaFilteredReasons"]?.arrayValue?.first?.stringValue ?? ""
            #expect(reason.hasSuffix("Support codes: \(code)"), "\(reason)")
            #expect(done.videoResponse?["raiMediaFilteredCount"] == 1)
        }
    }

    @Test("[[rai-partial]] filters one of several samples")
    func raiPartial() async throws {
        try await Fixture.withEmulator { emulator in
            let done = try await emulator.generate(Body.text("[[rai-partial]] three takes", parameters: .object(["sampleCount": 3])))
            #expect(done.sampleURIs.count == 2)
            #expect(done.videoResponse?["raiMediaFilteredCount"] == 1)
        }
    }

    @Test("an unknown category is refused at submit so a typo is noticed")
    func unknownCategory() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.submit(Body.text("[[rai:gore]]"))
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.contains("'gore'") == true)
        }
    }

    @Test("markers are parsed from anywhere in the prompt")
    func parsing() {
        #expect(SafetyMarkers(prompt: "x [[ RAI : Children ]] y").raiCategory == "children")
        #expect(SafetyMarkers(prompt: "[[op_error]]").operationError)
        #expect(SafetyMarkers(prompt: "[[submit_error]]").submitError)
        #expect(SafetyMarkers(prompt: "[[rai-partial:hate]]") == {
            var markers = SafetyMarkers(prompt: nil)
            markers.raiCategory = "hate"
            markers.raiPartial = true
            return markers
        }())
        #expect(SafetyMarkers(prompt: "[[http_uri]] [[rai") == SafetyMarkers(prompt: nil))
    }
}
