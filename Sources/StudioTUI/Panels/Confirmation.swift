/// A yes/no question before something costly or final (a submit above the cost threshold, a
/// delete, a cancel that may still be charged). y or Enter says yes; n or Esc says no.
public struct Confirmation: Sendable {
    public var question: String
    public var detail: String
    public var onYes: StudioEffect

    public init(question: String, detail: String, onYes: StudioEffect) {
        self.question = question
        self.detail = detail
        self.onYes = onYes
    }
}
