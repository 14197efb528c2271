/// Columns sized to their content with a gap between every two, the one flexible column taking the
/// room that is left (up to what its longest cell needs). When the width is short, columns are
/// left out whole, the least important first (the flexible one keeps at least its minimum); a cell
/// is never run into its neighbour.
public struct TableLayout: Hashable, Sendable {
    /// One column: its heading, how it aligns, whether it takes the room that is left, and how
    /// much it matters (lower numbers are kept longer).
    public struct Column: Hashable, Sendable {
        public enum Alignment: Hashable, Sendable { case left, right }

        public var title: String
        public var alignment: Alignment
        public var flexible: Bool
        /// The flexible column's least width; other columns are as wide as their widest cell.
        public var minimumWidth: Int
        public var priority: Int

        public init(_ title: String, alignment: Alignment = .left, flexible: Bool = false, minimumWidth: Int = 0, priority: Int) {
            self.title = title
            self.alignment = alignment
            self.flexible = flexible
            self.minimumWidth = minimumWidth
            self.priority = priority
        }
    }

    public static let gap = 2

    public let columns: [Column]
    /// Each column's width, or nil when it is left out.
    public let widths: [Int?]

    /// Lays out `rows` of cells (one per column, in order) in `width` cells.
    public init(columns: [Column], rows: [[String]], width: Int) {
        var natural = columns.map { DisplayWidth.of($0.title) }
        for row in rows {
            for (index, cell) in row.prefix(columns.count).enumerated() where cell.utf8.count > natural[index] || !cell.utf8.allSatisfy({ $0 < 0x80 }) {
                // No column is wider than the table: a long cell is measured no further.
                natural[index] = max(natural[index], min(width, DisplayWidth.of(cell, limit: width)))
            }
        }
        self.init(columns: columns, naturalWidths: natural, width: width)
    }

    /// Lays out columns whose widest cells (headings included) are `naturalWidths` in `width` cells.
    /// Columns join in the order of their priority while they fit beside the flexible one's minimum
    /// (or its widest cell, when that is narrower); the first that does not fit ends the joining, so
    /// a column never shows while a more important one is left out.
    public init(columns: [Column], naturalWidths: [Int], width: Int) {
        self.columns = columns
        let natural = columns.indices.map { max(naturalWidths.indices.contains($0) ? naturalWidths[$0] : 0, DisplayWidth.of(columns[$0].title)) }
        var shown = Set(columns.indices.filter { columns[$0].flexible })
        var used = shown.reduce(0) { $0 + min(columns[$1].minimumWidth, natural[$1]) } + Self.gap * max(0, shown.count - 1)
        for index in columns.indices.filter({ !columns[$0].flexible }).sorted(by: { columns[$0].priority < columns[$1].priority }) {
            let extra = natural[index] + (shown.isEmpty ? 0 : Self.gap)
            guard used + extra <= width else { break }
            shown.insert(index)
            used += extra
        }
        let fixed = shown.filter { !columns[$0].flexible }.reduce(0) { $0 + natural[$1] } + Self.gap * max(0, shown.count - 1)
        let room = max(0, width - fixed)
        widths = columns.indices.map { index in
            guard shown.contains(index) else { return nil }
            // The flexible column takes what is left, but no more than its longest cell needs.
            return columns[index].flexible ? min(room, natural[index]) : min(natural[index], width)
        }
    }

    /// The heading row.
    public var header: String { line(columns.map(\.title)) }

    /// One row: each shown cell padded (or cut with `…`) to its column, the columns `gap` apart.
    public func line(_ cells: [String]) -> String {
        var parts: [String] = []
        for (index, width) in widths.enumerated() {
            guard let width else { continue }
            let cell = index < cells.count ? cells[index] : ""
            parts.append(Self.fit(cell, width: width, alignment: columns[index].alignment))
        }
        return parts.joined(separator: String(repeating: " ", count: Self.gap))
    }

    /// Whether a column is shown.
    public func shows(_ title: String) -> Bool {
        columns.indices.contains { columns[$0].title == title && widths[$0] != nil }
    }

    /// A cell padded to `width`, or cut with `…` when it is wider.
    public static func fit(_ text: String, width: Int, alignment: Column.Alignment = .left) -> String {
        let size = DisplayWidth.of(text)
        if size > width {
            guard width > 0 else { return "" }
            let cut = DisplayWidth.prefix(text, fitting: width - 1) + "…"
            return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        }
        let padding = String(repeating: " ", count: width - size)
        return alignment == .left ? text + padding : padding + text
    }
}
