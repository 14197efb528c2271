import Foundation
import FuzzSupport
import StudioCore

/// Every plugin's answer decoder on any bytes (`ProviderPlugin.decodeAnswer`): they may throw, never trap.
/// A new protocol is fuzzed by being in `ProviderPlugins.all`; its seeds are named `<wire>-…`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Data(UnsafeRawBufferPointer(fuzz: data, count))
    for plugin in ProviderPlugins.all {
        _ = try? plugin.decodeAnswer(bytes)
    }
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
