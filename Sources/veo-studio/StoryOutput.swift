import Foundation
import StudioCore

/// How `story` and `stitch` speak: a plan's table, a board's rows, and the JSON shapes scripts read.
enum StoryOutput {
    /// The plan for people: problems by line, then each shot and the total.
    static func describe(_ plan: StoryboardPlan) {
        for problem in plan.problems { Output.stderr("error   " + problem.text) }
        for planned in plan.shots {
            let cost = planned.costUSD.map(CostEstimate.dollars) ?? "price unknown"
            Output.stderr("  shot \(pad(String(planned.shot.index), 2)) \(pad(planned.shot.continuation.rawValue, 11)) \(planned.provider) \(planned.model), "
                          + "+\(planned.filmSeconds) s, \(cost)\(planned.shot.takes > 1 ? " (\(planned.shot.takes) takes)" : "")")
        }
        let unpriced = plan.unpriced > 0 ? " (\(plan.unpriced) take(s) without a known price)" : ""
        Output.stderr("\(plan.document.title): \(plan.document.shots.count) shot(s), about \(plan.filmSeconds) s of film, "
                      + "\(CostEstimate.dollars(plan.totalUSD)) if every take succeeds\(unpriced)")
    }

    /// The dry run's JSON.
    static func planJSON(_ plan: StoryboardPlan) -> JSONValue {
        .object([
            "title": .string(plan.document.title), "valid": .bool(plan.isValid),
            "problems": .array(plan.problems.map { .object(["line": .number(Double($0.line)), "field": .string($0.field),
                                                            "code": .string($0.code), "message": .string($0.message), "fix": .string($0.fix)]) }),
            "shots": .array(plan.shots.map { planned in
                .object(["index": .number(Double(planned.shot.index)), "continue": .string(planned.shot.continuation.rawValue),
                         "takes": .number(Double(planned.shot.takes)), "provider": .string(planned.provider), "model": .string(planned.model),
                         "seconds": .number(Double(planned.filmSeconds)), "cost_usd": planned.costUSD.map(Output.usd) ?? .null])
            }),
            "total_usd": Output.usd(plan.totalUSD), "film_seconds": .number(Double(plan.filmSeconds)),
        ])
    }

    /// `{"id", "status", "shots": [{"index", "generation", "status", "continue"}], "film": {…}|null}`.
    static func stateJSON(_ state: StoryboardState) -> JSONValue {
        let board = state.board
        let film: JSONValue = board.filmPath.map { path in
            .object(["path": .string(path), "sha256": board.filmSHA256.map { .string($0) } ?? .null,
                     "duration_seconds": board.filmSeconds.map { .number(($0 * 1000).rounded() / 1000) } ?? .null])
        } ?? .null
        return .object([
            "id": .string(board.id), "title": .string(board.title), "status": .string(status(of: state)),
            "shots": .array(state.shots.map { shot in
                var object: [String: JSONValue] = [
                    "index": .number(Double(shot.shot.index)), "continue": .string(shot.shot.continuation.rawValue),
                    "status": .string(shot.status), "generation": shot.chosen?.job?.id.map { .number(Double($0)) } ?? .null,
                    "take": shot.chosen.map { .number(Double($0.row.take)) } ?? .null,
                    "takes": .array(shot.takes.map { take in
                        .object(["take": .number(Double(take.row.take)), "generation": take.job?.id.map { .number(Double($0)) } ?? .null,
                                 "status": .string(take.job?.status.rawValue ?? (take.row.note == nil ? "planned" : "blocked"))])
                    }),
                ]
                if let note = shot.note { object["note"] = .string(note) }
                return .object(object)
            }),
            "film": film,
        ])
    }

    /// The board's state in a word: `done` (film made), `failed` (a shot cannot be made), `ready` (every
    /// shot made, film not stitched), else `running`.
    static func status(of state: StoryboardState) -> String {
        if state.board.hasFilm { return "done" }
        if state.isComplete { return "ready" }
        if state.isSettled { return "failed" }
        return "running"
    }

    /// The board for people: a line per shot.
    static func lines(_ state: StoryboardState) -> [String] {
        var lines = ["\(state.board.id)  \(state.board.title)  \(status(of: state))"]
        for shot in state.shots {
            let job = shot.chosen?.job
            let takes = shot.takes.count > 1 ? " take \(shot.chosen?.row.take ?? 1)/\(shot.takes.count)" : ""
            let cost = job?.costEstimateUSD.map { (job?.synthetic == true ? "~" : "") + CostEstimate.dollars($0) } ?? ""
            lines.append("  \(pad(String(shot.shot.index), 2)) \(pad(shot.shot.continuation.rawValue, 11)) \(pad(shot.status, 11)) "
                         + "\(pad(job?.id.map { "#\($0)" } ?? "—", 6))\(takes) \(pad(cost, 7)) \(shot.shot.prompt.prefix(48))")
            if let note = shot.note { lines.append("       \(note)") }
        }
        if let path = state.board.filmPath {
            lines.append("  film: \(path) (\(String(format: "%.2f", state.board.filmSeconds ?? 0)) s, sha256 \(state.board.filmSHA256?.prefix(12) ?? ""))")
        }
        return lines
    }

    /// Shot numbers for a sentence (`2, 3`).
    static func list(_ shots: [Int]) -> String { shots.map(String.init).joined(separator: ", ") }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// A stitched film as JSON (`stitch --json`).
    static func filmJSON(_ film: FilmResult) -> JSONValue {
        .object(["path": .string(film.path), "sha256": .string(film.sha256), "duration_seconds": .number((film.seconds * 1000).rounded() / 1000),
                 "method": .string(film.method), "crossfade_seconds": .number(film.crossfadeSeconds),
                 "clips": .array(film.placements.map { placement in
                     .object(["generation": placement.clip.generationID.map { .number(Double($0)) } ?? .null,
                              "in": .number((placement.filmIn * 1000).rounded() / 1000), "out": .number((placement.filmOut * 1000).rounded() / 1000)])
                 })])
    }
}
