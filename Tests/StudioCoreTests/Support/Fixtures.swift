import Foundation
@testable import StudioCore

/// Shared registry, prices and validator for tests (the built-in data files).
enum Fixtures {
    static let registry = try! CapabilityRegistry.builtIn()
    static let prices = try! PriceTable.builtIn()
    static let validator = Validator(registry: registry, prices: prices)

    /// A recorded SDK exchange from `Fixtures/mldev/`.
    static func capture(_ name: String) throws -> JSONValue {
        let url = Bundle.module.url(forResource: "Fixtures/mldev/\(name)", withExtension: "json")
            ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures/mldev/\(name).json")
        return try JSONValue.decode(Data(contentsOf: url))
    }
}
