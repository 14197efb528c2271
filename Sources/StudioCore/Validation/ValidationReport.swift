/// The validator's answer: every issue found, and the spec and cost when nothing blocks.
public struct ValidationReport: Sendable {
    public var issues: [ValidationIssue]
    public var spec: GenerationSpec?
    public var cost: CostEstimate?

    public init(issues: [ValidationIssue], spec: GenerationSpec?, cost: CostEstimate?) {
        self.issues = issues
        self.spec = spec
        self.cost = cost
    }

    public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }
    public var isValid: Bool { errors.isEmpty && spec != nil }
}
