/// Where a Vertex-format service takes submits and answers operations: Vertex AI itself
/// (`VertexEndpoint`) or a gateway that speaks its body (`MaaSEndpoint`).
public protocol PredictRoutes: Sendable {
    /// The wire protocol these routes belong to (its catalog entries say the body's parameters).
    var wire: WireProtocol { get }
    /// `POST` URL of a submit for a model.
    func submitURL(model: String) -> String
    /// The operation id the journal keeps, from the submit URL and the `name` the service answered
    /// (it must be enough to poll again after a restart).
    func operationID(submitURL: String, name: String) -> String
    /// `POST` URL that reads an operation.
    func fetchURL(operation: String) -> String
    /// The `operationName` sent in that read's body.
    func fetchedName(operation: String) -> String
    /// Where a `gs://` output is downloaded, or nil when this service offers no way.
    func mediaURL(gcsURI: String) -> String?
}

extension VertexEndpoint: PredictRoutes {
    public var wire: WireProtocol { .vertexPredict }
    public func operationID(submitURL: String, name: String) -> String { name }
    public func fetchedName(operation: String) -> String { operation }
}
