import Foundation

/// Turns a batch file into a plan: each line read into a draft (`BatchSpecReader`), given its takes
/// (different seeds where the provider takes one, else separate submissions), read, validated and
/// priced exactly as a single `generate` would be. Sends nothing.
public struct BatchPlanner: Sendable {
    public let service: GenerationService
    public let reader: BatchSpecReader
    public let loader: InputLoader
    /// The provider a line without one goes to.
    public let defaultProvider: String

    public init(service: GenerationService, reader: BatchSpecReader, loader: InputLoader, defaultProvider: String) {
        self.service = service
        self.reader = reader
        self.loader = loader
        self.defaultProvider = defaultProvider
    }

    public func plan(_ file: BatchFile, variants: Int = 1) -> BatchPlan {
        var plan = BatchPlan(name: file.name, lines: file.lines.count + file.problems.count, items: [], problems: file.problems)
        var headerProblems: [String: BatchProblem] = [:]
        for line in file.lines {
            var (draft, takes, problems) = reader.read(line, defaultVariants: variants)
            if draft.provider == nil { draft.provider = defaultProvider }
            // A CSV column no spec knows is the header's problem, said once; each row is still checked.
            if let header = file.headerLine {
                for problem in problems where problem.code == "batch.unknown_key" {
                    var once = problem
                    once.line = header
                    once.message = "no such key (a column of the header)"
                    headerProblems[problem.field] = once
                }
                problems.removeAll { $0.code == "batch.unknown_key" }
            }
            guard problems.isEmpty else {
                plan.problems += problems
                continue
            }
            let prepared = takes > 1 ? self.takes(of: draft, count: takes) : [service.prepare(draft, loader: loader)]
            for issue in prepared[0].report.errors {
                plan.problems.append(BatchProblem(line: line.number, field: reader.key(forField: issue.field), code: issue.code,
                                                  message: issue.message, fix: issue.fix))
            }
            guard prepared[0].report.isValid else { continue }
            plan.items += prepared.enumerated().map { BatchPlan.Item(line: line.number, take: $0.offset + 1, prepared: $0.element) }
        }
        plan.problems += headerProblems.values
        plan.problems.sort { ($0.line, $0.field) < ($1.line, $1.field) }
        return plan
    }

    /// `count` takes of a draft: seeds one apart from the line's (or a random) seed where the
    /// provider takes a seed, else the same draft sent `count` times.
    func takes(of draft: GenerationDraft, count: Int) -> [PreparedGeneration] {
        var seeded = draft
        let base = draft.seed ?? Int64(UInt32.random(in: 0...(UInt32.max - 64)))
        seeded.seed = base
        let first = service.prepare(seeded, loader: loader)
        guard !first.report.issues.contains(where: { $0.field == "seed" }) else {
            let plain = service.prepare(draft, loader: loader)
            return Array(repeating: plain, count: count)
        }
        return [first] + (1..<count).map { take in
            var next = draft
            next.seed = (base + Int64(take)) % (Int64(UInt32.max) + 1)
            return service.prepare(next, loader: loader)
        }
    }
}
