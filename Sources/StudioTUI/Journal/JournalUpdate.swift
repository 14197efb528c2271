import Foundation
import StudioCore
import TermUI

/// A reading of the journal reaching the screens: every view takes it at once (lists keep the
/// selected generation under the cursor, the detail pane and the conversation follow it), a job
/// that ended since the studio started is announced once with its video and a bell, and a
/// question about a job that ended first goes away.
enum JournalUpdate {
    static func apply(_ snapshot: JournalSnapshot, to model: inout AppModel) -> [StudioEffect] {
        let selectedOperation = model.operations.indices.contains(model.operationsList.selected)
            ? model.operations[model.operationsList.selected].id : nil
        let selectedHistory = model.history.indices.contains(model.historyList.selected) ? model.history[model.historyList.selected].id : nil
        let sameHistoryQuestion = model.journal.query.sameHistory(as: snapshot.query)
        let first = !model.journalRead
        model.journal = snapshot
        model.journalRead = true
        if let follow = model.followJob, let index = snapshot.operations.firstIndex(where: { $0.id == follow }) {
            // A job just sent: the cursor goes to it, so Enter shows it.
            model.operationsList.select(index, count: snapshot.operations.count, height: model.listHeight)
            model.followJob = nil
        } else {
            keep(selectedOperation, in: snapshot.operations, &model.operationsList, height: model.listHeight)
        }
        if sameHistoryQuestion, model.historyList.selected > 0 {
            keep(selectedHistory, in: snapshot.history, &model.historyList, height: model.listHeight)
        } else if sameHistoryQuestion {
            // On the first row History follows the newest generation, as a feed does.
            model.historyList.clamp(count: snapshot.history.count, height: model.listHeight)
        } else {
            // A new search or filter starts at its newest match.
            model.historyList = ListState()
        }
        relayout(&model)
        var effects = followDetail(snapshot, &model)
        if let chain = snapshot.conversation, model.conversation != nil {
            effects += ConversationUpdate.loaded(chain, &model)
        }
        dropQuestionAboutEndedJob(&model)
        effects += announceEndedJobs(&model)
        // The first screen is the useful one: Operations when it lists jobs, else the form.
        if first, snapshot.operations.isEmpty, model.screen == .operations, model.panel == nil, model.conversation == nil {
            model.screen = .generate
            effects.append(.checkForm(model.form.submission(model.registry)))
        }
        return effects
    }

    /// Lays the tables out again for the rows, the width and the time.
    static func relayout(_ model: inout AppModel) {
        let width = max(1, model.size.width - 2 - ListView.cursorWidth)
        model.operationsTable = GenerationTable(model.operations, kind: .operations, width: width)
        model.historyTable = GenerationTable(model.history, kind: .history, width: width)
        model.operationsList.clamp(count: model.operations.count, height: model.listHeight)
        model.historyList.clamp(count: model.history.count, height: model.listHeight)
    }

    /// Keeps the cursor on the same generation when rows come and go around it.
    private static func keep(_ id: Int64?, in rows: [GenerationSummary], _ list: inout ListState, height: Int) {
        if let id, let index = rows.firstIndex(where: { $0.id == id }) {
            list.select(index, count: rows.count, height: height)
        } else {
            list.clamp(count: rows.count, height: height)
        }
    }

    /// The open detail pane shows the generation as it is now; it closes when the generation left the journal.
    private static func followDetail(_ snapshot: JournalSnapshot, _ model: inout AppModel) -> [StudioEffect] {
        guard var panel = model.panel, panel.kind == .detail, let id = panel.generationID, snapshot.query.detailID == id else { return [] }
        guard let detail = snapshot.detail, detail.record.id == id else {
            model.panel = nil
            model.toast = "#\(id) is no longer in the journal"
            return []
        }
        panel.title = detail.title
        panel.lines = detail.lines
        let asked = !panel.picturesAsked
        panel.picturesAsked = true
        model.panel = panel
        return asked && !detail.inputImagePaths.isEmpty ? [.loadThumbnails(id, detail.inputImagePaths)] : []
    }

    /// A cancel question about a job that ended on its own meanwhile has nothing left to ask.
    private static func dropQuestionAboutEndedJob(_ model: inout AppModel) {
        guard let id = model.confirmation?.cancelledJob else { return }
        let status = model.summary(id)?.record.status
        guard status.map({ $0.isFinal || $0 == .unknown }) ?? true else { return }
        model.confirmation = nil
        model.toast = status.map { "#\(id) ended (\($0.rawValue)) before it was cancelled: there is nothing to cancel" }
            ?? "#\(id) is no longer in the journal: there is nothing to cancel"
    }

    /// Jobs that ended since the studio started: each once, with its video or its reason; and, when
    /// neither Operations nor the job's own pane is in front, a notification.
    private static func announceEndedJobs(_ model: inout AppModel) -> [StudioEffect] {
        let ended = model.operations.filter { job in
            job.record.status.isFinal && !model.announced.contains(job.id) && (job.record.finishedAt ?? .distantPast) >= model.sessionStart
        }
        guard let last = ended.last else { return [] }
        model.announced.formUnion(ended.map(\.id))
        let more = ended.count > 1 ? " (and \(ended.count - 1) more ended)" : ""
        model.toast = announcement(last, onOperations: model.screen == .operations) + more
        let looking = model.screen == .operations || ended.contains { $0.id == model.panel?.generationID }
        guard !looking else { return [] }
        var notice = JobNotice(record: last.record, outputPath: last.firstOutputPath)
        if ended.count > 1 { notice.text += more }
        return [.notify(notice)]
    }

    /// "#18 done → media/….mp4 — o opens it (F3)", or why it ended without a video.
    static func announcement(_ job: GenerationSummary, onOperations: Bool = true) -> String {
        let record = job.record
        let id = job.id
        switch record.status {
        case .done:
            if let path = job.firstOutputPath {
                let others = job.downloaded > 1 ? " and \(job.downloaded - 1) more" : ""
                return "#\(id) done → \(path)\(others) — \(onOperations ? "o opens it" : "F3, then o, opens it")"
            }
            return "#\(id) done — its video is not downloaded yet"
        case .filtered:
            return "#\(id) filtered: \(record.errorMessage ?? "blocked by the safety filter") — Enter on it explains"
        case .failed:
            return "#\(id) failed: \(record.errorMessage ?? "no video") — Enter on it explains"
        default:
            return "#\(id) \(record.status.rawValue)\(record.errorMessage.map { ": \($0)" } ?? "")"
        }
    }
}
