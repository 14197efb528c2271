import Foundation
import GRDB

extension Journal {
    /// History with a filter: the newest matching generations, or those whose prompt matches `text`.
    public func history(matching text: String, filter: HistoryFilter, limit: Int, now: Date = Date()) throws -> [GenerationRecord] {
        try historySummaries(matching: text, filter: filter, limit: limit, now: now).map(\.record)
    }

    /// History as lists show it: each row with its resolution, length and videos, newest first.
    public func historySummaries(matching text: String, filter: HistoryFilter, limit: Int,
                                 now: Date = Date()) throws -> [GenerationSummary] {
        let (condition, values) = filter.sqlCondition(now: now)
        var arguments = StatementArguments()
        for value in values { arguments += [value as? DatabaseValueConvertible] }
        var sql = "SELECT generation.* FROM generation WHERE \(condition)"
        if let pattern = FTS5Pattern(matchingAllPrefixesIn: text) {
            // FTS5 walks its index in rowid order, so newest-first with a limit stops early instead of
            // sorting every match (only without a filter: a filter may reject the first matches).
            sql += filter.isEmpty
                ? " AND generation.id IN (SELECT rowid FROM generation_ft WHERE generation_ft MATCH ? ORDER BY rowid DESC LIMIT ?)"
                : " AND generation.id IN (SELECT rowid FROM generation_ft WHERE generation_ft MATCH ?)"
            arguments += [pattern]
            if filter.isEmpty { arguments += [limit] }
        }
        sql += " ORDER BY generation.id DESC LIMIT ?"
        arguments += [limit]
        return try writer.read { db in try GenerationSummary.fetchAll(db, sql: sql, arguments: arguments) }
    }

    /// What Operations lists, oldest first: every job not dismissed — running or submitting, finished
    /// and not yet looked at, or `unknown` with an operation that can be looked at again.
    public func operations() throws -> [GenerationSummary] {
        try writer.read { db in
            var rows = try GenerationSummary.fetchAll(db, sql: """
                SELECT generation.* FROM generation
                WHERE dismissedAt IS NULL AND (status != 'unknown' OR operationName IS NOT NULL)
                ORDER BY id
                """)
            guard rows.contains(where: { $0.record.status == .waiting }) else { return rows }
            let places = Dictionary(try Self.waitingJobs(db).map { ($0.record.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
            for index in rows.indices where rows[index].record.status == .waiting {
                rows[index].queue = places[rows[index].id]
            }
            return rows
        }
    }

    /// One generation as lists show it.
    public func summary(_ id: Int64) throws -> GenerationSummary? {
        try writer.read { db in
            try GenerationSummary.fetchAll(db, sql: "SELECT generation.* FROM generation WHERE id = ?", arguments: [id]).first
        }
    }

    /// Takes finished (or `unknown`) jobs off Operations; they stay in History. Running jobs are never
    /// dismissed. Returns how many were.
    @discardableResult
    public func dismiss(_ ids: [Int64], at date: Date) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try writer.write { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var arguments: StatementArguments = [StoredDate.text(date)]
            arguments += StatementArguments(ids)
            try db.execute(sql: """
                UPDATE generation SET dismissedAt = ?
                WHERE id IN (\(placeholders)) AND dismissedAt IS NULL AND status IN ('done', 'failed', 'filtered', 'cancelled', 'unknown')
                """, arguments: arguments)
            return db.changesCount
        }
    }

    /// The distinct models and providers in the journal (the choices of History's filters).
    public func knownModelsAndProviders() throws -> (models: [String], providers: [String]) {
        try writer.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT model FROM generation ORDER BY model"),
             try String.fetchAll(db, sql: "SELECT DISTINCT provider FROM generation ORDER BY provider"))
        }
    }

    /// Input images used before, newest first: the picker's library.
    public func recentImageAssets(limit: Int = 200) throws -> [AssetRecord] {
        try writer.read { db in
            try AssetRecord.filter(Column("kind") == "image").order(Column("createdAt").desc).limit(limit).fetchAll(db)
        }
    }

    /// Removes a generation with its outputs, events and input links (the caller removes the files).
    /// Its children keep their rows; their parent link is cleared.
    @discardableResult
    public func delete(_ id: Int64) throws -> Bool {
        try writer.write { db in try GenerationRecord.deleteOne(db, key: id) }
    }
}
