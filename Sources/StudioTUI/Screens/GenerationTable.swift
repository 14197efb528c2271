import Foundation
import StudioCore
import TermUI

/// Operations and History (and the CLI's `history`) as a table. Columns whose cells have a known
/// widest form (state, mode, time, ETA, date, length, resolution, videos) keep that width, so the
/// table does not shift as jobs change state; the others (id, model, cost, provider) are as wide as
/// their widest cell, and the prompt takes what is left. Columns join by importance as the width
/// grows: state, cost, time, mode, ETA, model, then date, length, resolution, provider and videos.
/// It is laid out once per journal reading, size and second; rows are built only when drawn.
public struct GenerationTable: Sendable {
    public enum Kind: Sendable { case operations, history }

    public let summaries: [GenerationSummary]
    public let kind: Kind
    public let layout: TableLayout

    /// The widest form of the cells of the columns that have one.
    static let stateWidth = JobStatus.allCases.map(\.rawValue.count).max() ?? 11
    static let modeWidth = GenerationMode.allCases.map(\.displayName.count).max() ?? 11

    /// The columns, in order; the priority says which stay when the width is short (the prompt keeps
    /// at least 28 cells, up to 40 on a wide table).
    static func columns(_ kind: Kind, width: Int) -> [TableLayout.Column] {
        var columns: [TableLayout.Column] = [
            .init("#", priority: 0), .init("state", priority: 1), .init("mode", priority: 4), .init("model", priority: 6),
            .init("prompt", flexible: true, minimumWidth: max(28, min(40, width / 4)), priority: 0),
            .init("time", alignment: .right, priority: 3),
        ]
        if kind == .operations { columns.append(.init("eta", priority: 5)) }
        columns += [
            .init("cost", alignment: .right, priority: 2), .init("date", priority: 7), .init("length", alignment: .right, priority: 8),
            .init("res", priority: 9), .init("provider", priority: 10), .init("videos", alignment: .right, priority: 11),
        ]
        return columns
    }

    public init(_ summaries: [GenerationSummary], kind: Kind, width: Int) {
        self.summaries = summaries
        self.kind = kind
        var models: Set<String> = []
        var providers: Set<String> = []
        var natural: [String: Int] = ["state": Self.stateWidth, "mode": Self.modeWidth, "time": 7, "eta": 9, "date": 11,
                                      "length": 6, "res": 5, "videos": 5]
        for summary in summaries {
            let record = summary.record
            natural["#"] = max(natural["#"] ?? 0, String(summary.id).count + 1)
            natural["cost"] = max(natural["cost"] ?? 0, summary.charge.cell(synthetic: record.synthetic).count)
            models.insert(record.model)
            providers.insert(record.provider)
            natural["prompt"] = max(natural["prompt"] ?? 0, min(width, DisplayWidth.of(JobRow.promptHead(record), limit: width)))
        }
        natural["model"] = models.map { JobRow.shortModel($0).count }.max() ?? 0
        natural["provider"] = providers.map(\.count).max() ?? 0
        let columns = Self.columns(kind, width: width)
        layout = TableLayout(columns: columns, naturalWidths: columns.map { natural[$0.title] ?? 0 }, width: width)
    }

    /// A table of rows laid out alone (tests, and places that show one job).
    init(rows: [JobRow], kind: Kind, width: Int) {
        self.summaries = []
        self.kind = kind
        let cells = rows.map { $0.cells(for: kind) }
        layout = TableLayout(columns: Self.columns(kind, width: width), rows: cells, width: width)
    }

    public var header: String { layout.header }

    public var count: Int { summaries.count }

    /// Row `index` laid out, its cells built now (only visible rows are ever built).
    public func line(_ index: Int, now: Date, latency: LatencyModel? = nil) -> String {
        layout.line(JobRow(summary: summaries[index], now: now, latency: latency).cells(for: kind))
    }

    /// The role of row `index` (its state).
    public func role(_ index: Int) -> StyleRole { JobRow.role(for: summaries[index].record.status) }
}
