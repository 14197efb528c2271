/// Where a generation stands. `unknown` means the studio cannot tell whether the service took it
/// (a lost submit answer, a deadline passed): it is never resubmitted on its own.
public enum JobStatus: String, Codable, Sendable, CaseIterable, Hashable {
    /// `waiting`: in the studio's own queue, journaled and priced, not sent yet. `queued`: accepted
    /// by the service, not started there.
    case waiting, submitting, queued, running, downloading, done, failed, filtered, unknown, cancelled

    /// Still owned by the tracker (resumed on start).
    public var isActive: Bool { [.queued, .running, .downloading].contains(self) }
    /// No further change is expected.
    public var isFinal: Bool { [.done, .failed, .filtered, .cancelled].contains(self) }
}
