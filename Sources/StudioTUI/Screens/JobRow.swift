import Foundation
import StudioCore
import TermUI

/// One generation as the Operations panel and History show it: what, where it stands, how long,
/// an honest ETA range from this model's latency, and the cost estimate. A refinement or an edit
/// names its parent before the prompt.
public struct JobRow: Hashable, Sendable {
    public var id: Int64
    public var mode: String
    public var model: String
    public var promptHead: String
    public var status: JobStatus
    public var elapsedSeconds: Int
    /// "20–70 s" (the 25th–75th percentile of the time left), or nil when not running.
    public var eta: String?
    /// "37 %": the provider's own progress, when it reports one (shown instead of the ETA range).
    public var progress: String?
    public var cost: String
    public var synthetic: Bool

    public init(record: GenerationRecord, now: Date, latency: LatencyModel?) {
        id = record.id ?? 0
        mode = record.mode.displayName
        model = record.model.replacingOccurrences(of: "-generate", with: "")
        // A refinement or an edit names the generation it continues: "↳#12 make the car red".
        let lineage = record.parentID.flatMap { ["refine", "edit"].contains(record.parentKind ?? "") ? "↳#\($0) " : nil } ?? ""
        promptHead = lineage + record.prompt.replacingOccurrences(of: "\n", with: " ")
        status = record.status
        let start = record.submittedAt ?? record.createdAt
        let end = record.status.isFinal ? (record.finishedAt ?? now) : now
        elapsedSeconds = max(0, Int(end.timeIntervalSince(start)))
        if [.queued, .running].contains(record.status), let latency {
            let elapsed = now.timeIntervalSince(start)
            let low = Int(latency.remaining(after: elapsed, quantile: 0.25).rounded())
            let high = Int(latency.remaining(after: elapsed, quantile: 0.75).rounded())
            eta = low == high ? "~\(low) s" : "\(low)–\(high) s"
        } else {
            eta = nil
        }
        progress = [.queued, .running].contains(record.status) ? record.progress.map { "\(Int(($0 * 100).rounded())) %" } : nil
        cost = record.costEstimateUSD.map(CostEstimate.dollars) ?? "—"
        synthetic = record.synthetic
    }

    /// The role a row's state is drawn in.
    public var statusRole: StyleRole {
        switch status {
        case .done: return .success
        case .failed, .filtered: return .error
        case .unknown: return .warning
        case .queued, .running, .downloading, .submitting: return .running
        case .cancelled: return .muted
        }
    }

    /// "veo-3.1-fast" from "veo-3.1-fast-generate-preview".
    var shortModel: String {
        model.replacingOccurrences(of: "-preview", with: "").replacingOccurrences(of: "-001", with: "")
    }

    /// Fixed-width columns that fit `width` cells: the prompt takes what is left.
    public func line(width: Int) -> String {
        let time = elapsedSeconds >= 60 ? "\(elapsedSeconds / 60)m\(elapsedSeconds % 60)s" : "\(elapsedSeconds)s"
        // The model gets a column where there is room for it (it is always in the detail pane).
        let modelColumn = width >= 96 ? shortModel.padding(toLength: 15, withPad: " ", startingAt: 0) : ""
        let head = "#\(id)".padding(toLength: 6, withPad: " ", startingAt: 0)
            + status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            + mode.padding(toLength: 12, withPad: " ", startingAt: 0)
            + modelColumn
        let tail = "  " + time.padding(toLength: 7, withPad: " ", startingAt: 0)
            + (progress.map { "done \($0)" } ?? eta.map { "eta \($0)" } ?? "").padding(toLength: 14, withPad: " ", startingAt: 0)
            + cost.padding(toLength: 7, withPad: " ", startingAt: 0)
        let room = max(0, width - DisplayWidth.of(head) - DisplayWidth.of(tail))
        let prompt = DisplayWidth.prefix(promptHead, fitting: room)
        let padded = prompt + String(repeating: " ", count: max(0, room - DisplayWidth.of(prompt)))
        return head + padded + tail
    }
}
