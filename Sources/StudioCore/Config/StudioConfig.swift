import Foundation
import TOMLKit

/// The config file (`config.toml`): defaults for drafts, provider settings, tracking and studio options.
///
/// ```toml
/// [defaults]
/// provider = "gemini"
/// model = "veo-3.1-generate-preview"
/// region = "eu"             # where requests are made from: Gemini Omni takes no uploaded video in the EEA, CH, UK
///
/// [providers.gemini]
/// api_key = "…"            # keep the file 0600: a readable key is warned about
/// base_url = "https://generativelanguage.googleapis.com"
/// api_version = "v1beta"
///
/// [providers.vertex]
/// project = "my-project"
/// location = "us-central1"
/// quota_project = "billing-project"   # sent as x-goog-user-project
///
/// [tracking]
/// deadline_minutes = 15
///
/// [studio]
/// theme = "default"
/// confirm_cost_above_usd = 2.0
/// ```
public struct StudioConfig: Sendable, Hashable {
    /// Settings of one provider.
    public struct ProviderSettings: Sendable, Hashable {
        public var apiKey: String?
        public var baseURL: String?
        public var apiVersion: String?
        /// Vertex AI: the Google Cloud project, location and quota project (`x-goog-user-project`).
        public var project: String?
        public var location: String?
        public var quotaProject: String?
        /// The provider's pace relative to the real service, for polling (an emulator at `--speed 400` is 0.0025).
        public var latencyScale: Double?
        /// Gateways that take images as URLs: a command given a file's path that prints its URL.
        public var uploadCommand: String?
        /// The queue's limits for this provider, over the registry's (`requests_per_minute`, `max_running`).
        public var requestsPerMinute: Int?
        public var maxRunning: Int?
        /// The Vertex-format gateway: model name → the account's endpoint id (`endpoints`), or one
        /// endpoint for every model (`endpoint`).
        public var endpoints: [String: String] = [:]
        public var endpoint: String?
    }

    public var defaultProvider: String?
    public var defaultModel: String?
    /// Where requests are made from (`[defaults] region`), for rules that depend on it.
    public var region: String?
    public var providers: [String: ProviderSettings] = [:]
    public var deadlineMinutes: Double = 15
    public var theme: String = "default"
    public var confirmCostAboveUSD: Double = 2.0
    /// How an ended job is told (`[notify]`).
    public var notify = NotifySettings()
    /// Spending caps (`[budget]`, `[budget.providers.<id>]`).
    public var budget = BudgetCaps()
    /// Problems worth telling the user that do not stop loading (a key in a file others can read).
    public var warnings: [String] = []

    public init() {}

    public func provider(_ id: String) -> ProviderSettings {
        providers[id] ?? ProviderSettings()
    }

    /// Reads the config file; a missing file is an empty config, a broken one a clear error.
    public static func load(from url: URL) throws -> StudioConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { return StudioConfig() }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StudioError(field: "config", code: "config.unreadable", message: "\(url.path) cannot be read",
                              fix: "check the file's permissions")
        }
        let text = String(decoding: data, as: UTF8.self)
        // The TOML parser underneath stops the process on these instead of reporting them.
        if let bad = TOMLHeaderCheck.firstBadHeaderCharacter(in: text) {
            throw invalid(url, at: bad, ": a table header is [name] or [[name]], with dotted names of A-Z, a-z, 0-9, _ and -, or quoted ones",
                          fix: "fix the file (quote an unusual table name, e.g. [providers.\"my-name\"]), or move it away to start from defaults")
        }
        if let bad = TOMLArrayCheck.firstStrayBrace(in: text) {
            throw invalid(url, at: bad, ": a \"}\" where a value belongs, after \"[\" or \",\"",
                          fix: "fix the file (an array is [\"a\", \"b\"], an inline table { key = \"value\" }), or move it away to start from defaults")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw invalid(url, at: (Int(error.source.begin.line), Int(error.source.begin.column)), "",
                          fix: "fix the file, or move it away to start from defaults")
        } catch {
            throw StudioError(field: "config", code: "config.invalid", message: "\(url.path) is not valid TOML",
                              fix: "fix the file, or move it away to start from defaults")
        }
        var config = StudioConfig()
        /// A whole number above 0; anything else is a warning naming the key, and no limit from the file.
        func count(_ value: (any TOMLValueConvertible)?, _ name: String, _ provider: String) -> Int? {
            guard let value else { return nil }
            if let whole = value.int, whole > 0 { return whole }
            config.warnings.append("\(name) under [providers.\(provider)] in \(url.path) must be a whole number above 0; the built-in limit applies")
            return nil
        }
        let defaults = table["defaults"]?.table
        config.defaultProvider = defaults?["provider"]?.string
        config.defaultModel = defaults?["model"]?.string
        config.region = defaults?["region"]?.string
        if let providers = table["providers"]?.table {
            for key in providers.keys {
                guard let entry = providers[key]?.table else { continue }
                config.providers[key] = ProviderSettings(apiKey: entry["api_key"]?.string,
                                                         baseURL: entry["base_url"]?.string,
                                                         apiVersion: entry["api_version"]?.string,
                                                         project: entry["project"]?.string,
                                                         location: entry["location"]?.string,
                                                         quotaProject: entry["quota_project"]?.string,
                                                         latencyScale: number(entry["latency_scale"]),
                                                         uploadCommand: entry["upload_command"]?.string,
                                                         requestsPerMinute: count(entry["requests_per_minute"], "requests_per_minute", key),
                                                         maxRunning: count(entry["max_running"], "max_running", key),
                                                         endpoints: (entry["endpoints"]?.table).map(strings) ?? [:],
                                                         endpoint: entry["endpoint"]?.string)
            }
        }
        if let notify = table["notify"]?.table {
            config.notify.terminal = notify["terminal"]?.bool ?? config.notify.terminal
            config.notify.bell = notify["bell"]?.bool ?? config.notify.bell
            config.notify.command = notify["command"]?.string.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        if let budget = table["budget"]?.table {
            func limits(_ section: TOMLTable, _ name: String) -> BudgetCaps.Limits {
                func usd(_ key: String) -> Double? {
                    guard let value = section[key] else { return nil }
                    if let amount = number(value), amount >= 0 { return amount }
                    config.warnings.append("\(key) under \(name) in \(url.path) must be an amount in dollars (0 or more); that cap is not applied")
                    return nil
                }
                return BudgetCaps.Limits(dailyUSD: usd("daily_usd"), monthlyUSD: usd("monthly_usd"), batchUSD: usd("batch_usd"))
            }
            config.budget.overall = limits(budget, "[budget]")
            if let providers = budget["providers"]?.table {
                for key in providers.keys {
                    if let section = providers[key]?.table { config.budget.providers[key] = limits(section, "[budget.providers.\(key)]") }
                }
            }
        }
        if let tracking = table["tracking"]?.table {
            config.deadlineMinutes = number(tracking["deadline_minutes"]) ?? config.deadlineMinutes
        }
        let holdsKey = config.providers.values.contains { $0.apiKey?.isEmpty == false }
        if holdsKey, let mode = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int,
           mode & 0o077 != 0 {
            config.warnings.append("\(url.path) holds an API key and can be read by other users — run chmod 600 \(url.path)")
        }
        if let studio = table["studio"]?.table {
            config.theme = studio["theme"]?.string ?? config.theme
            config.confirmCostAboveUSD = number(studio["confirm_cost_above_usd"]) ?? config.confirmCostAboveUSD
        }
        return config
    }

    /// The string values of a table.
    /// "`url` is not valid TOML (line L, column C`detail`)".
    private static func invalid(_ url: URL, at place: (line: Int, column: Int), _ detail: String, fix: String) -> StudioError {
        StudioError(field: "config", code: "config.invalid",
                    message: "\(url.path) is not valid TOML (line \(place.line), column \(place.column)\(detail))", fix: fix)
    }

    private static func strings(_ table: TOMLTable) -> [String: String] {
        Dictionary(uniqueKeysWithValues: table.keys.compactMap { key in table[key]?.string.map { (key, $0) } })
    }

    /// A TOML number written either way (`2` or `2.0`).
    private static func number(_ value: (any TOMLValueConvertible)?) -> Double? {
        value?.double ?? value?.int.map(Double.init)
    }
}
