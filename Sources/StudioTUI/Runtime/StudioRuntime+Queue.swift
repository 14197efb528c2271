import Foundation
import StudioCore

/// The studio's queue effects: a draft queued from the form (Ctrl-B), a job held, released or moved.
extension StudioRuntime {
    /// Journals the draft as waiting in the queue; the queue runner sends it when the provider's
    /// limits allow.
    func enqueue(_ draft: GenerationDraft, parent: (id: Int64, kind: String)?) -> StudioMessage {
        let providerID = draft.provider ?? dependencies.providerName
        let prepared = service.prepare(draft, loader: InputLoader(baseDirectory: dependencies.workingDirectory))
        guard prepared.report.isValid else {
            let first = prepared.report.errors.first
            let fix = first.map { StudioAdvice.fix($0, registry: service.registry) } ?? ""
            return .submitFinished(nil, "not queued: \(first?.message ?? "the draft is incomplete") — \(fix)")
        }
        do {
            let record = try service.enqueue(prepared, endpoint: endpoint(for: providerID, parent: parent), parent: parent)
            let id = record.id ?? 0
            let place = (try? service.journal.queue())?.first { $0.record.id == id }?.position
            queueRunner.nudge()
            return .submitFinished(id, Self.queuedMessage(id: id, place: place, provider: providerID))
        } catch {
            return .submitFinished(nil, "not queued: \(error)")
        }
    }

    /// What the form says of a job it queued: its status word (`waiting`, never the service's `queued`) and place.
    static func queuedMessage(id: Int64, place: Int?, provider: String) -> String {
        "#\(id) waiting in the queue\(place.map { ", \($0)\(JobRow.ordinal($0)) in line" } ?? "") — sent when \(provider)'s limits allow; "
            + "Operations (F3) says why it waits"
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
