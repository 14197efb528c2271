import Foundation
import FuzzSupport
@testable import StudioCore

/// The rules file parser: CapabilityRegistry.load from a file holding the input, then the lookups
/// every command makes on a loaded registry.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(fuzz: data, count)
    let url = FuzzScratch.write(Array(bytes), named: "rules.json")
    guard let registry = try? CapabilityRegistry.load(from: url, origin: url.path) else { return 0 }
    for id in registry.providerIDs {
        guard let provider = registry.provider(id) else { continue }
        _ = registry.wireModelID(for: "veo-3.1-generate-preview", provider: provider)
        _ = registry.formFields(mode: .textToVideo, provider: id)
    }
    _ = registry.model(matching: "veo3.1")
    return 0
}

@main
enum Harness {
    static func main() { runFuzzer(fuzz) }
}
