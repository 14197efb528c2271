import Foundation
import StudioCore
import TermUI

/// Operations and History (and the CLI's `history`) as a table: every column as wide as its widest
/// cell with a gap, the prompt taking what is left; with more width the date, length, resolution,
/// provider and videos columns join, in that order. Laid out once per journal reading and size.
public struct GenerationTable: Sendable {
    public enum Kind: Sendable { case operations, history }

    public let rows: [JobRow]
    public let layout: TableLayout
    let cells: [[String]]

    /// The columns, in order; the priority says which stay when the width is short (the prompt keeps
    /// at least 28 cells, up to 48 on a wide table).
    static func columns(_ kind: Kind, width: Int) -> [TableLayout.Column] {
        var columns: [TableLayout.Column] = [
            .init("#", priority: 0), .init("state", priority: 1), .init("mode", priority: 4), .init("model", priority: 6),
            .init("prompt", flexible: true, minimumWidth: max(28, min(48, width * 2 / 5)), priority: 0), .init("time", alignment: .right, priority: 3),
        ]
        if kind == .operations { columns.append(.init("eta", priority: 5)) }
        columns += [
            .init("cost", alignment: .right, priority: 2), .init("date", priority: 7), .init("length", alignment: .right, priority: 8),
            .init("res", priority: 9), .init("provider", priority: 10), .init("videos", alignment: .right, priority: 11),
        ]
        return columns
    }

    public init(rows: [JobRow], kind: Kind, width: Int) {
        self.rows = rows
        cells = rows.map { $0.cells(for: kind) }
        layout = TableLayout(columns: Self.columns(kind, width: width), rows: cells, width: width)
    }

    public init(_ summaries: [GenerationSummary], kind: Kind, now: Date, width: Int,
                latency: (GenerationRecord) -> LatencyModel? = { _ in nil }) {
        self.init(rows: summaries.map { JobRow(summary: $0, now: now, latency: latency($0.record)) }, kind: kind, width: width)
    }

    public var header: String { layout.header }

    /// Row `index` laid out.
    public func line(_ index: Int) -> String { layout.line(cells[index]) }

    /// The role of row `index` (its state).
    public func role(_ index: Int) -> StyleRole { rows[index].statusRole }
}
