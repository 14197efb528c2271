import Foundation

/// Decides what a parsed request leads to: a 400/404 at submit, or an accepted operation
/// whose outcome (videos, safety filtering, or an error code 3/13) is fixed now and revealed
/// when the operation finishes — each rule answering at the stage `server-rules.json` gives it.
struct SubmissionPlanner {
    let rules: ServerRules
    let profile: ProfileRules
    let modelID: String
    let model: ModelRules
    /// Looks up one of the emulator's own files (of this profile) by id.
    let lookupFile: (String) -> FileRecord?
    let now: Date
    /// Buckets the service may not write to (Vertex output): the operation ends with code 7.
    var deniedBuckets: Set<String> = []
    /// The account named when a bucket is denied.
    var serviceAccount = ""

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id, in: profile), values)
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
        var storageFailure: OperationError?
        let storage = try outputStorage(request, deferred: &storageFailure)

        switch mode {
        case .referenceToVideo:
            guard model.referenceImages else { throw reject("use_case.reference_model") }
            guard model.referenceImageAspectRatios.contains(aspectRatio) else {
                throw reject("use_case.reference_aspect_ratio")
            }
            if request.references.allSatisfy({ $0.kind == .style }), !model.styleReference {
                throw reject("use_case.style_reference", ["model": model.displayName])
            }
        case .firstLastFrame:
            guard model.lastFrame else { throw reject("use_case.last_frame_model") }
        case .videoExtension, .videoEdit:
            if mode == .videoEdit {
                guard model.maskEdit == true else { throw reject("use_case.mask_model") }
            } else {
                guard model.extension else { throw reject("use_case.extension_model") }
            }
            let source = try videoSource(request)
            if let requested = request.aspectRatio, requested != source.aspectRatio {
                throw reject("extension.aspect_ratio", ["requested": requested, "actual": source.aspectRatio])
            }
            let kept = profile.extension.resolution ?? source.resolution
            if let requested = request.resolution, requested != kept {
                throw reject("extension.resolution", ["resolution": requested, "actual": kept])
            }
            aspectRatio = source.aspectRatio
            resolution = kept
            sourceFileID = source.fileID
            if mode == .videoEdit {
                hops = source.hops
                outputDuration = source.durationSeconds
            } else {
                hops = source.hops + 1
                outputDuration = try extendedDuration(source)
            }
        case .textToVideo, .imageToVideo:
            break
        }
        if mode != .videoExtension, mode != .videoEdit, !model.resolutions.contains(resolution) {
            throw reject("use_case.resolution_model")
        }

        let sampleCount = request.sampleCount ?? profile.sampleCount.default
        var plan = SubmissionPlan(
            mode: mode, aspectRatio: aspectRatio, resolution: resolution,
            durationSeconds: outputDuration, sampleCount: sampleCount,
            frame: frameSize(resolution: resolution, aspectRatio: aspectRatio),
            hops: hops, sourceFileID: sourceFileID, storage: storage
        )
        plan.deferredError = storageFailure ?? deferredError(
            request, mode: mode, resolution: resolution, sampleCount: sampleCount, storage: storage, markers: markers)
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
        let hasMask = request.mask != nil
        guard hasPrompt || hasImage || hasLast || hasRefs || hasVideo else { throw reject("input.none") }
        if hasMask {
            guard hasVideo, !hasImage, !hasLast, !hasRefs else { throw reject("use_case.input_combination") }
            return .videoEdit
        }
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

    /// The video an extension or edit starts from.
    private func videoSource(_ request: GenerationRequest) throws(GoogleAPIError) -> VideoSource {
        switch request.video {
        case .encoded(let data)?:
            guard profile.extension.acceptsUploadedVideo else { throw reject("extension.external_video") }
            if let limit = profile.extension.maxInlineVideoBytes, data.count > limit {
                throw reject("vertex.extension.video_too_large", ["size": String(data.count), "max": String(limit)])
            }
            return try uploadedSource(data, path: "instances[0].video.\(profile.videoFields.bytes)")
        case .uri(let uri)?:
            guard let id = Self.fileID(fromURI: uri), let file = lookupFile(id) else {
                throw reject("extension.unknown_video", ["uri": uri])
            }
            guard file.availableAt <= now else { throw reject("extension.unknown_video", ["uri": uri]) }
            guard file.expiresAt > now else { throw reject("extension.expired_video", ["uri": uri]) }
            if let maxHops = profile.extension.maxHops, file.hops >= maxHops {
                throw reject("extension.hop_limit", ["hops": String(file.hops), "max": String(maxHops)])
            }
            return VideoSource(file: file)
        case .storedOutput(let uri, let fileID)?:
            // An output in the caller's bucket stays there: no retention applies.
            guard let file = lookupFile(fileID) else {
                throw reject("vertex.gcs.input_not_found", ["uri": uri, "path": "instances[0].video.gcsUri"])
            }
            return VideoSource(file: file)
        case .storedObject(_, let data)?:
            return try uploadedSource(data, path: "instances[0].video.gcsUri")
        case .storage(let uri)?:
            throw reject("vertex.gcs.input_not_found", ["uri": uri, "path": "instances[0].video.gcsUri"])
        case nil:
            throw reject("input.none")
        }
    }

    /// A video the emulator did not make: its duration and frame size come from the MP4 header;
    /// what the header lacks comes from the request, then the profile's defaults.
    private func uploadedSource(_ data: Data, path: String) throws(GoogleAPIError) -> VideoSource {
        let probe = MP4Probe(data)
        guard probe.isMP4 else { throw reject("vertex.video.not_mp4", ["path": path]) }
        let assumed = profile.extension.assumedInputSeconds ?? 8
        // A damaged header may claim a length past Int's range: that is as good as none.
        let duration = probe.durationSeconds.flatMap { Int(exactly: $0.rounded()) }.map { max(0, $0) } ?? assumed
        var aspectRatio: String?
        var resolution: String?
        if let width = probe.width, let height = probe.height {
            aspectRatio = width >= height ? "16:9" : "9:16"
            let shortSide = min(width, height)
            resolution = rules.resolutions
                .filter { $0.value.height <= shortSide }
                .max { $0.value.height < $1.value.height }?.key
        }
        return VideoSource(
            durationSeconds: duration, aspectRatio: aspectRatio ?? profile.defaults.aspectRatio,
            resolution: resolution ?? profile.defaults.resolution, hops: 0, fileID: nil)
    }

    /// The output length of an extension, within the profile's limits.
    private func extendedDuration(_ source: VideoSource) throws(GoogleAPIError) -> Int {
        let step = profile.extension.stepSeconds
        let output = source.durationSeconds + step
        if let minimum = profile.extension.minInputSeconds, source.durationSeconds < minimum {
            throw reject("vertex.extension.too_short", ["input": String(source.durationSeconds), "min": String(minimum)])
        }
        if let maximum = profile.extension.maxOutputSeconds, output > maximum {
            throw reject("vertex.extension.too_long", [
                "output": String(output), "input": String(source.durationSeconds), "step": String(step), "max": String(maximum),
            ])
        }
        return output
    }

    /// Where outputs go (Vertex `storageUri`); a malformed URI answers 400 at submit, or ends the
    /// operation when the profile's rule for it has the `operation` stage (the MaaS gateway).
    private func outputStorage(
        _ request: GenerationRequest, deferred: inout OperationError?
    ) throws(GoogleAPIError) -> GCSLocation? {
        guard let uri = request.storageUri else { return nil }
        guard let location = GCSLocation(uri: uri) else {
            let rule = rules.rule("vertex.storage.unsupported_uri", in: profile)
            guard rule.stage == "operation" else { throw reject("vertex.storage.unsupported_uri", ["uri": uri]) }
            deferred = OperationError(code: rule.code ?? 3, message: rule.text(["uri": uri]), ruleID: rule.id)
            return nil
        }
        return GCSLocation(bucket: location.bucket, name: location.directoryPrefix)
    }

    /// Errors the service reports only when the operation finishes (code 3), in a fixed order.
    private func deferredError(
        _ request: GenerationRequest, mode: GenerationMode, resolution: String, sampleCount: Int, storage: GCSLocation?,
        markers: SafetyMarkers
    ) -> OperationError? {
        func fail(_ id: String, _ values: [String: String] = [:]) -> OperationError {
            let rule = rules.rule(id, in: profile)
            return OperationError(code: rule.code ?? 3, message: rule.text(values), ruleID: rule.id)
        }
        if mode == .referenceToVideo {
            let kinds = Set(request.references.map(\.kind))
            if kinds.count > 1 { return fail("reference.mix") }
            if request.references.count > profile.maxReferenceImages {
                return fail("reference.too_many", ["max": String(profile.maxReferenceImages), "count": String(request.references.count)])
            }
            if kinds == [.style], let maxStyle = profile.maxStyleReferenceImages, request.references.count > maxStyle {
                return fail("reference.too_many_style", ["max": String(maxStyle), "count": String(request.references.count)])
            }
        }
        if mode != .videoExtension, mode != .videoEdit {
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
        if let storage, deniedBuckets.contains(storage.bucket) {
            return fail("vertex.storage.permission_denied", ["serviceAccount": serviceAccount])
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
    /// Vertex `storageUri` (bucket and directory prefix); nil returns videos inline.
    var storage: GCSLocation?
    var deferredError: OperationError?
    var safety: SafetyOutcome?
}

/// The video an extension or a mask edit starts from.
struct VideoSource: Sendable {
    var durationSeconds: Int
    var aspectRatio: String
    var resolution: String
    /// Extensions that led to it.
    var hops: Int
    /// Set when it is one of the emulator's own outputs.
    var fileID: String?

    init(durationSeconds: Int, aspectRatio: String, resolution: String, hops: Int, fileID: String?) {
        self.durationSeconds = durationSeconds
        self.aspectRatio = aspectRatio
        self.resolution = resolution
        self.hops = hops
        self.fileID = fileID
    }

    /// One of the emulator's own outputs.
    init(file: FileRecord) {
        self.init(
            durationSeconds: file.durationSeconds, aspectRatio: file.aspectRatio, resolution: file.resolution,
            hops: file.hops, fileID: file.id)
    }
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
