import Foundation
import FuzzSupport
@testable import StudioCore

/// ChatAnswerReader fed the body in fuzzer-chosen pieces, then finish() and the link finder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    let input = FuzzInput(bytes)
    let reader = ChatAnswerReader()
    do {
        for piece in input.pieces { try reader.feed(Data(piece)) }
        try reader.finish()
    } catch {
        return 0
    }
    _ = reader.videoLinks
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
