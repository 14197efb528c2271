import Foundation

/// Evaluates the registry's constraint rules against the facts of a draft.
struct RuleEngine {
    let rules: [RuleEntry]

    func issues(facts: DraftFacts) -> [ValidationIssue] {
        rules.compactMap { rule in
            guard applies(rule.when, facts), !holds(rule.require, fact: rule.require.fact, facts) else { return nil }
            let value = rule.require.fact.flatMap { facts.values[$0] }
            return ValidationIssue(field: rule.field, code: rule.code,
                                   message: facts.fill(rule.message, value: value),
                                   fix: facts.fill(rule.fix, value: value),
                                   severity: rule.severity == .error ? .error : .warning,
                                   rule: rule.id, source: rule.source, asOf: rule.as_of)
        }
    }

    private func applies(_ condition: RuleCondition?, _ facts: DraftFacts) -> Bool {
        guard let condition else { return true }
        if let providers = condition.providers, !providers.contains(facts.rulesProvider) { return false }
        if let families = condition.families {
            guard let family = facts.family, families.contains(family) else { return false }
        }
        if let modes = condition.modes, !modes.contains(facts.mode) { return false }
        if let interactions = condition.interactions, interactions != facts.usesInteractions { return false }
        for (name, test) in condition.facts ?? [:] {
            // A condition on an absent fact does not match (unless it asks for absence).
            if facts.values[name] == nil, test.present != false { return false }
            if !holds(test, fact: name, facts) { return false }
        }
        return true
    }

    private func holds(_ test: FactTest, fact name: String?, _ facts: DraftFacts) -> Bool {
        let value = name.flatMap { facts.values[$0] }
        if let present = test.present { return (value != nil) == present }
        guard let value else { return true }
        if let allowed = test.in, !allowed.contains(where: { Self.equal($0, value) }) { return false }
        if let refused = test.notIn, refused.contains(where: { Self.equal($0, value) }) { return false }
        if let min = test.min, let number = value.doubleValue, number < min { return false }
        if let max = test.max, let number = value.doubleValue, number > max { return false }
        if let pattern = test.pattern, let text = value.stringValue,
           text.range(of: pattern, options: .regularExpression) == nil { return false }
        return true
    }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if case .string(let a) = lhs, case .string(let b) = rhs { return a.lowercased() == b.lowercased() }
        return lhs == rhs
    }
}
