import TermUI

/// A scrollable pane of styled lines over the current screen: a generation's details, the
/// request as curl, a sidecar. Esc closes it.
public struct TextPanel: Sendable {
    public var title: String
    public var lines: [(text: String, role: StyleRole)]
    public var offset = 0
    /// The generation it is about, so actions (re-run, open, extend) still work from it.
    public var generationID: Int64?
    /// Pictures drawn at the top right (a generation's input images).
    public var thumbnails: [HalfBlockImage] = []

    public init(title: String, lines: [(text: String, role: StyleRole)], generationID: Int64? = nil) {
        self.title = title
        self.lines = lines
        self.generationID = generationID
    }

    public mutating func scroll(by delta: Int) {
        offset = min(max(0, lines.count - 1), max(0, offset + delta))
    }
}
