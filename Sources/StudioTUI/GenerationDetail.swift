import Foundation
import StudioCore
import TermUI

/// Everything about one generation for the detail pane: parameters, what it costs as it ended,
/// operation, outputs with their sha256, the server's answer with its explanation, safety
/// findings, lineage (with what a child changed against its parent) and events.
public struct GenerationDetail: Sendable {
    public var summary: GenerationSummary
    public var outputs: [OutputRecord]
    public var events: [EventRecord]
    public var children: [GenerationRecord]
    public var inputs: [String]
    /// The stored copies of the input images, for thumbnails.
    public var inputImagePaths: [String] = []
    /// What a re-run or retry changed against its parent (empty for others, or no change).
    public var changes: [(field: String, before: JSONValue?, after: JSONValue?)] = []
    /// When it was read (an undownloaded link's expiry is told against it).
    public var now = Date()
    /// Why a job still in the studio's queue waits, whole (a budget cap with its numbers and fix).
    public var hold: String?

    public var record: GenerationRecord { summary.record }

    public init(record: GenerationRecord, outputs: [OutputRecord], events: [EventRecord], children: [GenerationRecord],
                inputs: [String]) {
        self.init(summary: GenerationSummary(record: record, outputs: outputs.count, downloaded: outputs.filter { $0.path != nil }.count),
                  outputs: outputs, events: events, children: children, inputs: inputs)
    }

    public init(summary: GenerationSummary, outputs: [OutputRecord], events: [EventRecord], children: [GenerationRecord],
                inputs: [String]) {
        self.summary = summary
        self.outputs = outputs
        self.events = events
        self.children = children
        self.inputs = inputs
    }

    /// Reads it from the journal; nil when it is not there (deleted), an error when the journal cannot be read.
    public static func read(_ id: Int64, journal: Journal) throws -> GenerationDetail? {
        guard let summary = try journal.summary(id) else { return nil }
        let assets = try journal.assets(of: id)
        let inputs = assets.map { "\($0.role): \($0.asset.originalPath) (\($0.asset.width)×\($0.asset.height))" }
        var detail = GenerationDetail(summary: summary, outputs: try journal.outputs(of: id), events: try journal.events(of: id),
                                      children: try journal.children(of: id), inputs: inputs)
        detail.inputImagePaths = assets.filter { $0.asset.kind == "image" }.map(\.asset.storedPath)
        if let parentID = summary.record.parentID, ["rerun", "retry"].contains(summary.record.parentKind ?? "rerun"),
           let parent = try journal.generation(parentID), let parentSpec = try? parent.spec(), let spec = try? summary.record.spec() {
            detail.changes = spec.differences(from: parentSpec)
        }
        return detail
    }

    /// Why `record`, waiting in the queue, is not sent yet: held, a budget cap (the numbers, the fix),
    /// the provider's limits, or nothing but its turn.
    public static func hold(of record: GenerationRecord, service: GenerationService) -> String? {
        guard record.status == .waiting, let id = record.id, let entry = try? service.journal.queueEntry(of: id) else { return nil }
        if entry.paused { return "held: it keeps its place and is not sent — p releases it" }
        if entry.reason?.hasPrefix("budget") == true, let refusal = try? service.budgetHold(record) {
            return "waits for money: \(refusal.message) — \(refusal.fix)"
        }
        if let reason = entry.reason { return "waits: \(reason)" }
        return "waits for its turn: sent as the provider's limits allow while the studio is open"
    }

    /// The pane's title: which generation, where it stands, the keys that work on it.
    public var title: String {
        "#\(record.id ?? 0) \(record.status.rawValue) — Esc closes · j/k scroll · o opens · r re-runs · e extends"
    }

    /// The pane's lines with their roles (the pane wraps them to its width).
    public var lines: [(text: String, role: StyleRole)] {
        var lines: [(String, StyleRole)] = []
        let r = record
        lines.append(("#\(r.id ?? 0) \(r.status.rawValue) — \(r.mode.phrase) on \(r.provider), \(r.model)\(r.synthetic ? " (sandbox: synthetic)" : "")", .accent))
        lines.append(("prompt: \(r.prompt.replacingOccurrences(of: "\n", with: " "))", .text))
        if let spec = try? r.spec() {
            let e = spec.effective
            let length = r.mode == .extendVideo ? "extension, \(r.outputSeconds.map { "\($0) s in all" } ?? "length not known yet")"
                : "\(e.durationSeconds) s"
            lines.append(("\(length) · \(e.aspectRatio) · \(e.resolution) · \(e.sampleCount) sample(s) · audio \(e.generateAudio ? "on" : "off")", .text))
            for (key, value) in spec.draft.parameterValues.sorted(by: { $0.key < $1.key })
            where !["prompt", "provider", "model"].contains(key) {
                lines.append(("\(key): \(value.stringValue ?? value.encodedString())", .muted))
            }
        }
        lines.append(("cost: \(summary.charge.sentence(synthetic: r.synthetic, provider: r.provider))", .cost))
        if let hold { lines.append((hold, .warning)) }
        if let parent = r.parentID {
            lines.append(("parent: #\(parent) (\(r.parentKind ?? "rerun"))", .muted))
            if ["rerun", "retry"].contains(r.parentKind ?? "rerun") {
                lines.append((changes.isEmpty ? "same parameters as #\(parent)"
                              : "changed vs #\(parent): " + changes.map { "\($0.field) \(Self.show($0.before)) → \(Self.show($0.after))" }.joined(separator: ", "),
                              .accent))
            }
        }
        if r.hops > 0 { lines.append(("extension \(r.hops)/20, \(r.outputSeconds ?? 0) s in all", .muted)) }
        if !children.isEmpty {
            lines.append(("children: " + children.map { "#\($0.id ?? 0) \($0.parentKind ?? "")" }.joined(separator: ", "), .muted))
        }
        if let operation = r.operationName { lines.append(("operation: \(operation)", .muted)) }
        for input in inputs { lines.append(("input \(input)", .muted)) }
        for output in outputs {
            let size = output.bytes.map { "\($0 / 1024) KB" } ?? "not downloaded"
            lines.append(("output \(output.sampleIndex + 1): \(output.path ?? output.remoteLabel ?? "") (\(size))", .success))
            if let sha = output.sha256 { lines.append(("  sha256 \(sha)", .muted)) }
            if let expiry = output.linkExpiry(now: now) { lines.append((expiry, .warning)) }
        }
        if outputs.contains(where: { $0.path != nil }) { lines.append(("o opens it\(outputs.count > 1 ? " (asks which sample)" : "")", .muted)) }
        if let message = r.errorMessage { lines.append((message, r.status == .unknown ? .warning : .error)) }
        if let explanation = r.errorExplanation { lines.append(("→ \(explanation)", .text)) }
        if let answer = r.serverAnswerJSON {
            lines.append(("server's answer:", .accent))
            lines += Self.answerLines(answer).map { ($0, StyleRole.muted) }
        }
        for event in events.suffix(8) {
            lines.append(("\(LocalTime.dateTime(event.at)) \(event.status.rawValue): \(event.detail)", .muted))
        }
        return lines
    }

    /// The answer pretty-printed, long strings (inline base64) shortened.
    public static func answerLines(_ text: String) -> [String] {
        let shown: String
        if let value = try? JSONValue.decode(Data(text.utf8)) {
            shown = Self.shortened(value).encodedString(pretty: true)
        } else {
            shown = text
        }
        return shown.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    }

    private static func shortened(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.count > 120: return .string(String(text.prefix(60)) + "… (\(text.count) characters)")
        case .array(let items): return .array(items.map(shortened))
        case .object(let fields): return .object(fields.mapValues(shortened))
        default: return value
        }
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "default" }
        if case .string(let text) = value { return text.count > 40 ? String(text.prefix(39)) + "…" : text }
        return value.encodedString()
    }
}
