import Foundation

/// The requests the emulator received, oldest first, kept up to `limit` (for `GET /_emulator/requests`).
struct RequestLog: Sendable {
    /// The most requests kept.
    static let limit = 10_000
    private var requests: [RecordedRequest] = []
    private var sequence = 0

    /// Stores a received request; returns its sequence number.
    mutating func append(_ request: RecordedRequest) -> Int {
        sequence += 1
        var request = request
        request.sequence = sequence
        requests.append(request)
        // Trimmed in batches: removing the oldest one per request would move the whole log every time.
        if requests.count > Self.limit + Self.limit / 10 {
            requests.removeFirst(requests.count - Self.limit)
        }
        return sequence
    }

    /// Adds the answer status to a recorded request.
    mutating func setStatus(_ status: Int, sequence: Int) {
        if let index = requests.lastIndex(where: { $0.sequence == sequence }) {
            requests[index].status = status
        }
    }

    /// The kept requests, oldest first.
    var all: [RecordedRequest] { Array(requests.suffix(Self.limit)) }

    /// How many requests are kept.
    var count: Int { min(requests.count, Self.limit) }

    /// Forgets every request and restarts the numbering.
    mutating func removeAll() {
        requests = []
        sequence = 0
    }
}
