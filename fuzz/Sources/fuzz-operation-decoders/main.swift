import Foundation
import FuzzSupport
@testable import StudioCore

/// Every operation/task answer decoder on any JSON value: they may throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    guard let answer = try? JSONValue.decode(Data(bytes)) else { return 0 }
    _ = try? GeminiOperationDecoder.decode(answer)
    _ = try? VertexOperationDecoder.decode(answer, inlineURI: { "vertex-inline:op#\($0)" })
    _ = try? RelayTaskDecoder.decode(answer, task: "T", inlineURI: nil)
    _ = try? RelayTaskDecoder.decode(answer, task: "T", inlineURI: "relay-inline:T#0")
    _ = try? UnifiedTaskDecoder.decode(answer, task: "T")
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
