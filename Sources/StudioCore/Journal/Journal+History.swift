import Foundation
import GRDB

extension Journal {
    /// History with a filter: the newest matching generations, or those whose prompt matches `text`.
    public func history(matching text: String, filter: HistoryFilter, limit: Int, now: Date = Date()) throws -> [GenerationRecord] {
        guard !filter.isEmpty else { return text.isEmpty ? try newest(limit: limit) : try search(text, limit: limit) }
        let (condition, values) = filter.sqlCondition(now: now)
        var arguments = StatementArguments()
        var sql = "SELECT generation.* FROM generation WHERE \(condition)"
        for value in values { arguments += [value as? DatabaseValueConvertible] }
        if let pattern = FTS5Pattern(matchingAllPrefixesIn: text) {
            sql += " AND generation.id IN (SELECT rowid FROM generation_ft WHERE generation_ft MATCH ?)"
            arguments += [pattern]
        }
        sql += " ORDER BY generation.id DESC LIMIT ?"
        arguments += [limit]
        return try writer.read { db in try GenerationRecord.fetchAll(db, sql: sql, arguments: arguments) }
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
