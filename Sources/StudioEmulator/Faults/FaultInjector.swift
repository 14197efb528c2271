/// Decides, request by request, which fault (if any) applies. Not thread-safe on its own:
/// it lives inside the `EmulatorEngine` actor.
struct FaultInjector: Sendable {
    private(set) var plan: FaultPlan
    private var fired: [Int]
    private var random: SeededGenerator

    init(plan: FaultPlan, seed: UInt64) {
        self.plan = plan
        self.fired = Array(repeating: 0, count: plan.rules.count)
        self.random = SeededGenerator(seed: seed)
    }

    /// Replaces the plan (and forgets how often the old rules fired).
    mutating func replace(with plan: FaultPlan) {
        self.plan = plan
        fired = Array(repeating: 0, count: plan.rules.count)
    }

    /// The faults that fire for one request on `route`.
    mutating func decide(for route: FaultRoute) -> FaultDecision {
        var decision = FaultDecision()
        for (index, rule) in plan.rules.enumerated() where rule.route == .any || rule.route == route {
            if rule.kind != .slow, decision.action != nil { continue }
            if let limit = rule.limit, fired[index] >= limit { continue }
            let roll = Double(random.next() >> 11) / Double(1 << 53)
            guard roll < rule.probability else { continue }
            fired[index] += 1
            if rule.kind == .slow {
                decision.slow = true
            } else {
                decision.action = rule.kind
            }
        }
        return decision
    }
}

/// The faults chosen for one request.
struct FaultDecision: Sendable, Equatable {
    /// Delay the answer.
    var slow = false
    /// Replace or damage the answer.
    var action: FaultKind?
}
