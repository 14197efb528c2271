/// A job that would take spending over a cap: which cap, and the numbers.
public struct BudgetRefusal: Sendable, Hashable {
    /// "today", "this month", "batch b2026…", "vertex today".
    public var scope: String
    public var spentUSD: Double
    /// Jobs sent and not ended.
    public var inFlightUSD: Double
    /// Jobs waiting in the queue (not counted against the cap until they are sent).
    public var queuedUSD: Double
    public var jobUSD: Double
    public var capUSD: Double
    /// The config key that sets the cap (`daily_usd under [budget]`).
    public var setting: String
    /// What is being checked: "this job", or "this batch" for a batch's cap checked as a whole.
    public var subject: String = "this job"

    /// `budget (today): $4.80 spent + $3.20 in flight + $3.20 this job = $11.20, over the cap of $10.00`.
    public var message: String {
        if subject != "this job", spentUSD == 0, inFlightUSD == 0 {
            return "budget (\(scope)): $\(Self.format(jobUSD)) for \(subject) if every take succeeds, over the cap of $\(Self.format(capUSD))"
        }
        let total = spentUSD + inFlightUSD + jobUSD
        let waiting = queuedUSD > 0 ? " ($\(Self.format(queuedUSD)) more waits in the queue)" : ""
        return "budget (\(scope)): $\(Self.format(spentUSD)) spent + $\(Self.format(inFlightUSD)) in flight + $\(Self.format(jobUSD)) \(subject) "
            + "= $\(Self.format(total)), over the cap of $\(Self.format(capUSD))\(waiting)"
    }

    public var fix: String {
        if subject != "this job" { return "raise \(setting) in config.toml, or split the batch (fewer lines or --variants)" }
        if setting.hasPrefix("daily_usd") { return "raise \(setting) in config.toml, or it may go when the day turns" }
        if setting.hasPrefix("monthly_usd") { return "raise \(setting) in config.toml, or it may go when the month turns" }
        return "raise \(setting) in config.toml, or wait until spending falls within it"
    }

    /// A short reason for the queue: `budget: today's cap $10.00`.
    public var queueReason: String { "budget: \(scope) cap $\(Self.format(capUSD))" }

    public var error: StudioError { StudioError(field: "budget", code: "budget.exceeded", message: message, fix: fix) }

    static func format(_ usd: Double) -> String { String(format: "%.2f", usd) }
}
