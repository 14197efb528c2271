import Foundation

/// Decides what a parsed request leads to: a 400/404 at submit, or an accepted operation
/// whose outcome (videos, safety filtering, or an error code 3/13) is fixed now and revealed
/// when the operation finishes — each rule answering at the stage `server-rules.json` gives it.
struct SubmissionPlanner {
    let rules: ServerRules
    let profile: ProfileRules
    let modelID: String
    let model: ModelRules
    /// Looks up one of the emulator's own files by id.
    let lookupFile: (String) -> FileRecord?
    let now: Date

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id), values)
    }

    func plan(_ request: GenerationRequest) throws(GoogleAPIError) -> SubmissionPlan {
        let markers = SafetyMarkers(prompt: request.prompt)
        if markers.submitError { throw reject("marker.submit_error") }
        var safetyCategory: SafetyCategory?
        if let name = markers.raiCategory {
            let wanted = name.isEmpty ? rules.safety.defaultCategory : name
            guard let category = rules.safety.category(named: wanted) else {
                let known = rules.safety.categories.map(\.name).joined(separator: ", ")
                throw reject("marker.unknown_category", ["category": name, "known": known])
            }
            safetyCategory = category
        }

        let mode = try mode(of: request)
        if let resolution = request.resolution, rules.resolutions[resolution] == nil {
            throw reject("resolution.invalid")
        }
        if let aspect = request.aspectRatio, !rules.aspectRatios.contains(aspect) {
            throw reject("use_case.aspect_ratio")
        }
        var aspectRatio = request.aspectRatio ?? profile.defaults.aspectRatio
        var resolution = request.resolution ?? profile.defaults.resolution
        var hops = 0
        var sourceFileID: String?
        var outputDuration = request.durationSeconds ?? 8

        switch mode {
        case .referenceToVideo:
            guard model.referenceImages else { throw reject("use_case.reference_model") }
            guard model.referenceImageAspectRatios.contains(aspectRatio) else {
                throw reject("use_case.reference_aspect_ratio")
            }
            if request.references.allSatisfy({ $0.kind == .style }), !model.styleReference {
                throw reject("use_case.style_reference")
            }
        case .firstLastFrame:
            guard model.lastFrame else { throw reject("use_case.last_frame_model") }
        case .videoExtension:
            guard model.extension else { throw reject("use_case.extension_model") }
            let source = try extensionSource(request)
            if let requested = request.aspectRatio, requested != source.aspectRatio {
                throw reject("extension.aspect_ratio", ["requested": requested, "actual": source.aspectRatio])
            }
            if let requested = request.resolution, requested != profile.extension.resolution {
                throw reject("extension.resolution", ["resolution": requested])
            }
            aspectRatio = source.aspectRatio
            resolution = profile.extension.resolution
            hops = source.hops + 1
            sourceFileID = source.id
            outputDuration = source.durationSeconds + profile.extension.stepSeconds
        case .textToVideo, .imageToVideo:
            break
        }
        if mode != .videoExtension, !model.resolutions.contains(resolution) {
            throw reject("use_case.resolution_model")
        }

        let sampleCount = request.sampleCount ?? profile.sampleCount.default
        var plan = SubmissionPlan(
            mode: mode, aspectRatio: aspectRatio, resolution: resolution,
            durationSeconds: outputDuration, sampleCount: sampleCount,
            frame: frameSize(resolution: resolution, aspectRatio: aspectRatio),
            hops: hops, sourceFileID: sourceFileID
        )
        plan.deferredError = deferredError(request, mode: mode, resolution: resolution, sampleCount: sampleCount, markers: markers)
        if plan.deferredError == nil, let safetyCategory {
            plan.safety = SafetyOutcome(category: safetyCategory, partial: markers.raiPartial)
        }
        return plan
    }

    /// The mode the inputs form; inputs that form none answer "use case not supported".
    private func mode(of request: GenerationRequest) throws(GoogleAPIError) -> GenerationMode {
        let hasPrompt = request.effectivePrompt != nil
        let hasImage = request.image != nil
        let hasLast = request.lastFrame != nil
        let hasRefs = !request.references.isEmpty
        let hasVideo = request.video != nil
        guard hasPrompt || hasImage || hasLast || hasRefs || hasVideo else { throw reject("input.none") }
        if hasVideo {
            guard !hasImage, !hasLast, !hasRefs else { throw reject("use_case.input_combination") }
            return .videoExtension
        }
        if hasRefs {
            guard !hasImage, !hasLast else { throw reject("use_case.input_combination") }
            return .referenceToVideo
        }
        if hasLast {
            guard hasImage else { throw reject("use_case.input_combination") }
            return .firstLastFrame
        }
        return hasImage ? .imageToVideo : .textToVideo
    }

    private func extensionSource(_ request: GenerationRequest) throws(GoogleAPIError) -> FileRecord {
        switch request.video {
        case .encoded?:
            throw reject("extension.external_video")
        case .uri(let uri)?:
            guard let id = Self.fileID(fromURI: uri), let file = lookupFile(id) else {
                throw reject("extension.unknown_video", ["uri": uri])
            }
            guard file.availableAt <= now else { throw reject("extension.unknown_video", ["uri": uri]) }
            guard file.expiresAt > now else { throw reject("extension.expired_video", ["uri": uri]) }
            guard file.hops < profile.extension.maxHops else {
                throw reject("extension.hop_limit", ["hops": String(file.hops), "max": String(profile.extension.maxHops)])
            }
            return file
        case nil:
            throw reject("input.none")
        }
    }

    /// Errors the service reports only when the operation finishes (code 3), in a fixed order.
    private func deferredError(
        _ request: GenerationRequest, mode: GenerationMode, resolution: String, sampleCount: Int, markers: SafetyMarkers
    ) -> OperationError? {
        func fail(_ id: String, _ values: [String: String] = [:]) -> OperationError {
            let rule = rules.rule(id)
            return OperationError(code: rule.code ?? 3, message: rule.text(values), ruleID: id)
        }
        if mode == .referenceToVideo {
            let kinds = Set(request.references.map(\.kind))
            if kinds.count > 1 { return fail("reference.mix") }
            if request.references.count > profile.maxReferenceImages {
                return fail("reference.too_many", ["max": String(profile.maxReferenceImages), "count": String(request.references.count)])
            }
        }
        if mode != .videoExtension {
            let duration = request.durationSeconds ?? 8
            let feature = mode.durationFeature
            let supported = rules.highResolutions.contains(resolution)
                ? model.highResolutionDurations : (model.durations[feature] ?? [8])
            if !supported.contains(duration) {
                let list = "[" + supported.map(String.init).joined(separator: ",") + "]"
                return fail("duration.unsupported", ["duration": String(duration), "supported": list, "feature": feature])
            }
        }
        if !(profile.sampleCount.min...profile.sampleCount.max).contains(sampleCount) {
            return fail("sample_count.invalid", [
                "count": String(sampleCount), "min": String(profile.sampleCount.min), "max": String(profile.sampleCount.max),
            ])
        }
        if markers.operationError { return fail("marker.op_error") }
        return nil
    }

    private func frameSize(resolution: String, aspectRatio: String) -> FrameSize {
        let base = rules.resolutions[resolution] ?? FrameSize(width: 1280, height: 720)
        return aspectRatio == "9:16" ? FrameSize(width: base.height, height: base.width) : base
    }

    /// The file id in a returned URI, the way the SDK's `t_file_name` reads it: the text after
    /// the first `files/`, cut at the first character outside `[a-z0-9]`.
    static func fileID(fromURI uri: String) -> String? {
        let tail: Substring
        if let range = uri.range(of: "files/") {
            tail = uri[range.upperBound...]
        } else {
            tail = uri[...]
        }
        let id = tail.prefix { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return id.isEmpty ? nil : String(id)
    }
}

/// An accepted request: the outcome is fixed at submit and revealed when the operation finishes.
struct SubmissionPlan: Sendable {
    var mode: GenerationMode
    var aspectRatio: String
    var resolution: String
    var durationSeconds: Int
    var sampleCount: Int
    var frame: FrameSize
    var hops: Int
    var sourceFileID: String?
    var deferredError: OperationError?
    var safety: SafetyOutcome?
}

/// Safety filtering chosen by a marker.
struct SafetyOutcome: Sendable {
    var category: SafetyCategory
    var partial: Bool
}

/// The error an operation ends with (google.rpc.Status).
struct OperationError: Sendable, Codable, Equatable {
    var code: Int
    var message: String
    var ruleID: String
}
