/// A yes/no question before something costly or final (a submit above the cost threshold, a
/// delete, a cancel that may still be charged, quitting with work in hand). y or Enter says yes;
/// n or Esc says no; any other key says which keys answer.
public struct Confirmation: Sendable {
    public var question: String
    public var detail: String
    public var onYes: StudioEffect
    /// What the status line says when the answer is no ("#7 goes on").
    public var whenDeclined: String

    public init(question: String, detail: String, onYes: StudioEffect, whenDeclined: String = "nothing was done") {
        self.question = question
        self.detail = detail
        self.onYes = onYes
        self.whenDeclined = whenDeclined
    }

    /// The job a cancel question is about (it goes when the job ends first).
    public var cancelledJob: Int64? {
        if case .cancelJob(let id) = onYes { return id }
        return nil
    }
}
