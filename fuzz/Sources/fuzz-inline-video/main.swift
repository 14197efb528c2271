import Foundation
import FuzzSupport
@testable import StudioCore

/// InlineVideoReader (and the Base64StreamDecoder inside it) fed the body in fuzzer-chosen pieces;
/// then finish() on success or abandon() on failure. Every file it begins must be committed or
/// removed. The same body also goes straight through Base64StreamDecoder, checked against
/// Foundation's decoder on the whole text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    let input = FuzzInput(bytes)
    let pieces = input.pieces
    let directory = FuzzScratch.directory.appendingPathComponent("run", isDirectory: true)
    let reader = InlineVideoReader { index in
        try AtomicFileWriter(destination: directory.appendingPathComponent("sample_\(index).mp4"))
    }
    do {
        for piece in pieces { try piece.withUnsafeBytes { try reader.feed($0) } }
        let (_, files) = try reader.finish()
        for file in files { try? FileManager.default.removeItem(atPath: file.path) }
    } catch {
        reader.abandon()
    }
    if let left = try? FileManager.default.contentsOfDirectory(atPath: directory.path), !left.isEmpty {
        fatalError("InlineVideoReader left files behind: \(left)")
    }

    var decoder = Base64StreamDecoder()
    var output: [UInt8] = []
    do {
        for piece in pieces { try piece.withUnsafeBytes { try decoder.decode($0, into: &output) } }
        try decoder.finish(into: &output)
    } catch {
        return 0
    }
    precondition(decoder.bytesDecoded == output.count, "bytesDecoded \(decoder.bytesDecoded) != \(output.count)")
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
