import Foundation

/// What extending on Vertex AI needs before validation: a local MP4 is measured (1–30 s,
/// 24 fps), and an earlier output without a `gs://` URI is sent as bytes from its local file.
enum VertexInputPreparation {
    static func prepare(_ inputs: inout PreparationInputs, journal: Journal) {
        if case .file = inputs.draft.video, let file = inputs.media["video"], file.isMP4 {
            // Vertex AI extends any MP4 of 1–30 s at 24 fps: measure it, so the rules can say.
            if let probe = VideoMeasure.probe(file) {
                inputs.source = ExtensionSource(generationID: nil, remoteURI: nil, hops: 0, durationSeconds: Int(probe.seconds.rounded()),
                                                aspectRatio: nil, model: nil, finishedAt: nil, framesPerSecond: probe.framesPerSecond)
            } else {
                inputs.loadIssues.append(VideoMeasure.unmeasured(field: "video", code: "video.unmeasured",
                                                                 "the video's length and frame rate were not checked",
                                                                 check: "make sure it is 1–30 s at 24 fps"))
            }
        }
        if case .generation(let id) = inputs.draft.video, inputs.source?.remoteURI?.hasPrefix("gs://") != true {
            // Vertex AI reads only gs:// videos by URI: an output that came inline (or from another
            // provider) is sent as bytes from its local file.
            inputs.source?.remoteURI = nil
            if inputs.media["video"] == nil, let path = (try? journal.outputs(of: id))?.first?.path,
               case .success(let file) = InputLoader().read(path) {
                inputs.media["video"] = file
            }
        }
    }
}
