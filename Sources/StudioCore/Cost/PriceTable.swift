import Foundation

/// Dated, editable prices per second of output: model family × provider × resolution × audio.
public struct PriceTable: Codable, Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var family: String
        public var provider: String?
        public var resolution: String
        public var audio: Double
        public var silent: Double
        /// A flat price per request (per sample), for gateways that charge so; `audio`/`silent` are then unused.
        public var perRequest: Double?
        public var source: String
        public var as_of: String
    }
    public var currency: String
    public var unit: String
    public var note: String?
    public var entries: [Entry]

    /// The prices shipped with the studio.
    public static func builtIn() throws -> PriceTable {
        guard let url = Bundle.module.url(forResource: "prices", withExtension: "json") else {
            throw StudioError(field: "prices", code: "prices.missing", message: "the built-in price table is missing",
                              fix: "reinstall veo-studio")
        }
        return try load(from: url)
    }

    /// `directory/prices.json` when present, else the built-in table.
    public static func effective(configDirectory: URL) throws -> PriceTable {
        let override = configDirectory.appendingPathComponent("prices.json")
        return FileManager.default.fileExists(atPath: override.path) ? try load(from: override) : try builtIn()
    }

    public static func load(from url: URL) throws -> PriceTable {
        try DataFile.decode(PriceTable.self, from: url, field: "prices", description: "the price table")
    }

    /// The entry for a family on a provider (its own entry first) at a resolution. Google's list
    /// prices (entries without a provider) stand in only where `listPricesApply`.
    public func entry(family: String, provider: String, resolution: String, listPricesApply: Bool = true) -> Entry? {
        let candidates = entries.filter { $0.family == family && ($0.resolution == resolution || $0.resolution == "*") }
        return candidates.first { $0.provider == provider } ?? (listPricesApply ? candidates.first { $0.provider == nil } : nil)
    }
}
