import Foundation

/// What a gateway download found: the file, or why there is none.
enum GatewayFileLookup: Sendable {
    case ready(FileRecord)
    /// The task exists but has no video (yet): running, failed or filtered.
    case notReady(OperationSnapshot)
    /// The link's lifetime is over.
    case expired
    /// No such task on this profile.
    case missing
}
