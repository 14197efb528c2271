import Foundation
import Hummingbird

/// Applies the fault plan around a handler: `slow` delays, 429/500/503 answer instead of the
/// handler, `reset` drops the connection, `truncated`/`malformed` let the handler run and then
/// damage its answer, `stall` lets it run and holds its answer.
struct FaultGate: Sendable {
    let engine: EmulatorEngine
    /// Writes an error in the profile's envelope (Google's unless a gateway says otherwise).
    var answer: @Sendable (GoogleAPIError) -> Reply = { Reply.error($0) }

    func serve(_ route: FaultRoute, _ work: @Sendable () async throws -> Reply) async throws -> Response {
        await engine.syncWithSharedState()
        let decision = await engine.faultDecision(for: route)
        if decision.slow {
            try await Task.sleep(for: .seconds(2 / max(engine.options.speed, 1e-6)))
        }
        switch decision.action {
        case .tooManyRequests?:
            var error = GoogleAPIError(rule: engine.rules.rule("fault.429"))
            let seconds = max(1, Int((5 / max(engine.options.speed, 1e-6)).rounded(.up)))
            error.details = [GoogleAPIError.retryInfo(seconds: seconds)]
            error.headers = [("Retry-After", String(seconds))]
            return answer(error).response()
        case .tooManyRequestsBare?:
            return answer(GoogleAPIError(rule: engine.rules.rule("fault.429"))).response()
        case .reset?:
            return ConnectionResetHandler.resetResponse()
        case .internalError?:
            return answer(GoogleAPIError(rule: engine.rules.rule("fault.500"))).response()
        case .unavailable?:
            return answer(GoogleAPIError(rule: engine.rules.rule("fault.503"))).response()
        default:
            break
        }
        let reply: Reply
        do {
            reply = try await work()
        } catch let error as GoogleAPIError {
            reply = answer(error)
        }
        if decision.action == .stall {
            try await Task.sleep(for: .seconds(engine.options.stallSeconds))
        }
        return reply.response(damage: decision.action)
    }
}
