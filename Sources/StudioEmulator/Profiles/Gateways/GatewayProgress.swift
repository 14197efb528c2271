import Foundation

/// Where a gateway task stands at a moment: a share of its latency and the phase it gives.
struct GatewayProgress: Sendable, Equatable {
    enum Phase: Sendable, Equatable { case queued, running, done }

    var phase: Phase
    /// 0 while queued, 1...99 while running (rising with elapsed/expected time), 100 when done.
    var percent: Int

    /// The first tenth of the latency counts as queued.
    init(_ snapshot: OperationSnapshot, now: Date) {
        let record = snapshot.record
        if snapshot.done {
            self.init(phase: .done, percent: 100)
            return
        }
        let total = max(record.finishAt.timeIntervalSince(record.createdAt), 1e-9)
        let share = min(max(now.timeIntervalSince(record.createdAt) / total, 0), 1)
        if share < 0.1 {
            self.init(phase: .queued, percent: 0)
        } else {
            self.init(phase: .running, percent: min(99, max(1, Int(share * 100))))
        }
    }

    init(phase: Phase, percent: Int) {
        self.phase = phase
        self.percent = percent
    }
}
