import Foundation
import StudioCore

/// A batch's progress on standard error: a bar redrawn in place on a terminal, a plain line per
/// change otherwise (a log, a pipe). It follows the dispatcher's own news of each job (sent, each
/// tracking event), so a change costs no journal read; the summary reads the journal once.
final class BatchProgress: @unchecked Sendable {
    let total: Int
    let onTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var statuses: [Int64: JobStatus]
    private var last = ""

    /// `jobs`: the batch's jobs as queued. News of any other job (the dispatcher sends whatever waits) is ignored.
    init(jobs: [GenerationRecord]) {
        total = jobs.count
        statuses = Dictionary(jobs.compactMap { job in job.id.map { ($0, job.status) } }, uniquingKeysWith: { $1 })
    }

    /// A job left the queue (sent, refused, or back to wait), as its submit left it.
    func sent(_ record: GenerationRecord) {
        guard let id = record.id else { return }
        change(id, to: record.status)
    }

    /// A job's tracking moved on.
    func event(_ event: TrackingEvent) {
        change(event.generationID, to: event.status)
    }

    /// Ends the bar's line with where the batch ended, as the journal has it.
    func finish(_ ended: [GenerationRecord]) {
        for record in ended { if let id = record.id { change(id, to: record.status) } }
        if onTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func change(_ id: Int64, to status: JobStatus) {
        lock.withLock {
            guard statuses[id] != nil else { return }
            statuses[id] = status
            let values = statuses.values
            let ended = values.filter { $0.isFinal || $0 == .unknown }.count
            let failed = values.filter { ($0.isFinal || $0 == .unknown) && $0 != .done }.count
            let waiting = values.filter { $0 == .waiting }.count
            let text = "\(ended)/\(total) ended · \(failed) not done · \(waiting) waiting · \(total - ended - waiting) at the service"
            guard text != last else { return }
            last = text
            if onTerminal {
                let width = 24
                let filled = total == 0 ? width : width * ended / total
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(text)".utf8))
            } else {
                Output.stderr(text)
            }
        }
    }
}
