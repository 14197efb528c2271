import Foundation
import StudioCore

/// A batch's progress on standard error: a bar redrawn in place on a terminal, a plain line per
/// change otherwise (a log, a pipe).
final class BatchProgress: @unchecked Sendable {
    let total: Int
    let batchID: String
    let service: GenerationService
    let onTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var last = ""

    init(total: Int, batchID: String, service: GenerationService) {
        self.total = total
        self.batchID = batchID
        self.service = service
    }

    /// Reads the batch's jobs from the journal and shows where it stands, if that changed.
    func update() {
        let records = (try? service.journal.jobs(inBatch: batchID)) ?? []
        let ended = records.filter { $0.status.isFinal || $0.status == .unknown }
        let failed = ended.filter { $0.status != .done }.count
        let waiting = records.filter { $0.status == .waiting }.count
        let text = "\(ended.count)/\(total) ended · \(failed) not done · \(waiting) waiting · \(records.count - ended.count - waiting) at the service"
        lock.withLock {
            guard text != last else { return }
            last = text
            if onTerminal {
                let width = 24
                let filled = total == 0 ? width : width * ended.count / total
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(text)".utf8))
            } else {
                Output.stderr(text)
            }
        }
    }

    /// Ends the bar's line.
    func finish() {
        update()
        if onTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
