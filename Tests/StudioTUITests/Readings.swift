import Foundation
import StudioCore
@testable import StudioTUI

/// Journal readings as the runtime hands them to `update`: the rows a test names, the rest as the
/// model last read them, answering the question the model asks now.
enum Readings {
    static func summaries(_ records: [GenerationRecord]) -> [GenerationSummary] {
        records.map { record in
            let finished = record.status == .done
            return GenerationSummary(record: record, resolution: "720p", durationSeconds: 8, samples: 1, outputs: finished ? 1 : 0,
                                     downloaded: finished ? 1 : 0, firstOutputPath: finished ? "/media/\(record.id ?? 0).mp4" : nil)
        }
    }

    @discardableResult
    static func read(_ model: inout AppModel, operations: [GenerationRecord]? = nil, history: [GenerationRecord]? = nil,
                     detail: GenerationDetail? = nil, conversation: ConversationChain? = nil) -> [StudioEffect] {
        var snapshot = model.journal
        snapshot.query = model.journalQuery
        if let operations { snapshot.operations = summaries(operations) }
        if let history { snapshot.history = summaries(history) }
        if let detail { snapshot.detail = detail }
        if let conversation { snapshot.conversation = conversation }
        return StudioUpdate.apply(.journalRead(snapshot), to: &model)
    }
}
