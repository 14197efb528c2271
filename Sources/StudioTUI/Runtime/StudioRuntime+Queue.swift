import Foundation
import StudioCore

/// The studio's queue effects: a draft queued from the form (Ctrl-B), a job held, released or moved.
extension StudioRuntime {
    /// Journals the draft as waiting in the queue; the queue runner sends it when the provider's
    /// limits allow.
    func enqueue(_ draft: GenerationDraft, parent: (id: Int64, kind: String)?) -> StudioMessage {
        let providerID = draft.provider ?? dependencies.providerName
        let inherited = parent.flatMap { try? service.journal.generation($0.id) }.flatMap { $0.provider == providerID ? $0.endpoint : nil }
        let prepared = service.prepare(draft, loader: InputLoader(baseDirectory: dependencies.workingDirectory))
        guard prepared.report.isValid else {
            let first = prepared.report.errors.first
            let fix = first.map { StudioAdvice.fix($0, registry: service.registry) } ?? ""
            return .submitFinished(nil, "not queued: \(first?.message ?? "the draft is incomplete") — \(fix)")
        }
        do {
            let record = try service.enqueue(prepared, endpoint: dependencies.endpoint(providerID) ?? inherited, parent: parent)
            let id = record.id ?? 0
            let place = (try? service.journal.queue())?.first { $0.record.id == id }?.position
            queueRunner.nudge()
            return .submitFinished(id, "#\(id) queued\(place.map { ", \($0)\(JobRow.ordinal($0)) in line" } ?? "") — sent when \(providerID)'s limits allow; Operations (F3) says why it waits")
        } catch {
            return .submitFinished(nil, "not queued: \(error)")
        }
    }

    /// Holds, releases or reorders a queued job; says what happened.
    func changeQueue(_ id: Int64, _ change: QueueChange) -> String {
        let journal = service.journal
        let now = Date()
        do {
            switch change {
            case .toggleHold:
                let held = try journal.queueEntry(of: id)?.paused ?? false
                guard try journal.setQueuePaused(id, !held, at: now) else { return "#\(id) is no longer waiting" }
                queueRunner.nudge()
                return held ? "#\(id) released: it goes in its turn" : "#\(id) held: it keeps its place and is not sent (p releases it)"
            case .front:
                guard try journal.moveToFront(id, at: now) else { return "#\(id) is no longer waiting" }
                queueRunner.nudge()
                return "#\(id) moved to the front of the queue"
            case .back:
                guard try journal.moveToBack(id, at: now) else { return "#\(id) is no longer waiting" }
                return "#\(id) moved to the back of the queue"
            }
        } catch {
            return "#\(id): the queue could not be changed: \(error)"
        }
    }
}
