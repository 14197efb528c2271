import Foundation
import FuzzSupport
@testable import StudioCore

/// JSONValue.decode on arbitrary bytes, then re-encoding and subscripting what it decoded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    let data = Data(bytes)
    guard let value = try? JSONValue.decode(data) else { return 0 }
    _ = value.encodedString()
    _ = value["a"]?[0]?.stringValue
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
