/// A `--faults` spec that does not parse; the description names the bad token and the grammar.
public struct FaultPlanError: Error, Sendable, CustomStringConvertible {
    /// The rule text that failed.
    public var token: String
    /// Why it failed.
    public var reason: String

    public var description: String {
        "invalid fault rule '\(token)': \(reason).\n\(FaultPlan.grammar)"
    }
}
