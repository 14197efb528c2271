import Foundation
import StudioCore

/// Checks the form's draft on every change: reads its images once (cached by path, size and
/// date), validates, prices, and lists every choice with the reason when it is forbidden.
@MainActor
final class FormChecker {
    private let service: GenerationService
    private var cache: [String: (stamp: String, media: LoadedMedia)] = [:]
    private let loader: InputLoader

    init(service: GenerationService, workingDirectory: URL) {
        self.service = service
        self.loader = InputLoader(baseDirectory: workingDirectory)
    }

    func check(_ draft: GenerationDraft) -> FormCheck {
        let (media, loadIssues) = load(draft)
        let prepared = service.prepare(draft, media: media, loadIssues: loadIssues)
        let advisor = ChoiceAdvisor(validator: service.validator)
        var choices: [String: [ChoiceAdvisor.Choice]] = [:]
        for field in service.registry.formFields(mode: draft.mode, provider: draft.provider ?? "sandbox") where field.kind == .choice {
            choices[field.id] = advisor.choices(forField: field.id, draft: draft, media: media, extensionSource: prepared.extensionSource)
        }
        return FormCheck(draft: draft, report: prepared.report, choices: choices,
                         images: media.compactMapValues(\.image), extensionChain: chain(draft, prepared: prepared))
    }

    /// For an extension: its hop, the length after it and the whole chain's estimated cost.
    private func chain(_ draft: GenerationDraft, prepared: PreparedGeneration) -> ExtensionChain? {
        guard case .generation(let id)? = draft.video, let source = prepared.extensionSource else { return nil }
        var cost = prepared.report.cost?.usd ?? 0
        var current = try? service.journal.generation(id)
        var seen = Set<Int64>()
        while let record = current, let recordID = record.id, seen.insert(recordID).inserted {
            cost += record.costEstimateUSD ?? 0
            current = record.parentKind == "extend" ? record.parentID.flatMap { try? service.journal.generation($0) } : nil
        }
        return ExtensionChain(sourceID: id, hop: source.hops + 1, totalSeconds: source.durationSeconds + CostEstimator.extensionSeconds,
                              chainCostUSD: cost)
    }

    private func load(_ draft: GenerationDraft) -> ([String: LoadedMedia], [ValidationIssue]) {
        var media: [String: LoadedMedia] = [:]
        var issues: [ValidationIssue] = []
        for (field, path) in InputLoader.files(of: draft) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: (path as NSString).expandingTildeInPath)
            let stamp = "\(attributes?[.size] ?? 0)-\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
            if let cached = cache[path], cached.stamp == stamp {
                media[field] = cached.media
                continue
            }
            switch loader.read(path) {
            case .success(let loaded):
                cache[path] = (stamp, loaded)
                media[field] = loaded
            case .failure(let error):
                issues.append(ValidationIssue(field: field, code: error.code, message: error.message, fix: error.fix))
            }
        }
        return (media, issues)
    }
}
