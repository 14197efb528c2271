import Foundation
import StudioCore

/// Checks the form's draft on every change: reads its images once (cached by path, size and
/// date), validates, prices, lists every choice with the reason when it is forbidden, says
/// whether style images are taken, names library picks by their original file, and marks a
/// provider that cannot send (no key, no base URL) beside Provider before anything is sent.
@MainActor
final class FormChecker {
    private let service: GenerationService
    private var cache: [String: (stamp: String, media: LoadedMedia)] = [:]
    private let loader: InputLoader
    /// Why a provider cannot send from this program's configuration (nil when it can).
    private let providerProblem: (String) -> ValidationIssue?

    init(service: GenerationService, workingDirectory: URL, providerProblem: @escaping (String) -> ValidationIssue? = { _ in nil }) {
        self.service = service
        self.loader = InputLoader(baseDirectory: workingDirectory)
        self.providerProblem = providerProblem
    }

    func check(_ draft: GenerationDraft) -> FormCheck {
        let (media, loadIssues) = load(draft)
        let prepared = service.prepare(draft, media: media, loadIssues: loadIssues)
        let advisor = ChoiceAdvisor(validator: service.validator)
        var choices: [String: [ChoiceAdvisor.Choice]] = [:]
        let provider = draft.providerID
        for field in service.registry.formFields(mode: draft.mode, provider: provider, model: draft.model) where field.kind == .choice {
            choices[field.id] = advisor.choices(forField: field.id, draft: draft, media: media, extensionSource: prepared.extensionSource)
        }
        var report = prepared.report
        if let problem = providerProblem(provider) { report.issues.insert(problem, at: 0) }
        var check = FormCheck(draft: draft, report: report, choices: choices,
                              images: media.compactMapValues(\.image), extensionChain: chain(draft, prepared: prepared))
        check.styleRefusal = styleRefusal(draft)
        check.displayNames = displayNames(draft)
        return check
    }

    /// Why the draft's model and provider take no style image: the validator's answer for one.
    private func styleRefusal(_ draft: GenerationDraft) -> String? {
        guard draft.mode == .referenceImages || draft.references.isEmpty else { return nil }
        var probe = draft
        probe.references = [ReferenceImageInput(path: "style.png", kind: .style)]
        probe.prompt = probe.prompt ?? "probe"
        let report = service.validator.validate(probe, media: [:])
        let refusals: Set<String> = ["reference_images.style_unsupported", "gateway.task_relay.fast_style"]
        return report.issues.first { refusals.contains($0.code) && $0.severity == .error }?.message
    }

    /// Inputs stored in the journal's asset store, named by the file they were first picked from.
    private func displayNames(_ draft: GenerationDraft) -> [String: String] {
        var names: [String: String] = [:]
        for (_, path) in InputLoader.files(of: draft) where path.hasPrefix(service.assets.root.path) {
            let sha = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if let asset = try? service.journal.asset(sha256: sha) {
                names[path] = (asset.originalPath as NSString).lastPathComponent
            }
        }
        return names
    }

    /// For an extension: its hop, the length after it, its resolution and what the chain costs: the
    /// money its videos were charged (a filtered or failed one was not) plus this extension's estimate.
    private func chain(_ draft: GenerationDraft, prepared: PreparedGeneration) -> ExtensionChain? {
        guard case .generation(let id)? = draft.video, let source = prepared.extensionSource else { return nil }
        var cost = prepared.report.cost?.usd ?? 0
        var current = try? service.journal.summary(id)
        var seen = Set<Int64>()
        while let summary = current, seen.insert(summary.id).inserted {
            cost += summary.charge.spentUSD
            let record = summary.record
            current = record.parentKind == "extend" ? record.parentID.flatMap { try? service.journal.summary($0) } : nil
        }
        let resolution = prepared.report.spec?.effective.resolution ?? draft.resolution
            ?? service.registry.document.defaults.values["resolution"]?.stringValue ?? "720p"
        let added = prepared.report.spec.map(service.addedSeconds) ?? CostEstimator.extensionSeconds
        return ExtensionChain(sourceID: id, hop: source.hops + 1, totalSeconds: source.durationSeconds + added,
                              chainCostUSD: cost, resolution: resolution, synthetic: service.registry.isSandbox(draft.providerID))
    }

    /// A `gs://` object or a web address: the validator judges it by its provider, no file is read.
    static func isRemote(_ path: String) -> Bool {
        path.hasPrefix("gs://") || path.hasPrefix("https://") || path.hasPrefix("http://")
    }

    private func load(_ draft: GenerationDraft) -> ([String: LoadedMedia], [ValidationIssue]) {
        var media: [String: LoadedMedia] = [:]
        var issues: [ValidationIssue] = []
        for (field, path) in InputLoader.files(of: draft) where !Self.isRemote(path) {
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
