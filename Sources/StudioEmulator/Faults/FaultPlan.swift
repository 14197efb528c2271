import Foundation

/// Faults to inject, parsed from a `--faults` spec such as
/// `429:0.2,500@poll:0.1,503@submit:1x2,slow@download:0.5,truncated@download:1,malformed@poll:0.1`.
public struct FaultPlan: Sendable, Equatable, CustomStringConvertible {
    /// No faults.
    public static let none = FaultPlan(rules: [])

    /// The accepted grammar, quoted in parse errors and in `--help`.
    public static let grammar = """
        SPEC := RULE[,RULE...]   RULE := KIND[@ROUTE][:TRIGGER]
          KIND    := 429 | 429-bare | 500 | 503 | reset | slow | stall | truncated | malformed
          ROUTE   := submit | poll | download | any        (default any)
          TRIGGER := P   (probability 0..1 per matching request, default 1)
                   | Nx  (the next N matching requests)
                   | PxN (probability P, at most N times)
        example: 429:0.2,500@poll:0.1,503@submit:1x2,slow@download:0.5
        """

    /// Rules in the order given; the first non-`slow` rule that fires decides the answer.
    public var rules: [FaultRule]

    /// Creates a plan from rules.
    public init(rules: [FaultRule]) {
        self.rules = rules
    }

    /// Parses a spec; an empty string or `none` gives no faults.
    /// Throws `FaultPlanError` naming the bad token and the grammar.
    public init(spec: String) throws {
        let trimmed = spec.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.lowercased() == "none" {
            self.init(rules: [])
            return
        }
        var rules: [FaultRule] = []
        for rawToken in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let token = rawToken.trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty else {
                throw FaultPlanError(token: String(rawToken), reason: "empty rule (two commas in a row or a trailing comma)")
            }
            rules.append(try FaultRule(token: token))
        }
        self.init(rules: rules)
    }

    /// The plan written back in the spec grammar.
    public var description: String {
        rules.isEmpty ? "none" : rules.map(\.description).joined(separator: ",")
    }
}

/// One fault rule: what to do, on which route, how often.
public struct FaultRule: Sendable, Equatable, CustomStringConvertible {
    /// What the fault does.
    public var kind: FaultKind
    /// Which requests it applies to.
    public var route: FaultRoute
    /// Chance per matching request (0...1).
    public var probability: Double
    /// At most this many firings; nil is unlimited.
    public var limit: Int?

    /// Creates a rule.
    public init(kind: FaultKind, route: FaultRoute = .any, probability: Double = 1, limit: Int? = nil) {
        self.kind = kind
        self.route = route
        self.probability = probability
        self.limit = limit
    }

    init(token: String) throws {
        var head = Substring(token)
        var triggerText: Substring?
        if let colon = head.firstIndex(of: ":") {
            triggerText = head[head.index(after: colon)...]
            head = head[..<colon]
        }
        var routeText: Substring?
        if let at = head.firstIndex(of: "@") {
            routeText = head[head.index(after: at)...]
            head = head[..<at]
        }
        guard let kind = FaultKind(rawValue: head.lowercased()) else {
            throw FaultPlanError(token: token, reason: "unknown fault kind '\(head)'")
        }
        var route = FaultRoute.any
        if let routeText {
            guard let parsed = FaultRoute(rawValue: routeText.lowercased()) else {
                throw FaultPlanError(token: token, reason: "unknown route '\(routeText)'")
            }
            route = parsed
        }
        var probability = 1.0
        var limit: Int?
        if let triggerText {
            let parts = triggerText.lowercased().split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                if parts[1].isEmpty {
                    // "Nx": the next N matching requests.
                    guard let count = Int(parts[0]), count > 0 else {
                        throw FaultPlanError(token: token, reason: "'\(triggerText)' is not a positive count like 2x")
                    }
                    limit = count
                } else {
                    // "PxN": probability P, at most N times.
                    guard let chance = Double(parts[0]), (0...1).contains(chance) else {
                        throw FaultPlanError(token: token, reason: "'\(parts[0])' is not a probability between 0 and 1")
                    }
                    guard let count = Int(parts[1]), count > 0 else {
                        throw FaultPlanError(token: token, reason: "'\(parts[1])' is not a positive count")
                    }
                    probability = chance
                    limit = count
                }
            } else {
                guard let chance = Double(triggerText), (0...1).contains(chance) else {
                    throw FaultPlanError(token: token, reason: "'\(triggerText)' is not a probability between 0 and 1")
                }
                probability = chance
            }
        }
        self.init(kind: kind, route: route, probability: probability, limit: limit)
    }

    /// The rule in the spec grammar.
    public var description: String {
        var text = kind.rawValue
        if route != .any { text += "@\(route.rawValue)" }
        let chance = probability == 1 ? "1" : String(probability)
        switch (probability, limit) {
        case (1, nil): break
        case (_, nil): text += ":\(chance)"
        case (1, let count?): text += ":\(count)x"
        case (_, let count?): text += ":\(chance)x\(count)"
        }
        return text
    }
}

/// What an injected fault does.
public enum FaultKind: String, Sendable, CaseIterable {
    /// 429 RESOURCE_EXHAUSTED with `Retry-After` and a RetryInfo detail; the request is not processed.
    case tooManyRequests = "429"
    /// 429 RESOURCE_EXHAUSTED with neither `Retry-After` nor RetryInfo; the request is not processed.
    case tooManyRequestsBare = "429-bare"
    /// 500 INTERNAL; the request is not processed.
    case internalError = "500"
    /// 503 UNAVAILABLE; the request is not processed.
    case unavailable = "503"
    /// Resets the connection (TCP RST) instead of answering; the request is not processed.
    case reset
    /// Delays the answer by about 2 s / speed, then answers normally.
    case slow
    /// Processes the request, then holds the answer for `stallSeconds` (not divided by speed),
    /// past a client's timeout.
    case stall
    /// Processes the request, then cuts the answer: JSON bodies are cut in half; downloads
    /// announce the full Content-Length, send half and close the connection.
    case truncated
    /// Processes the request, then answers 200 with invalid JSON.
    case malformed
}

/// Which requests a fault rule applies to.
public enum FaultRoute: String, Sendable, CaseIterable {
    case submit, poll, download, any
}
