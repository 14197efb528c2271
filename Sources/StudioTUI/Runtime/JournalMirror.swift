import Foundation
import StudioCore

/// Reads the journal for the open views: the whole `JournalSnapshot` after the journal changed,
/// only the parts whose question changed otherwise (search as you type re-reads History alone).
/// A read that fails keeps the part it would have replaced, so a busy journal never blanks a view.
@MainActor
public final class JournalMirror {
    private let service: GenerationService
    private let latencyScale: @Sendable (String) -> Double
    private var latencyCache: [String: (model: LatencyModel, at: Date)] = [:]

    public init(service: GenerationService, latencyScale: @escaping @Sendable (String) -> Double = { _ in 1 }) {
        self.service = service
        self.latencyScale = latencyScale
    }

    /// A reading for `query`: everything when the journal changed (or there is no earlier reading),
    /// else only the parts whose question differs from `previous`'s.
    public func read(_ query: JournalQuery, previous: JournalSnapshot?, journalChanged: Bool) -> JournalSnapshot {
        let journal = service.journal
        var snapshot = previous ?? JournalSnapshot(query: query)
        let everything = journalChanged || previous == nil
        if everything {
            if let operations = try? journal.operations() { snapshot.operations = operations }
            snapshot.latencies = latencies(for: snapshot.operations)
            if let spending = try? Spending.read(journal) { snapshot.spending = spending }
            snapshot.caps = service.budget.overall
        }
        if everything || !(previous?.query.sameHistory(as: query) ?? false) || previous?.query.historyLimit != query.historyLimit {
            if let rows = try? journal.historySummaries(matching: query.historyText, filter: query.historyFilter, limit: query.historyLimit) {
                snapshot.history = rows
            }
        }
        if everything || previous?.query.detailID != query.detailID {
            snapshot.detail = nil
            if let id = query.detailID {
                switch Result(catching: { try GenerationDetail.read(id, journal: journal) }) {
                case .success(var detail):
                    let hold = detail.flatMap { GenerationDetail.hold(of: $0.record, service: service) }
                    detail?.hold = hold
                    snapshot.detail = detail
                case .failure: snapshot.detail = previous?.query.detailID == id ? previous?.detail : nil
                }
            }
        }
        if everything || previous?.query.conversationTipID != query.conversationTipID {
            snapshot.conversation = query.conversationTipID.flatMap { ConversationChain.load(newestTurn(after: $0), service: service) }
        }
        if everything || previous?.query.storyboards != query.storyboards || previous?.query.boardID != query.boardID {
            snapshot.storyboards = query.storyboards ? ((try? journal.storyboards()) ?? snapshot.storyboards) : []
            snapshot.board = query.boardID.flatMap { try? StoryboardState.read($0, journal: journal) }
        }
        snapshot.query = query
        return snapshot
    }

    /// The newest refinement that continues a turn (one sent from elsewhere, a CLI `refine`), or the turn itself.
    private func newestTurn(after id: Int64) -> Int64 {
        var tip = id
        var seen: Set<Int64> = [id]
        while let next = (try? service.journal.children(of: tip))?.filter({ $0.parentKind == "refine" }).compactMap(\.id).max(),
              seen.insert(next).inserted {
            tip = next
        }
        return tip
    }

    /// A model's latency for ETAs, read from the journal at most every few seconds per model.
    private func latencies(for jobs: [GenerationSummary]) -> [String: LatencyModel] {
        var result: [String: LatencyModel] = [:]
        for job in jobs where job.record.status.isActive {
            let key = JournalSnapshot.latencyKey(job.record)
            guard result[key] == nil else { continue }
            if let cached = latencyCache[key], Date().timeIntervalSince(cached.at) < 5 {
                result[key] = cached.model
                continue
            }
            let fitted = service.latencyModel(provider: job.record.provider, model: job.record.model,
                                              latencyScale: latencyScale(job.record.provider))
            latencyCache[key] = (fitted, Date())
            result[key] = fitted
        }
        return result
    }
}
