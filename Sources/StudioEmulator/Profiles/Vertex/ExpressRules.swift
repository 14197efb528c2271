extension ProfileRules {
    /// Vertex AI express mode: a submit authenticated by an API key names no project or
    /// location, so its operation is placed under a fixed project number and location.
    public struct ExpressRules: Sendable, Decodable {
        /// The project number in express operation names (`projects/{project}/…`).
        public var project: String
        /// The location in express operation names (`locations/{location}/…`).
        public var location: String
    }
}
