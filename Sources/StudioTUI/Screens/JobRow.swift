import Foundation
import StudioCore
import TermUI

/// One generation as Operations, History and the CLI's `history` show it: what, where it stands,
/// how long, an honest ETA range from this model's latency, what it costs as it ended, and the
/// facts a person looks for when there is room (date, provider, resolution, length, videos).
/// Every child (re-run, retry, extension, refinement, edit) names its parent before the prompt.
public struct JobRow: Hashable, Sendable {
    public var id: Int64
    public var mode: String
    public var model: String
    public var promptHead: String
    public var status: JobStatus
    /// The state as the table shows it: a waiting job's place in the queue (`waiting 2`), or `held`.
    public var state: String
    public var elapsedSeconds: Int
    /// "20–70 s" (the 25th–75th percentile of the time left), or nil when not running.
    public var eta: String?
    /// "37 %": the provider's own progress, when it reports one (shown instead of the ETA range).
    public var progress: String?
    public var cost: String
    public var synthetic: Bool
    public var date: String
    public var provider: String
    public var resolution: String
    public var length: String
    public var videos: String

    public init(record: GenerationRecord, now: Date, latency: LatencyModel?) {
        self.init(summary: GenerationSummary(record: record), now: now, latency: latency)
    }

    public init(summary: GenerationSummary, now: Date, latency: LatencyModel?) {
        let record = summary.record
        id = record.id ?? 0
        mode = record.mode.displayName
        model = Self.shortModel(record.model)
        promptHead = Self.promptHead(record)
        status = record.status
        if record.status == .waiting, let queued = summary.queue {
            state = queued.position.map { "waiting \($0)" } ?? "held"
        } else {
            state = record.status.rawValue
        }
        let start = record.submittedAt ?? record.createdAt
        let end = record.status.isFinal ? (record.finishedAt ?? record.updatedAt) : now
        elapsedSeconds = max(0, Int(end.timeIntervalSince(start)))
        if [.queued, .running].contains(record.status), let latency {
            let elapsed = now.timeIntervalSince(start)
            let low = Int(latency.remaining(after: elapsed, quantile: 0.25).rounded())
            let high = Int(latency.remaining(after: elapsed, quantile: 0.75).rounded())
            eta = low == high ? "~\(low) s" : "\(low)–\(high) s"
        } else if record.status == .waiting, let queued = summary.queue, !queued.entry.paused {
            // In a word, why it waits (the detail pane says it whole).
            eta = queued.entry.reason.map { String($0.prefix { $0 != ":" }) } ?? "next"
        } else {
            eta = nil
        }
        progress = [.queued, .running].contains(record.status) ? record.progress.map { "\(Int(($0 * 100).rounded())) %" } : nil
        cost = summary.charge.cell(synthetic: record.synthetic)
        synthetic = record.synthetic
        date = String(LocalTime.dateTime(record.createdAt).dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ")
        provider = record.provider
        resolution = summary.resolution ?? "—"
        // The video's length: an extension's whole chain (its own share is in the detail pane).
        length = (record.outputSeconds ?? summary.durationSeconds).map { "\($0) s" } ?? "—"
        let asked = summary.samples ?? 1
        videos = record.status.isFinal || summary.outputs > 0 ? "\(summary.downloaded)/\(max(asked, summary.outputs))" : "—"
    }

    /// "st", "nd", "rd" or "th" after a place.
    static func ordinal(_ number: Int) -> String {
        if (11...13).contains(number % 100) { return "th" }
        switch number % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    /// The prompt as a row shows it: on one line, after the parent a child was made from ("↳#12 ").
    public static func promptHead(_ record: GenerationRecord) -> String {
        (record.parentID.map { "↳#\($0) " } ?? "") + record.prompt.replacingOccurrences(of: "\n", with: " ")
    }

    /// The role a row's state is drawn in.
    public var statusRole: StyleRole { Self.role(for: status) }

    /// The role a state is drawn in.
    public static func role(for status: JobStatus) -> StyleRole {
        switch status {
        case .done: return .success
        case .failed, .filtered: return .error
        case .unknown: return .warning
        case .waiting, .queued, .running, .downloading, .submitting: return .running
        case .cancelled: return .muted
        }
    }

    /// "veo-3.1-fast" from "veo-3.1-fast-generate-preview".
    public static func shortModel(_ model: String) -> String {
        model.replacingOccurrences(of: "-generate", with: "").replacingOccurrences(of: "-preview", with: "")
            .replacingOccurrences(of: "-001", with: "")
    }

    /// "1m30s", "45s".
    public var time: String {
        let seconds = elapsedSeconds % 60
        return elapsedSeconds >= 60 ? "\(elapsedSeconds / 60)m\(seconds < 10 ? "0" : "")\(seconds)s" : "\(elapsedSeconds)s"
    }

    /// The cell of each column of `GenerationTable`, in its order.
    public func cells(for kind: GenerationTable.Kind) -> [String] {
        var cells = ["#\(id)", state, mode, model, promptHead, time]
        if kind == .operations { cells.append(progress ?? eta ?? "") }
        cells += [cost, date, length, resolution, provider, videos]
        return cells
    }

    /// The row laid out alone in `width` cells (tests, and the places that show one job).
    public func line(width: Int) -> String {
        GenerationTable(rows: [self], kind: .operations, width: width).layout.line(cells(for: .operations))
    }
}
