import Foundation
import GRDB

/// Where a storyboard stands: each shot's takes with their jobs, the take the film uses, and whether
/// the film can be made.
public struct StoryboardState: Sendable {
    public struct Shot: Sendable {
        public var shot: StoryboardShot
        public var takes: [(row: StoryboardTakeRecord, job: GenerationRecord?)]
        /// The take the film uses: the one chosen, else the first done, else the first.
        public var chosen: (row: StoryboardTakeRecord, job: GenerationRecord?)?

        public init(shot: StoryboardShot, takes: [(row: StoryboardTakeRecord, job: GenerationRecord?)],
                    chosen: (row: StoryboardTakeRecord, job: GenerationRecord?)?) {
            self.shot = shot
            self.takes = takes
            self.chosen = chosen
        }

        /// `planned` (not queued: it waits for the shot before), `blocked` (the shot before failed, or a
        /// note says why), the chosen job's status, or `done`.
        public var status: String {
            guard let chosen else { return "planned" }
            if let job = chosen.job { return job.status.rawValue }
            return chosen.row.note == nil ? "planned" : "blocked"
        }

        public var isDone: Bool { chosen?.job?.status == .done }
        /// Ended without a video for the film (its chosen take failed, or it cannot be made).
        public var isStuck: Bool {
            if let job = chosen?.job { return Self.ended(job.status) && job.status != .done && !takes.contains { $0.job?.status == .done } }
            return chosen?.row.note != nil
        }
        public var note: String? { chosen?.row.note }

        /// Nothing more will happen to a job in this status on its own (`unknown` waits for a person).
        static func ended(_ status: JobStatus) -> Bool { status.isFinal || status == .unknown }
    }

    public var board: StoryboardRecord
    public var document: StoryboardDocument
    public var shots: [Shot]

    public init(board: StoryboardRecord, document: StoryboardDocument, shots: [Shot]) {
        self.board = board
        self.document = document
        self.shots = shots
    }

    /// A storyboard's state as the journal has it, read in one go (the board, its takes, their jobs).
    public static func read(_ id: String, journal: Journal) throws -> StoryboardState {
        let (found, rows, jobs) = try journal.writer.read { db in
            let rows = try StoryboardTakeRecord.filter(Column("storyboardID") == id && Column("retired") == false)
                .order(Column("shot"), Column("take")).fetchAll(db)
            let jobs = try GenerationRecord.fetchAll(db, keys: rows.compactMap(\.generationID))
            return (try StoryboardRecord.fetchOne(db, key: id), rows, Dictionary(jobs.compactMap { job in job.id.map { ($0, job) } },
                                                                                 uniquingKeysWith: { first, _ in first }))
        }
        guard let board = found else {
            throw StudioError(field: "id", code: "storyboard.not_found", message: "no storyboard \(id) in the journal",
                              fix: "list them with veo-studio story list")
        }
        let document = try board.storyboard()
        let shots = document.shots.map { shot in
            let takes = rows.filter { $0.shot == shot.index }.map { row in (row: row, job: row.generationID.flatMap { jobs[$0] }) }
            let chosen = takes.first { $0.row.chosen } ?? takes.first { $0.job?.status == .done } ?? takes.first
            return Shot(shot: shot, takes: takes, chosen: chosen)
        }
        return StoryboardState(board: board, document: document, shots: shots)
    }

    /// The cost of every take made or on its way, where priced.
    public var costUSD: Double { shots.flatMap(\.takes).compactMap { $0.job?.costEstimateUSD }.reduce(0, +) }

    /// Every shot has a finished video for the film.
    public var isComplete: Bool { shots.allSatisfy(\.isDone) }
    /// Nothing more will happen without a person: complete, or a shot is stuck and every job has ended.
    public var isSettled: Bool {
        isComplete || (shots.contains(where: \.isStuck)
                       && shots.allSatisfy { $0.takes.allSatisfy { $0.job.map { Shot.ended($0.status) } ?? true } })
    }
}
