import Foundation
import GRDB

/// Storyboards in the journal: created with their takes in one transaction, each take's job queued in
/// the same transaction that links it (so a resumed run never queues a shot twice), retakes that
/// retire exactly the stale shots' takes, and the film once stitched.
extension Journal {
    /// Records a storyboard, its batch (the History filter) and a take row for every take of every shot.
    public func createStoryboard(_ storyboard: StoryboardRecord, document: StoryboardDocument, estimateUSD: Double?) throws {
        try writer.write { db in
            try BatchRecord(id: storyboard.id, createdAt: storyboard.createdAt, name: storyboard.title,
                            lines: document.shots.count, jobs: document.shots.map(\.takes).reduce(0, +), estimateUSD: estimateUSD).insert(db)
            try storyboard.insert(db)
            for shot in document.shots { try Self.addTakes(storyboard: storyboard.id, shot: shot.index, count: shot.takes, in: db) }
        }
    }

    /// A storyboard by id.
    public func storyboard(_ id: String) throws -> StoryboardRecord? {
        try writer.read { db in try StoryboardRecord.fetchOne(db, key: id) }
    }

    /// Every storyboard (or those in one status), newest first.
    public func storyboards(status: String? = nil, limit: Int = 200) throws -> [StoryboardRecord] {
        try writer.read { db in
            var request = StoryboardRecord.order(Column("createdAt").desc)
            if let status { request = request.filter(Column("status") == status) }
            return try request.limit(limit).fetchAll(db)
        }
    }

    /// The newest storyboard read from this text (a run to resume, or one already made), if any.
    public func storyboard(fileSHA256: String) throws -> StoryboardRecord? {
        try writer.read { db in
            try StoryboardRecord.filter(Column("fileSHA256") == fileSHA256).order(Column("createdAt").desc).fetchOne(db)
        }
    }

    /// The newest storyboard read from a file of this name in this folder, if any.
    public func storyboard(fileName: String, directory: String) throws -> StoryboardRecord? {
        try writer.read { db in
            try StoryboardRecord.filter(Column("fileName") == fileName).order(Column("createdAt").desc).fetchAll(db)
                .first { (try? $0.storyboard().directory) == directory }
        }
    }

    /// Queues a take's job and links it to the take in one transaction. When the take already has a
    /// job (another process queued it first), nothing is written and that job is returned.
    public func enqueue(take takeID: Int64, record: GenerationRecord, assets: [(role: String, asset: AssetRecord)],
                        entry: QueueEntry) throws -> GenerationRecord {
        try writer.write { db in
            guard var take = try StoryboardTakeRecord.fetchOne(db, key: takeID) else {
                throw StudioError(field: "storyboard", code: "storyboard.take_missing", message: "take \(takeID) is not in the journal",
                                  fix: "run the storyboard again")
            }
            if let existing = take.generationID, let job = try GenerationRecord.find(existing, in: db) { return job }
            let job = try Self.enqueue(record, assets: assets, entry: entry, in: db)
            take.generationID = job.id
            take.note = nil
            try take.update(db)
            return job
        }
    }

    /// Notes why a take cannot be queued yet (nil clears it).
    public func noteTake(_ takeID: Int64, _ note: String?) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE storyboard_take SET note = ? WHERE id = ?", arguments: [note, takeID])
        }
    }

    /// Makes `take` the chosen take of a shot (the others of the shot are not chosen).
    public func chooseTake(storyboard id: String, shot: Int, take: Int, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE storyboard_take SET chosen = (take = ?) WHERE storyboardID = ? AND shot = ? AND retired = 0",
                           arguments: [take, id, shot])
            try db.execute(sql: "UPDATE storyboard SET updatedAt = ? WHERE id = ?", arguments: [StoredDate.text(date), id])
        }
    }

    /// After another take of a shot was chosen: the `chained` shots after it are made again from the
    /// chosen job (`source`) — unless they were made from it before (a take chosen back): then those
    /// takes, kept when they were replaced, come back instead of being paid for again. One transaction.
    /// Returns the shots that must be made again.
    public func rechain(storyboard id: String, chained: [Int], from source: Int64, document: StoryboardDocument,
                        at date: Date) throws -> [Int] {
        try writer.write { db in
            var parent: Int64? = source
            var remade: [Int] = []
            for index in chained {
                var earlier: [StoryboardTakeRecord] = []
                if let parent {
                    let retired = try StoryboardTakeRecord.filter(Column("storyboardID") == id && Column("retired") == true
                                                                  && Column("shot") == index).fetchAll(db)
                    earlier = try retired.filter { row in
                        guard let job = try row.generationID.flatMap({ try GenerationRecord.find($0, in: db) }) else { return false }
                        return job.parentID == parent && ![.failed, .filtered, .cancelled, .unknown].contains(job.status)
                    }
                    // One set of takes: the newest made from that source.
                    if let newest = earlier.compactMap(\.id).max() {
                        let takes = document.shots.first { $0.index == index }?.takes ?? 1
                        earlier = earlier.filter { ($0.id ?? 0) > newest - Int64(takes) }
                    }
                }
                try Self.retireTakes(storyboard: id, shot: index, at: date, in: db)
                if !earlier.isEmpty {
                    for var row in earlier {
                        row.retired = false
                        try row.update(db)
                    }
                    let chosen = earlier.first(where: \.chosen) ?? earlier.first
                    parent = chosen?.generationID
                    continue
                }
                parent = nil
                remade.append(index)
                try Self.addTakes(storyboard: id, shot: index, count: document.shots.first { $0.index == index }?.takes ?? 1, in: db)
            }
            guard var board = try StoryboardRecord.fetchOne(db, key: id) else { return remade }
            board.runAgain()
            board.updatedAt = date
            try board.update(db)
            return remade
        }
    }

    /// Retires the current takes of `shots` and adds fresh ones (with the document as changed), so a run
    /// makes exactly those again; the film is forgotten (it is made again at the end).
    public func retake(storyboard id: String, shots: [Int], document: StoryboardDocument, at date: Date) throws {
        try reshape(storyboard: id, document: document, moving: { $0 }, stale: shots, at: date)
    }

    /// A storyboard's shots added, reordered or remade: each current take row follows its shot to its
    /// new index (`moving`), the document is replaced, the `stale` shots' takes are retired and made
    /// anew, and — when anything moved or is made again — the film is forgotten. One transaction.
    public func reshape(storyboard id: String, document: StoryboardDocument, moving: (Int) -> Int, stale: [Int], at date: Date,
                        fileSHA256: String? = nil) throws {
        try writer.write { db in
            let rows = try StoryboardTakeRecord.filter(Column("storyboardID") == id && Column("retired") == false).fetchAll(db)
            var changed = !stale.isEmpty
            for var row in rows {
                let moved = moving(row.shot)
                guard moved != row.shot else { continue }
                row.shot = moved
                try row.update(db)
                changed = true
            }
            for index in stale { try Self.retireTakes(storyboard: id, shot: index, at: date, in: db) }
            for shot in document.shots where try Self.currentTakes(storyboard: id, shot: shot.index).fetchCount(db) == 0 {
                try Self.addTakes(storyboard: id, shot: shot.index, count: shot.takes, in: db)
            }
            guard var board = try StoryboardRecord.fetchOne(db, key: id) else { return }
            board.document = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
            if let fileSHA256 { board.fileSHA256 = fileSHA256 }
            // Something is made again or moved: the film is made again at the end.
            if changed { board.runAgain() }
            board.updatedAt = date
            try board.update(db)
        }
    }

    /// Sets a storyboard's state (and its film, once stitched).
    public func updateStoryboard(_ id: String, status: String, film: (path: String, sha256: String, seconds: Double)? = nil,
                                 at date: Date) throws {
        try writer.write { db in
            guard var board = try StoryboardRecord.fetchOne(db, key: id) else { return }
            board.status = status
            if let film {
                board.filmPath = film.path
                board.filmSHA256 = film.sha256
                board.filmSeconds = film.seconds
            }
            board.updatedAt = date
            try board.update(db)
        }
    }

    /// The current (not retired) takes of one shot.
    private static func currentTakes(storyboard id: String, shot: Int) -> QueryInterfaceRequest<StoryboardTakeRecord> {
        StoryboardTakeRecord.filter(Column("storyboardID") == id && Column("retired") == false && Column("shot") == shot)
    }

    /// Retires a shot's current takes; a retired take's job still waiting in the queue is taken out
    /// (never sent, nothing charged).
    private static func retireTakes(storyboard id: String, shot: Int, at date: Date, in db: Database) throws {
        for job in try currentTakes(storyboard: id, shot: shot).fetchAll(db).compactMap(\.generationID) {
            _ = try removeFromQueue(job, at: date, why: "its storyboard shot was made again before it was sent", in: db)
        }
        try currentTakes(storyboard: id, shot: shot).updateAll(db, Column("retired").set(to: true))
    }

    /// Adds `count` fresh takes (no job yet) to a shot.
    private static func addTakes(storyboard id: String, shot: Int, count: Int, in db: Database) throws {
        for take in 1...max(1, count) {
            var row = StoryboardTakeRecord(storyboardID: id, shot: shot, take: take)
            try row.insert(db)
        }
    }
}
