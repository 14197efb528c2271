import Foundation

/// The tracking state machine (wait → poll → download → finish), free of I/O: it is given
/// each answer and the time, and says what to do next. A thin driver runs it.
public struct TrackerMachine: Sendable {
    /// What the driver should do next.
    public enum Action: Sendable, Equatable {
        /// Sleep this many seconds, then poll.
        case poll(after: Double)
        /// The operation is done with videos: download them.
        case download([RemoteVideo], filteredCount: Int, reasons: [String])
        /// Nothing more to do.
        case finish(Outcome)
    }

    /// How a job ended (as far as the tracker can tell).
    public enum Outcome: Sendable, Equatable {
        case failed(ServerAnswer)
        case filtered(count: Int, reasons: [String])
        /// Polling could not reach an answer before the deadline; the operation may still finish.
        case unknown(reason: String)
    }

    public let policy: TrackerPolicy
    public let schedule: PollSchedule
    public let submittedAt: Date
    public private(set) var consecutiveFailures = 0
    public private(set) var polls = 0
    private var lastPollAt: Date?

    public init(policy: TrackerPolicy, schedule: PollSchedule, submittedAt: Date) {
        self.policy = policy
        self.schedule = schedule
        self.submittedAt = submittedAt
    }

    /// The first action: wait for the first useful poll time.
    public func start(now: Date) -> Action {
        let elapsed = now.timeIntervalSince(submittedAt)
        if elapsed > policy.deadlineSeconds { return .poll(after: 0) }
        return .poll(after: schedule.nextDelay(elapsed: elapsed, sinceLastPoll: .infinity))
    }

    /// Takes a poll's answer (or failure) and decides.
    public mutating func handle(_ result: Result<OperationSnapshot, ProviderFailure>, now: Date, random: Double) -> Action {
        polls += 1
        lastPollAt = now
        let elapsed = now.timeIntervalSince(submittedAt)
        switch result {
        case .success(let snapshot):
            consecutiveFailures = 0
            if let error = snapshot.error { return .finish(.failed(error)) }
            if snapshot.done {
                if !snapshot.videos.isEmpty {
                    return .download(snapshot.videos, filteredCount: snapshot.raiFilteredCount, reasons: snapshot.raiReasons)
                }
                if snapshot.raiFilteredCount > 0 || !snapshot.raiReasons.isEmpty {
                    return .finish(.filtered(count: max(snapshot.raiFilteredCount, 1), reasons: snapshot.raiReasons))
                }
                return .finish(.failed(ServerAnswer(stage: .operation, message: "the operation finished with no videos and no reason")))
            }
            if elapsed >= policy.deadlineSeconds { return deadlinePassed() }
            return .poll(after: schedule.nextDelay(elapsed: elapsed, sinceLastPoll: 0))
        case .failure(let failure):
            // A refused or missing credential, or a local problem, says nothing about the job:
            // it may still finish on the server, so it stays resumable.
            if case .http(let answer, _) = failure, [401, 403].contains(answer.httpStatus ?? 0) {
                return .finish(.unknown(reason: "the service refused the credentials while polling (HTTP \(answer.httpStatus ?? 0): \(answer.message))"))
            }
            if case .http(let answer, _) = failure, !failure.isTransient {
                return .finish(.failed(answer))
            }
            if case .local(let error) = failure {
                return .finish(.unknown(reason: error.description))
            }
            consecutiveFailures += 1
            if elapsed >= policy.deadlineSeconds { return deadlinePassed(last: failure.description) }
            let wait = policy.backoff(failures: consecutiveFailures, retryAfter: failure.retryAfterSeconds, random: random)
            return .poll(after: wait)
        }
    }

    private func deadlinePassed(last: String? = nil) -> Action {
        let minutes = Int(policy.deadlineSeconds / 60)
        let tail = last.map { "; last answer: \($0)" } ?? ""
        return .finish(.unknown(reason: "no result within \(minutes) min\(tail)"))
    }
}
