import StudioCore
import TermUI

/// Every problem of the form in full, each with its field, cause and fix: opened by Ctrl-S when
/// something blocks the submit, or by F5. Enter puts the keyboard on the selected problem's field.
public struct ProblemList: Sendable {
    public var issues: [ValidationIssue]
    public var list = ListState()

    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }

    public var selected: ValidationIssue? { issues.indices.contains(list.selected) ? issues[list.selected] : nil }
}
