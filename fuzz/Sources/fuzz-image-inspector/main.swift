import Foundation
import FuzzSupport
@testable import StudioCore

/// The image sniffer on arbitrary bytes: claimedFormat and inspect may return nil, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    _ = ImageInspector.claimedFormat(Array(bytes))
    _ = ImageInspector.inspect(Array(bytes))
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
