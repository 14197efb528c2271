import StudioCore

/// Providers started once and shared by every job (the sandbox is started at most once, even
/// when many jobs ask at the same moment).
actor ProviderPool {
    typealias Ready = (provider: VideoProvider, latencyScale: Double)
    private let make: @Sendable (String) async throws -> (VideoProvider, Double)
    private var starting: [String: Task<Ready, Error>] = [:]

    init(make: @escaping @Sendable (String) async throws -> (VideoProvider, Double)) {
        self.make = make
    }

    func provider(_ id: String) async throws -> Ready {
        if let task = starting[id] { return try await task.value }
        let make = self.make
        let task = Task<Ready, Error> {
            let (provider, scale) = try await make(id)
            return (provider, scale)
        }
        starting[id] = task
        do {
            return try await task.value
        } catch {
            starting[id] = nil
            throw error
        }
    }
}
