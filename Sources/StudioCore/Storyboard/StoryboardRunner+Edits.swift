import Foundation

/// Changes to a storyboard after it was read: a shot retaken (as it is, or tweaked), another take
/// chosen, a shot added or moved. Each marks stale exactly the shots whose input changed — the shot
/// itself where it changed, and the shots chained after it — and nothing before.
extension StoryboardRunner {
    /// Retakes a shot with its keys changed (none: the same spec again); returns the shots made again.
    /// A change the plan refuses changes nothing and throws the first problem.
    @discardableResult
    public func retake(_ id: String, shot index: Int, changing values: [String: JSONValue] = [:]) throws -> [Int] {
        var document = try self.state(id).document
        guard document.shots.indices.contains(index - 1) else { throw Self.noShot(index, of: document) }
        document.shots[index - 1].values.merge(values) { _, new in new }
        if document.shots[index - 1].continuation.chainsToPrevious {
            for key in StoryboardFile.freshShotInputs.subtracting(["mode"]) { document.shots[index - 1].values[key] = nil }
        }
        try check(document)
        let stale = document.staleShots(from: index)
        try service.journal.retake(storyboard: id, shots: stale, document: document, at: service.clock.now())
        return stale
    }

    /// Chooses a take of a shot for the film; the shots chained after it are made again from it (or,
    /// when they were made from that take before, brought back). Returns the shots made again, or nil
    /// when that take is the one the film uses already (nothing changes).
    @discardableResult
    public func choose(_ id: String, shot index: Int, take: Int) throws -> [Int]? {
        let state = try self.state(id)
        guard let shot = state.shots.first(where: { $0.shot.index == index }) else { throw Self.noShot(index, of: state.document) }
        guard let chosen = shot.takes.first(where: { $0.row.take == take }) else {
            throw StudioError(field: "take", code: "storyboard.no_take",
                              message: shot.takes.count == 1 ? "shot \(index) has one take" : "shot \(index) has takes 1–\(shot.takes.count), not \(take)",
                              fix: shot.takes.count == 1 ? "takes = N in the file makes more" : "choose one of them")
        }
        if shot.chosen?.row.take == take { return nil }
        try service.journal.chooseTake(storyboard: id, shot: index, take: take, at: service.clock.now())
        let chained = Array(state.document.staleShots(from: index).dropFirst())
        guard !chained.isEmpty, let source = chosen.job?.id else {
            try service.journal.updateStoryboard(id, status: StoryboardRecord.running, at: service.clock.now())
            return []
        }
        return try service.journal.rechain(storyboard: id, chained: chained, from: source, document: state.document, at: service.clock.now())
    }

    /// Adds a shot after `index`: a copy of that shot's keys, cut (independent); returns its index.
    @discardableResult
    public func addShot(_ id: String, after index: Int) throws -> Int {
        var document = try self.state(id).document
        guard document.shots.indices.contains(index - 1) else { throw Self.noShot(index, of: document) }
        var copy = document.shots[index - 1]
        copy.continuation = .cut
        copy.takes = 1
        document.shots.insert(copy, at: index)
        renumber(&document)
        try check(document)
        let added = index + 1
        // The shot after the new one has a new shot before it: made again if chained to it.
        var stale = [added]
        if document.shots.indices.contains(added), document.shots[added].continuation.chainsToPrevious {
            stale += document.staleShots(from: added + 1)
        }
        try service.journal.reshape(storyboard: id, document: document, moving: { $0 >= added ? $0 + 1 : $0 }, stale: stale,
                                    at: service.clock.now())
        return added
    }

    /// Moves a shot one place earlier (-1) or later (+1); returns its new index.
    @discardableResult
    public func moveShot(_ id: String, shot index: Int, by delta: Int) throws -> Int {
        var document = try self.state(id).document
        let target = index + delta
        guard document.shots.indices.contains(index - 1), document.shots.indices.contains(target - 1), abs(delta) == 1 else {
            throw StudioError(field: "shot", code: "storyboard.cannot_move", message: "shot \(index) cannot move \(delta < 0 ? "earlier" : "later")",
                              fix: "it is already \(delta < 0 ? "first" : "last")")
        }
        document.shots.swapAt(index - 1, target - 1)
        renumber(&document)
        if document.shots[0].continuation.chainsToPrevious {
            throw StudioError(field: "shot", code: "storyboard.first_chains",
                              message: "that would make a shot that continues (\(document.shots[0].continuation.rawValue)) from the shot before the first",
                              fix: "move another shot, or make it cut or ingredients in the file")
        }
        try check(document)
        // Shots whose shot before changed, and are chained to it, are made again (with their chains).
        let low = min(index, target)
        var stale: [Int] = []
        for position in low...(low + 2) where document.shots.indices.contains(position - 1) && !stale.contains(position) {
            if document.shots[position - 1].continuation.chainsToPrevious { stale += document.staleShots(from: position) }
        }
        try service.journal.reshape(storyboard: id, document: document,
                                    moving: { $0 == index ? target : $0 == target ? index : $0 }, stale: Array(Set(stale)).sorted(),
                                    at: service.clock.now())
        return target
    }

    private func renumber(_ document: inout StoryboardDocument) {
        for offset in document.shots.indices { document.shots[offset].index = offset + 1 }
    }

    /// Throws the first problem of a changed document (nothing is written then).
    private func check(_ document: StoryboardDocument) throws {
        let plan = planner.plan(document)
        if let problem = plan.problems.first {
            throw StudioError(field: problem.field, code: problem.code, message: problem.message, fix: problem.fix)
        }
    }

    static func noShot(_ index: Int, of document: StoryboardDocument) -> StudioError {
        StudioError(field: "shot", code: "storyboard.no_shot", message: "the storyboard has shots 1–\(document.shots.count), not \(index)",
                    fix: "name one of them")
    }
}
