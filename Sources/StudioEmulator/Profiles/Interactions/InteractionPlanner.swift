import Foundation

/// A video input after its bytes or file were looked up: how long it is and its shape.
struct ResolvedVideo: Sendable {
    var durationSeconds: Double
    var aspectRatio: String?
    var resolution: String?
}

/// What an accepted create will produce.
struct InteractionPlan: Sendable, Equatable {
    var task: String
    /// Length of the output video.
    var durationSeconds: Double
    var aspectRatio: String
    var resolution: String
    var frame: FrameSize
}

/// The task rules of the Interactions profile: which inputs each task takes, the edit and
/// extension limits, and the output's length, aspect ratio and resolution.
struct InteractionPlanner {
    let rules: ServerRules
    let profile: InteractionsRules

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id), values)
    }

    /// The task asked for, or the one the inputs imply when none is named.
    func task(for request: InteractionRequest, hasEarlierVideo: Bool) -> String {
        if let task = request.task { return task }
        let images = request.images.count
        if !request.videos.isEmpty { return images > 0 ? "reference_to_video" : "edit" }
        if images > profile.imageToVideoMaxImages { return "reference_to_video" }
        if images > 0 { return "image_to_video" }
        return hasEarlierVideo ? "edit" : "text_to_video"
    }

    /// Checks the inputs against the task and plans the output. `videos` are the current turn's
    /// videos; `earlier` is the video of the previous interaction (or the stateless history).
    func plan(_ request: InteractionRequest, videos: [ResolvedVideo], earlier: ResolvedVideo?) throws(GoogleAPIError) -> InteractionPlan {
        let task = task(for: request, hasEarlierVideo: earlier != nil)
        let counts = ["images": String(request.images.count), "videos": String(request.videos.count)]
        var duration = request.durationSeconds ?? profile.duration.default
        var aspectRatio = request.aspectRatio
        var resolution = request.resolution
        switch task {
        case "text_to_video":
            guard request.images.isEmpty, request.videos.isEmpty else { throw reject("interactions.task.text_only", counts) }
        case "image_to_video":
            guard (1...profile.imageToVideoMaxImages).contains(request.images.count), request.videos.isEmpty else {
                throw reject("interactions.task.image_count", counts)
            }
        case "reference_to_video":
            let images = request.images.count
            let clips = request.videos.count
            guard images + clips > 0, images <= profile.referenceMaxImages, clips <= profile.referenceMaxVideos else {
                var values = counts
                values["maxImages"] = String(profile.referenceMaxImages)
                values["maxVideos"] = String(profile.referenceMaxVideos)
                throw reject("interactions.task.reference_count", values)
            }
        default:
            guard videos.count <= 1 else { throw reject("interactions.task.one_video", ["task": task, "videos": String(videos.count)]) }
            guard let source = videos.first ?? earlier else { throw reject("interactions.task.needs_video", ["task": task]) }
            aspectRatio = aspectRatio ?? source.aspectRatio
            switch task {
            case "edit":
                guard source.durationSeconds < profile.editMaxSourceSeconds else {
                    throw reject("interactions.edit.too_long", [
                        "seconds": InteractionRequestParser.format(Self.tenths(source.durationSeconds)),
                        "max": InteractionRequestParser.format(profile.editMaxSourceSeconds),
                    ])
                }
                duration = source.durationSeconds
                resolution = resolution ?? source.resolution
            case "extend":
                let total = source.durationSeconds + duration
                guard total <= profile.extendMaxTotalSeconds else {
                    throw reject("interactions.extend.too_long", [
                        "input": InteractionRequestParser.format(Self.tenths(source.durationSeconds)),
                        "added": InteractionRequestParser.format(duration),
                        "total": InteractionRequestParser.format(Self.tenths(total)),
                        "max": InteractionRequestParser.format(profile.extendMaxTotalSeconds),
                    ])
                }
                duration = total
                resolution = resolution ?? source.resolution
            default:  // upscale
                duration = source.durationSeconds
                resolution = resolution ?? profile.upscaleDefaultResolution
            }
        }
        let aspect = aspectRatio ?? profile.defaultAspectRatio
        let size = resolution ?? profile.defaultResolution
        return InteractionPlan(
            task: task, durationSeconds: duration, aspectRatio: aspect, resolution: size,
            frame: profile.frame(resolution: size, aspectRatio: aspect))
    }

    /// Rounded to a tenth of a second, for texts.
    static func tenths(_ seconds: Double) -> Double { (seconds * 10).rounded() / 10 }

    /// `16:9` or `9:16` for a frame size, and its resolution name (by the shorter side).
    func shape(width: Int, height: Int) -> (aspectRatio: String, resolution: String?) {
        let aspect = height > width ? "9:16" : "16:9"
        let short = min(width, height)
        let name = profile.resolutions.first { min($0.value.width, $0.value.height) == short }?.key
        return (aspect, name)
    }
}
