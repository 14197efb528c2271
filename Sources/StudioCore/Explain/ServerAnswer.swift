/// A refusal from a provider, at the stage it came: an HTTP error at submit, poll or download,
/// or an operation that finished with an `error` (google.rpc.Status).
public struct ServerAnswer: Codable, Sendable, Hashable {
    public enum Stage: String, Codable, Sendable { case submit, poll, operation, download }
    public var stage: Stage
    /// The HTTP status, when the answer was an HTTP error.
    public var httpStatus: Int?
    /// `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, … when the body said.
    public var status: String?
    /// The google.rpc code of an operation error (3 = INVALID_ARGUMENT, 7 = PERMISSION_DENIED, …).
    public var rpcCode: Int?
    public var message: String

    public init(stage: Stage, httpStatus: Int? = nil, status: String? = nil, rpcCode: Int? = nil, message: String) {
        self.stage = stage
        self.httpStatus = httpStatus
        self.status = status
        self.rpcCode = rpcCode
        self.message = message
    }
}
