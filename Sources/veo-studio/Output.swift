import Foundation
import StudioCore
import StudioTUI

/// How commands print: JSON on stdout for scripts, lines for people, progress on stderr.
enum Output {
    static func json(_ value: JSONValue) {
        print(value.encodedString(pretty: true))
    }

    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Issues as aligned lines: `error   field: message — fix [code]`.
    static func issueLines(_ issues: [ValidationIssue]) -> [String] {
        issues.map { issue in
            let tag = issue.severity == .error ? "error  " : "warning"
            return "\(tag) \(issue.field): \(issue.message) — \(issue.fix) [\(issue.code)]"
        }
    }

    static func issueJSON(_ issue: ValidationIssue) -> JSONValue {
        var object: [String: JSONValue] = [
            "field": .string(issue.field), "code": .string(issue.code), "message": .string(issue.message),
            "fix": .string(issue.fix), "severity": .string(issue.severity.rawValue),
        ]
        if let source = issue.source { object["source"] = .string(source) }
        if let asOf = issue.asOf { object["as_of"] = .string(asOf) }
        return .object(object)
    }

    static func date(_ date: Date?) -> JSONValue {
        date.map { .string(StoredDate.iso8601($0)) } ?? .null
    }

    /// The `generate --json` shape: `{"id", "status", "operation", "outputs": [{"path", "sha256", "bytes"}], "error"}`.
    static func generationResult(_ record: GenerationRecord, outputs: [OutputRecord]) -> JSONValue {
        .object([
            "id": .number(Double(record.id ?? 0)),
            "status": .string(record.status.rawValue),
            "operation": record.operationName.map(JSONValue.string) ?? .null,
            "outputs": .array(outputs.filter { $0.path != nil }.map { output in
                .object(["path": .string(output.path ?? ""), "sha256": .string(output.sha256 ?? ""),
                         "bytes": .number(Double(output.bytes ?? 0))])
            }),
            "error": errorJSON(record),
            "synthetic": .bool(record.synthetic),
            "cost_estimate_usd": record.costEstimateUSD.map(JSONValue.number) ?? .null,
        ])
    }

    /// A sum of dollars for JSON, to the cent (no float noise: 2.4, not 2.4000000000000004).
    static func usd(_ amount: Double) -> JSONValue { .number((amount * 100).rounded() / 100) }

    /// A refusal as `--json` gives it: `{"code", "field", "message", "explanation"}`.
    static func errorJSON(_ error: StudioError) -> JSONValue {
        .object(["code": .string(error.code), "field": .string(error.field), "message": .string(error.message),
                 "explanation": .string(error.fix)])
    }

    static func errorJSON(_ record: GenerationRecord) -> JSONValue {
        guard let code = record.errorCode else { return .null }
        return .object(["code": .string(code), "message": .string(record.errorMessage ?? ""),
                        "explanation": .string(record.errorExplanation ?? "")])
    }

    /// One row of `history --json` and `jobs --json`.
    static func row(_ record: GenerationRecord) -> JSONValue {
        .object([
            "id": .number(Double(record.id ?? 0)),
            "created_at": date(record.createdAt),
            "status": .string(record.status.rawValue),
            "provider": .string(record.provider),
            "model": .string(record.model),
            "mode": .string(record.mode.rawValue),
            "prompt": .string(record.prompt),
            "operation": record.operationName.map(JSONValue.string) ?? .null,
            "cost_estimate_usd": record.costEstimateUSD.map(JSONValue.number) ?? .null,
            "parent": record.parentID.map { .number(Double($0)) } ?? .null,
            "synthetic": .bool(record.synthetic),
            "progress": record.progress.map(JSONValue.number) ?? .null,
            "error": errorJSON(record),
        ])
    }

    /// Generations as the studio's tables show them, for people: a heading, then a row each, every
    /// column as wide as its cells with a gap; on a terminal the table fits its width, else every
    /// cell is whole.
    static func table(_ rows: [GenerationSummary], kind: GenerationTable.Kind) -> [String] {
        let table = GenerationTable(rows, kind: kind, width: terminalWidth() ?? Int(Int32.max))
        let now = Date()
        return ([table.header] + rows.indices.map { table.line($0, now: now) }).map { line in
            String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// The terminal's width when standard output is one.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// One line of a single generation for people (show, resume, generate).
    /// A prompt on one line, cut to `width` characters with an ellipsis.
    static func head(_ prompt: String, _ width: Int) -> String {
        let line = prompt.replacingOccurrences(of: "\n", with: " ")
        return line.count > width ? String(line.prefix(width - 1)) + "…" : line
    }

    static func rowLine(_ record: GenerationRecord) -> String {
        let when = LocalTime.dateTime(record.createdAt)
        let cost = Charge(record: record, samplesAsked: nil, videosMade: record.status == .done ? 1 : 0).cell(synthetic: record.synthetic)
        let prompt = head(record.prompt, 48)
        let synthetic = record.synthetic ? " (synthetic)" : ""
        return "#\(record.id ?? 0)  \(when)  \(record.status.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(record.mode.displayName.padding(toLength: 11, withPad: " ", startingAt: 0)) \(record.model)  \(cost)  \(prompt)\(synthetic)"
    }

    /// One queued job for `queue --json` and `dispatch --json`.
    static func queued(_ job: QueuedJob) -> JSONValue {
        .object([
            "id": .number(Double(job.record.id ?? 0)),
            "position": job.position.map { .number(Double($0)) } ?? .null,
            "priority": .number(Double(job.entry.priority)),
            "paused": .bool(job.entry.paused),
            "reason": job.entry.reason.map(JSONValue.string) ?? .null,
            "not_before": date(job.entry.notBefore),
            "attempts": .number(Double(job.entry.attempts)),
            "batch": job.entry.batchID.map(JSONValue.string) ?? .null,
            "provider": .string(job.record.provider),
            "model": .string(job.record.model),
            "prompt": .string(job.record.prompt),
            "cost_estimate_usd": job.record.costEstimateUSD.map(JSONValue.number) ?? .null,
            "queued_at": date(job.entry.queuedAt),
        ])
    }

    /// One queued job for people: place, id, why it waits, provider, model, cost, prompt.
    static func queuedLine(_ job: QueuedJob) -> String {
        let place = job.position.map { "\($0)." } ?? "—"
        let why = job.entry.reason ?? "ready"
        let cost = job.record.costEstimateUSD.map { (job.record.synthetic ? "~" : "") + CostEstimate.dollars($0) } ?? "—"
        let prompt = head(job.record.prompt, 40)
        // Padded, never cut: a long reason (a batch's cap) is said whole, and ids of any length line up.
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        return "\(padded(place, 4)) \(padded("#\(job.record.id ?? 0)", 6)) \(padded(why, 28)) \(job.record.provider)  \(job.record.model)  \(cost)  \(prompt)"
    }
}
