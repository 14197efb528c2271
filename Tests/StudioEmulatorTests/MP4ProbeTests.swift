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

    /// An ISO BMFF box: 32-bit size, type, content.
    static func box(_ type: String, _ content: [UInt8]) -> [UInt8] {
        let size = UInt32(8 + content.count)
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) } + Array(type.utf8) + content
    }

    /// `ftyp`, then `moov/mvhd` version 1 with timescale 1 and a 64-bit `duration`.
    static func movie(duration: UInt64) -> Data {
        let durationBytes = stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: duration >> UInt64($0)) }
        let mvhd = [1, 0, 0, 0] + [UInt8](repeating: 0, count: 16) + [0, 0, 0, 1] + durationBytes
        return Data(box("ftyp", Array("isom".utf8) + [0, 0, 0, 0]) + box("moov", box("mvhd", mvhd)))
    }

    @Test("a 64-bit box size past the file, or an all-ones version 1 duration, reads as no duration")
    func hostileHeaders() {
        let largeSize = Data(Self.box("ftyp", Array("isom".utf8) + [0, 0, 0, 0]) + [0, 0, 0, 1] + Array("free".utf8) + [UInt8](repeating: 0xFF, count: 8))
        let probe = MP4Probe(largeSize)
        #expect(probe.isMP4)
        #expect(probe.durationSeconds == nil)
        #expect(MP4Probe(Self.movie(duration: 9)).durationSeconds == 9)
        #expect(MP4Probe(Self.movie(duration: .max)).durationSeconds == nil, "all ones means unknown")
    }

    @Test("an uploaded MP4 claiming more seconds than Int holds is extended from the assumed 8 s")
    func absurdDuration() async throws {
        try await Fixture.withEmulator { emulator in
            let video = Self.movie(duration: .max - 1)
            #expect((MP4Probe(video).durationSeconds ?? 0) > Double(Int.max))
            let done = try await emulator.vertex.generate(VertexBody.instance(["prompt": "c", "video": VertexBody.video(bytes: video)]))
            #expect(done.inlineVideos.count == 1)
            let file = try #require(try await emulator.control("operations").json().arrayValue?.first?["files"]?.arrayValue?.first)
            #expect(file["durationSeconds"] == 15)
        }
    }
}
