import Foundation

/// Gateway-only marker words in a prompt: `[[inline]]` (OpenAI relay: the video as base64),
/// `[[status:completed]]` (OpenAI relay: say `completed` instead of `succeeded`), `[[cut]]`
/// (chat gateway: close the stream before the link).
struct GatewayMarkers: Sendable, Equatable {
    var inline = false
    var statusCompleted = false
    var cut = false

    init(prompt: String?) {
        guard let prompt else { return }
        let lowered = prompt.lowercased()
        inline = lowered.contains("[[inline]]")
        statusCompleted = lowered.contains("[[status:completed]]")
        cut = lowered.contains("[[cut]]")
    }
}
