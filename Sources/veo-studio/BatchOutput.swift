import Foundation
import StudioCore

/// What `batch` prints and keeps: its JSON, its summary for people, and its sidecar
/// (`media/batches/<id>.json`, listing every job of the batch).
enum BatchOutput {
    /// `followed`: the batch was sent and followed (`--wait`), so its summary is given even when no take ended.
    /// `error`: why the batch was refused as a whole (a budget cap), added as `"error"`.
    static func json(_ plan: BatchPlan, batch: BatchRecord?, jobs: [GenerationRecord], service: GenerationService,
                     followed: Bool = false, error: StudioError? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "batch": batch.map { .string($0.id) } ?? .null,
            "file": .string(plan.name),
            "valid": .bool(plan.isValid),
            "lines": .number(Double(plan.lines)),
            "jobs": .array(zip(plan.items.indices, plan.items).map { index, item in
                let record = jobs.indices.contains(index) ? jobs[index] : nil
                return .object([
                    "line": .number(Double(item.line)), "take": .number(Double(item.take)),
                    "id": record?.id.map { .number(Double($0)) } ?? .null,
                    "status": record.map { .string($0.status.rawValue) } ?? .null,
                    "provider": .string(item.prepared.report.spec?.provider ?? ""),
                    "model": .string(item.prepared.report.spec?.model ?? ""),
                    "seed": item.prepared.draft.seed.map { .number(Double($0)) } ?? .null,
                    "cost_estimate_usd": item.costUSD.map(JSONValue.number) ?? .null,
                    "error": record.map(Output.errorJSON) ?? .null,
                ])
            }),
            "problems": .array(plan.problems.map { problem in
                .object(["line": .number(Double(problem.line)), "field": .string(problem.field), "code": .string(problem.code),
                         "message": .string(problem.message), "fix": .string(problem.fix)])
            }),
            "total_usd": Output.usd(plan.totalUSD),
            "unpriced": .number(Double(plan.unpriced)),
        ]
        if let error { object["error"] = Output.errorJSON(error) }
        if followed || jobs.contains(where: { $0.status.isFinal || $0.status == .unknown }) {
            object["summary"] = summary(jobs, service: service)
        }
        return .object(object)
    }

    /// Done, failed, filtered, unknown and what was charged.
    static func summary(_ jobs: [GenerationRecord], service: GenerationService) -> JSONValue {
        func count(_ status: JobStatus) -> JSONValue { .number(Double(jobs.filter { $0.status == status }.count)) }
        return .object(["done": count(.done), "failed": count(.failed), "filtered": count(.filtered), "unknown": count(.unknown),
                        "cancelled": count(.cancelled), "waiting": count(.waiting), "spent_usd": Output.usd(spent(jobs, service: service))])
    }

    static func spent(_ jobs: [GenerationRecord], service: GenerationService) -> Double {
        jobs.compactMap { record in record.id.flatMap { try? service.journal.summary($0) } }.map(\.charge.spentUSD).reduce(0, +)
    }

    /// The summary for people: counts, then every job that did not end done, explained.
    static func summaryLines(_ jobs: [GenerationRecord], service: GenerationService) -> [String] {
        let done = jobs.filter { $0.status == .done }.count
        let spent = CostEstimate.dollars(spent(jobs, service: service))
        let money = jobs.allSatisfy(\.synthetic)
            ? "sandbox: nothing was charged; the real service would have charged \(spent)" : "charged \(spent)"
        var lines = ["\(done) of \(jobs.count) done; \(money)"]
        for record in jobs where record.status != .done && record.status != .waiting {
            lines.append(Output.rowLine(record))
            if let message = record.errorMessage { lines.append("  \(message)") }
            if let explanation = record.errorExplanation { lines.append("  → \(explanation)") }
        }
        return lines
    }

    /// Writes the batch's sidecar atomically: the batch, then each job with its line, take, status, outputs and cost.
    static func writeSidecar(_ batch: BatchRecord, plan: BatchPlan, jobs: [GenerationRecord], service: GenerationService, media: URL) throws {
        let folder = media.appendingPathComponent("batches")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let entries: [JSONValue] = zip(plan.items, jobs).map { item, record in
            let outputs = (try? service.journal.outputs(of: record.id ?? 0)) ?? []
            return .object([
                "line": .number(Double(item.line)), "take": .number(Double(item.take)), "id": .number(Double(record.id ?? 0)),
                "status": .string(record.status.rawValue), "provider": .string(record.provider), "model": .string(record.model),
                "prompt": .string(record.prompt), "cost_estimate_usd": record.costEstimateUSD.map(JSONValue.number) ?? .null,
                "outputs": .array(outputs.compactMap { $0.path.map(JSONValue.string) }),
            ])
        }
        let sidecar = JSONValue.object([
            "batch": .string(batch.id), "file": .string(batch.name), "created_at": Output.date(batch.createdAt),
            "lines": .number(Double(batch.lines)), "estimate_usd": batch.estimateUSD.map(JSONValue.number) ?? .null,
            "jobs": .array(entries),
        ])
        try Data(sidecar.encodedString(pretty: true).utf8).write(to: folder.appendingPathComponent("\(batch.id).json"), options: .atomic)
    }
}
