/// A storyboard validated and priced before anything is sent: each shot's takes with their cost and
/// length, the film's length and total, and every problem by line.
public struct StoryboardPlan: Sendable {
    public struct Shot: Sendable {
        public var shot: StoryboardShot
        /// The first take as it would be sent (a chained shot's input stood in for by its planned shape).
        public var prepared: PreparedGeneration
        /// The cost of one take, when the price is known.
        public var takeUSD: Double?
        /// The seconds of the shot's own video (an extension's whole video, which holds the shot before).
        public var outputSeconds: Int
        /// The seconds the shot adds to the film.
        public var filmSeconds: Int
        /// Extensions in its chain (0 for a fresh video).
        public var hops: Int
        public var provider: String
        public var model: String

        /// The cost of all its takes, when the price is known.
        public var costUSD: Double? { takeUSD.map { $0 * Double(shot.takes) } }
    }

    public var document: StoryboardDocument
    public var shots: [Shot]
    public var problems: [BatchProblem]

    public var isValid: Bool { problems.isEmpty && shots.count == document.shots.count && !shots.isEmpty }
    /// Every take of every shot, if all succeed.
    public var totalUSD: Double { shots.compactMap(\.costUSD).reduce(0, +) }
    /// Takes without a known price.
    public var unpriced: Int { shots.filter { $0.takeUSD == nil }.map(\.shot.takes).reduce(0, +) }
    /// The film's planned length, before crossfades.
    public var filmSeconds: Int { shots.map(\.filmSeconds).reduce(0, +) }
}
