import TermUI

/// A scrollable pane of styled lines over the current screen: a generation's details (kept live
/// from the journal), the request as curl, a sidecar. Lines wrap to the pane's width; Esc closes it.
public struct TextPanel: Sendable {
    /// What the pane shows: a detail pane follows the journal; the others are read once.
    public enum Kind: Sendable, Hashable { case detail, request, sidecar, ledger }

    public var kind: Kind
    public var title: String
    public var lines: [(text: String, role: StyleRole)]
    /// The first shown row of the wrapped lines.
    public var offset = 0
    /// The generation it is about, so actions (re-run, open, extend) still work from it.
    public var generationID: Int64?
    /// Pictures drawn in their own column at the right (a generation's input images).
    public var thumbnails: [HalfBlockImage] = []
    /// True once the pictures were asked for (a detail pane asks once).
    public var picturesAsked = false

    public init(kind: Kind, title: String, lines: [(text: String, role: StyleRole)], generationID: Int64? = nil) {
        self.kind = kind
        self.title = title
        self.lines = lines
        self.generationID = generationID
    }

    /// The column the pictures take at the right of a pane `width` cells wide (0: none drawn, the
    /// text keeps the whole width). A picture gets its own cells or is not drawn.
    public func pictureColumn(width: Int) -> Int {
        guard let widest = thumbnails.map(\.width).max() else { return 0 }
        let column = widest + 2
        return width - column >= 40 ? column : 0
    }

    /// The lines wrapped to `width` cells, each keeping its role.
    public func wrapped(width: Int) -> [(text: String, role: StyleRole)] {
        lines.flatMap { line in
            WordWrap.lines(Array(line.text), width: max(1, width)).map { (String($0.text), line.role) }
        }
    }

    /// The text width inside a pane of `size` (frame, margin and picture column taken off).
    public func textWidth(in size: Size) -> Int {
        let inner = max(1, size.width - 2)
        return max(1, inner - 2 - pictureColumn(width: inner))
    }

    /// Scrolls by `delta` rows, within the wrapped lines of a pane of `size` with `height` rows.
    public mutating func scroll(by delta: Int, size: Size, height: Int) {
        let count = wrapped(width: textWidth(in: size)).count
        offset = min(max(0, count - height), max(0, offset + delta))
    }
}
