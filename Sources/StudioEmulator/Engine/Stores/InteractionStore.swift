import Foundation

/// The Interactions profile's interactions, by id.
struct InteractionStore: Sendable {
    private var records: [String: InteractionRecord] = [:]

    /// Restores persisted interactions.
    init(_ records: [InteractionRecord] = []) {
        for record in records { self.records[record.id] = record }
    }

    subscript(id: String) -> InteractionRecord? {
        get { records[id] }
        set { records[id] = newValue }
    }

    /// How many interactions are held.
    var count: Int { records.count }

    /// Every interaction, oldest first.
    var sorted: [InteractionRecord] {
        records.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Takes another process's interactions this store does not hold, never one in `deleted`.
    mutating func take(_ records: [InteractionRecord], deleted: Set<String>) {
        for record in records where self.records[record.id] == nil && !deleted.contains(record.id) {
            self.records[record.id] = record
        }
    }

    /// Forgets every interaction.
    mutating func removeAll() { records = [:] }
}
