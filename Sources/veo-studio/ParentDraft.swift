import Foundation
import StudioCore

/// A stored generation turned back into a draft, its inputs pointing at the journal's copies
/// (so a re-run works after the original files moved).
enum ParentDraft {
    static func load(_ id: Int64, journal: Journal) throws -> (record: GenerationRecord, draft: GenerationDraft, original: GenerationDraft) {
        guard let record = try journal.generation(id) else {
            throw CLIFailure.badInput("error: id: no generation \(id) in the journal — list them with veo-studio history")
        }
        let spec: GenerationSpec
        do {
            spec = try record.spec()
        } catch {
            throw CLIFailure.failed("error: generation \(id) has a spec this version cannot read")
        }
        var draft = spec.draft
        let stored = Dictionary(try journal.assets(of: id).map { ($0.role, $0.asset.storedPath) }, uniquingKeysWith: { a, _ in a })
        if draft.image != nil, let path = stored["image"] { draft.image = path }
        if draft.lastFrame != nil, let path = stored["lastFrame"] { draft.lastFrame = path }
        for index in draft.references.indices {
            if let path = stored["referenceImages[\(index)]"] { draft.references[index].path = path }
        }
        if case .file? = draft.video, let path = stored["video"] { draft.video = .file(path: path) }
        return (record, draft, spec.draft)
    }
}
