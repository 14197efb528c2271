/// Which of a job's videos `o` opens, when it made several: a number opens that sample, the
/// arrows choose one and Enter opens it, Esc closes.
public struct SampleChooser: Sendable {
    public var generationID: Int64
    /// The samples on disk (0-based indices) with their file names.
    public var samples: [(index: Int, name: String)]
    public var selected = 0

    public init(generationID: Int64, samples: [(index: Int, name: String)]) {
        self.generationID = generationID
        self.samples = samples
    }
}
