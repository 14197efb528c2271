import StudioCore

/// What the Storyboard screen asks the runtime to do with a board.
public enum StoryboardAction: Hashable, Sendable {
    /// A shot of a board.
    public struct Shot: Codable, Hashable, Sendable {
        public var board: String
        public var index: Int

        public init(board: String, index: Int) {
            self.board = board
            self.index = index
        }
    }

    /// Price what running the board would send (it asks above the confirm threshold), then run it.
    case price(String)
    /// Queue every shot that can go (the studio then sends them and stitches the film at the end).
    case run(String)
    case retake(Shot)
    case choose(Shot, take: Int)
    case add(after: Shot)
    case move(Shot, by: Int)
    case stitch(String)
    /// Open the shot in the Generate form.
    case edit(Shot)
    /// Save the form's draft into the shot it edits.
    case save(Shot, GenerationDraft)
    /// Play the film (or the shot's video).
    case play(Shot)
}
