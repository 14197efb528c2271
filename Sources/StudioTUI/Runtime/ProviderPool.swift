import StudioCore

/// Providers started once and shared by every job (the sandbox is started at most once, even
/// when many jobs ask at the same moment), one per provider id and endpoint.
actor ProviderPool {
    typealias Ready = (provider: VideoProvider, latencyScale: Double)
    private let make: @Sendable (String, String?) async throws -> (VideoProvider, Double)
    private var starting: [String: Task<Ready, Error>] = [:]

    init(make: @escaping @Sendable (String, String?) async throws -> (VideoProvider, Double)) {
        self.make = make
    }

    /// The provider of `id` that reaches `endpoint` (nil: its own host, or the built-in sandbox).
    func provider(_ id: String, endpoint: String? = nil) async throws -> Ready {
        let key = id + "\u{1}" + (endpoint ?? "")
        if let task = starting[key] { return try await task.value }
        let make = self.make
        let task = Task<Ready, Error> {
            let (provider, scale) = try await make(id, endpoint)
            return (provider, scale)
        }
        starting[key] = task
        do {
            return try await task.value
        } catch {
            starting[key] = nil
            throw error
        }
    }
}
