import Foundation
import StudioCore
import TermUI

/// Everything about one generation for the detail pane: parameters, cost, operation, outputs,
/// the server's answer with its explanation, safety findings, lineage and events.
public struct GenerationDetail: Sendable {
    public var record: GenerationRecord
    public var outputs: [OutputRecord]
    public var events: [EventRecord]
    public var children: [GenerationRecord]
    public var inputs: [String]
    /// The stored copies of the input images, for thumbnails.
    public var inputImagePaths: [String] = []
    /// When it was read (an undownloaded link's expiry is told against it).
    public var now = Date()

    public init(record: GenerationRecord, outputs: [OutputRecord], events: [EventRecord], children: [GenerationRecord],
                inputs: [String]) {
        self.record = record
        self.outputs = outputs
        self.events = events
        self.children = children
        self.inputs = inputs
    }

    /// Reads it from the journal.
    public static func load(_ id: Int64, journal: Journal) -> GenerationDetail? {
        guard let record = try? journal.generation(id) else { return nil }
        let assets = (try? journal.assets(of: id)) ?? []
        let inputs = assets.map { "\($0.role): \($0.asset.originalPath) (\($0.asset.width)×\($0.asset.height))" }
        var detail = GenerationDetail(record: record, outputs: (try? journal.outputs(of: id)) ?? [],
                                      events: (try? journal.events(of: id)) ?? [], children: (try? journal.children(of: id)) ?? [],
                                      inputs: inputs)
        detail.inputImagePaths = assets.filter { $0.asset.kind == "image" }.map(\.asset.storedPath)
        return detail
    }

    /// The pane's lines with their roles.
    public var lines: [(text: String, role: StyleRole)] {
        var lines: [(String, StyleRole)] = []
        let r = record
        lines.append(("#\(r.id ?? 0) \(r.status.rawValue) — \(r.mode.phrase) on \(r.provider), \(r.model)\(r.synthetic ? " (synthetic)" : "")", .accent))
        lines.append(("prompt: \(r.prompt.replacingOccurrences(of: "\n", with: " "))", .text))
        if let spec = try? r.spec() {
            let e = spec.effective
            let length = r.mode == .extendVideo ? "+\(CostEstimator.extensionSeconds) s" : "\(e.durationSeconds) s"
            lines.append(("\(length) · \(e.aspectRatio) · \(e.resolution) · \(e.sampleCount) sample(s) · audio \(e.generateAudio ? "on" : "off")", .text))
            for (key, value) in spec.draft.parameterValues.sorted(by: { $0.key < $1.key })
            where !["prompt", "provider", "model"].contains(key) {
                lines.append(("\(key): \(value.stringValue ?? value.encodedString())", .muted))
            }
        }
        if let cost = r.costEstimateUSD { lines.append(("cost estimate: \(CostEstimate.dollars(cost))", .cost)) }
        if let operation = r.operationName { lines.append(("operation: \(operation)", .muted)) }
        for input in inputs { lines.append(("input \(input)", .muted)) }
        for output in outputs {
            let size = output.bytes.map { "\($0 / 1024) KB" } ?? "not downloaded"
            lines.append(("output \(output.sampleIndex + 1): \(output.path ?? output.remoteLabel ?? "") (\(size))", .success))
            if let expiry = output.linkExpiry(now: now) { lines.append((expiry, .warning)) }
        }
        if let message = r.errorMessage { lines.append((message, r.status == .unknown ? .warning : .error)) }
        if let explanation = r.errorExplanation { lines.append(("→ \(explanation)", .text)) }
        if let parent = r.parentID { lines.append(("parent: #\(parent) (\(r.parentKind ?? "rerun"))", .muted)) }
        if r.hops > 0 { lines.append(("extension \(r.hops)/20, \(r.outputSeconds ?? 0) s in all", .muted)) }
        if !children.isEmpty {
            lines.append(("children: " + children.map { "#\($0.id ?? 0) \($0.parentKind ?? "")" }.joined(separator: ", "), .muted))
        }
        let formatter = ISO8601DateFormatter()
        for event in events.suffix(8) {
            lines.append(("\(formatter.string(from: event.at)) \(event.status.rawValue): \(event.detail)", .muted))
        }
        return lines
    }
}
