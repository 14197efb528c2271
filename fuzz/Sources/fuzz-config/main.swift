import Foundation
import FuzzSupport
@testable import StudioCore

/// The config parser: StudioConfig.load from a config.toml holding the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    let url = FuzzScratch.write(Array(bytes), named: "config.toml")
    _ = try? StudioConfig.load(from: url)
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
