import Foundation

/// One long-running operation as the emulator stores (and persists) it.
struct OperationRecord: Sendable, Codable {
    /// 12 lower-case alphanumerics (Gemini API) or a lower-case UUID (Vertex).
    var id: String
    var model: String
    var profile: EmulatorProfile
    /// Path version of the submit (`v1beta` or `v1`).
    var apiVersion: String
    var createdAt: Date
    /// When polling starts answering `done`.
    var finishAt: Date
    var mode: GenerationMode
    var prompt: String?
    var sampleCount: Int
    var durationSeconds: Int
    var aspectRatio: String
    var resolution: String
    /// SHA-256 of the key or token that submitted it (for `--max-running`); nil in older state files.
    var callerDigest: String?
    /// `referenceType` values exactly as received (e.g. `ASSET` from the SDK, `asset` from REST users).
    var referenceTypeSpellings: [String]
    var outcome: OperationOutcome
    /// Vertex: the project and location of the submit path.
    var project: String?
    var location: String?
    /// Vertex: the `x-goog-user-project` header of the submit, when sent.
    var quotaProject: String?
    /// Vertex: where the videos are written, `gs://BUCKET/PREFIX<16 hex>/`; nil returns them inline.
    var outputDirectory: String?

    /// The full operation name: `models/{model}/operations/{id}` on the Gemini API,
    /// `projects/{p}/locations/{l}/publishers/google/models/{model}/operations/{uuid}` on Vertex,
    /// the bare task id on the gateways.
    var name: String {
        switch profile.definition.nameStyle {
        case .modelOperation:
            return "models/\(model)/operations/\(id)"
        case .vertexResource:
            return "projects/\(project ?? "")/locations/\(location ?? "")/publishers/google/models/\(model)/operations/\(id)"
        case .bareID:
            return id
        }
    }

    /// Whether the operation has finished at `now`.
    func isDone(at now: Date) -> Bool { now >= finishAt }
}

/// How an operation ends.
enum OperationOutcome: Sendable, Codable {
    /// Videos (maybe none when all were filtered) plus safety filtering info.
    case videos(fileIDs: [String], filteredCount: Int, filteredReasons: [String])
    /// A google.rpc.Status error.
    case failed(OperationError)
}

/// One generated video file.
struct FileRecord: Sendable, Codable {
    /// 12 lower-case alphanumerics.
    var id: String
    var operationID: String
    var model: String
    var apiVersion: String
    /// Downloadable from (the operation's finish time).
    var availableAt: Date
    /// Downloadable until (finish + retention).
    var expiresAt: Date
    var width: Int
    var height: Int
    var durationSeconds: Int
    var aspectRatio: String
    var resolution: String
    /// How many extensions led to this video (0 for a fresh generation).
    var hops: Int
    var sourceFileID: String?
    var sampleIndex: Int
    var render: RenderSpec
    /// Vertex: the Cloud Storage object holding this video, `gs://…/sample_N.mp4`; nil when inline.
    var gcsUri: String?
}

/// Everything needed to render a file's MP4, now or after a restart.
struct RenderSpec: Sendable, Codable, Equatable {
    var prompt: String
    var caption: String
    var width: Int
    var height: Int
    var durationSeconds: Int
    /// Paths relative to the work directory.
    var firstFrame: String?
    var lastFrame: String?
    var references: [String]
    var audio: Bool
    /// Picks the background colour.
    var colorSeed: UInt32
    /// An extension's source video (relative to the work directory) and its seconds: the rendered
    /// extension starts with it, as the service's extended video holds the video it extends.
    var sourceVideo: String? = nil
    var sourceSeconds: Int? = nil
}
