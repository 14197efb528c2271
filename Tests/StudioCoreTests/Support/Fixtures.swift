import Foundation
@testable import StudioCore

/// Shared registry, prices and validator for tests (the built-in data files).
enum Fixtures {
    static let registry = try! CapabilityRegistry.builtIn()
    static let prices = try! PriceTable.builtIn()
    static let validator = Validator(registry: registry, prices: prices)

    /// A recorded SDK exchange from `Fixtures/<backend>/` (`mldev` or `vertex`).
    static func capture(_ name: String, backend: String = "mldev") throws -> JSONValue {
        let url = Bundle.module.url(forResource: "Fixtures/\(backend)/\(name)", withExtension: "json")
            ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(backend)/\(name).json")
        return try JSONValue.decode(Data(contentsOf: url))
    }
}
