import Foundation
import Testing

@testable import StudioEmulator

@Suite("MP4 header probe")
struct MP4ProbeTests {
    @Test("the built-in MP4 reads as 8 s at 1280x720")
    func builtin() throws {
        let probe = MP4Probe(try #require(VideoRenderer.builtinVideo()))
        #expect(probe.isMP4)
        #expect((probe.durationSeconds ?? 0).rounded() == 8)
        #expect(probe.width == 1280 && probe.height == 720)
    }

    @Test("other bytes are not an MP4, and a cut file gives no duration instead of crashing")
    func damaged() throws {
        #expect(!MP4Probe(Data(base64Encoded: Fixture.redPNG) ?? Data()).isMP4)
        #expect(!MP4Probe(Data()).isMP4)
        let builtin = try #require(VideoRenderer.builtinVideo())
        let header = MP4Probe(builtin.prefix(32))
        #expect(header.isMP4)
        #expect(header.durationSeconds == nil)
        for length in stride(from: 8, to: builtin.count, by: 97) {
            _ = MP4Probe(builtin.prefix(length))
        }
    }
}
