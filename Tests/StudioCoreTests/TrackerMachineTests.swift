import Foundation
import Testing
@testable import StudioCore

/// The tracking state machine, without I/O: every answer → the next action.
struct TrackerMachineTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let schedule = PollSchedule(model: LatencyModel(medianSeconds: 75, sigma: 0.3))

    func machine() -> TrackerMachine {
        TrackerMachine(policy: TrackerPolicy(), schedule: Self.schedule, submittedAt: Self.start)
    }

    func http(_ status: Int, _ message: String = "x") -> ProviderFailure {
        .http(ServerAnswer(stage: .poll, httpStatus: status, message: message), retryAfterSeconds: nil)
    }

    @Test func firstPollWaitsForTheLikelyFinish() {
        guard case .poll(let wait) = machine().start(now: Self.start) else { Issue.record("expected a poll"); return }
        #expect(wait > 20 && wait < 75, "first poll after \(wait) s")
    }

    @Test func retryAfterIsHonoured() {
        var m = machine()
        let action = m.handle(.failure(.http(ServerAnswer(stage: .poll, httpStatus: 429, message: "slow down"), retryAfterSeconds: 17)),
                              now: Self.start.addingTimeInterval(40), random: 0.5)
        #expect(action == .poll(after: 17))
    }

    @Test func serverErrorsBackOffExponentiallyWithJitter() {
        var m = machine()
        var waits: [Double] = []
        for index in 0..<6 {
            if case .poll(let wait) = m.handle(.failure(http(503)), now: Self.start.addingTimeInterval(40 + Double(index)), random: 1) {
                waits.append(wait)
            }
        }
        #expect(waits == [2, 4, 8, 16, 32, 60])
        var jittered = machine()
        if case .poll(let wait) = jittered.handle(.failure(http(500)), now: Self.start.addingTimeInterval(40), random: 0.1) {
            #expect(wait >= 1 && wait <= 2)
        }
    }

    @Test func operationErrorFinishesAsFailed() {
        var m = machine()
        let error = ServerAnswer(stage: .operation, rpcCode: 3, message: "Unsupported output video duration 4 seconds")
        #expect(m.handle(.success(OperationSnapshot(name: "op", done: true, error: error)), now: Self.start, random: 0)
                == .finish(.failed(error)))
    }

    @Test func safetyFilteringIsAnExplainedOutcome() {
        var m = machine()
        let snapshot = OperationSnapshot(name: "op", done: true, raiFilteredCount: 1, raiReasons: ["Support codes: 29310472"])
        #expect(m.handle(.success(snapshot), now: Self.start, random: 0) == .finish(.filtered(count: 1, reasons: ["Support codes: 29310472"])))
    }

    @Test func doneWithVideosDownloads() {
        var m = machine()
        let video = RemoteVideo(uri: "https://x/v1beta/files/abc:download?alt=media")
        #expect(m.handle(.success(OperationSnapshot(name: "op", done: true, videos: [video])), now: Self.start, random: 0)
                == .download([video], filteredCount: 0, reasons: []))
    }

    @Test func deadlineLeavesTheJobUnknownNotFailed() {
        var m = machine()
        let late = Self.start.addingTimeInterval(15 * 60 + 1)
        guard case .finish(.unknown(let reason)) = m.handle(.success(OperationSnapshot(name: "op", done: false)), now: late, random: 0) else {
            Issue.record("expected unknown"); return
        }
        #expect(reason.contains("15 min"))
        var failing = machine()
        guard case .finish(.unknown) = failing.handle(.failure(http(503)), now: late, random: 0) else {
            Issue.record("expected unknown after the deadline"); return
        }
    }

    @Test func clientErrorsOnPollAreFinal() {
        var m = machine()
        guard case .finish(.failed(let answer)) = m.handle(.failure(http(404, "Operation not found")), now: Self.start, random: 0) else {
            Issue.record("expected failed"); return
        }
        #expect(answer.httpStatus == 404)
    }

    @Test func adaptiveScheduleNeedsFewerPollsThanFixedTenSeconds() {
        // Under the model itself: fewer polls than every-10-s polling, at no worse expected delay.
        let model = LatencyModel(medianSeconds: 75, sigma: 0.3)
        let schedule = PollSchedule(model: model, targetDelay: 5)
        let fixed = (1...60).map { Double($0) * 10 }
        func expectedPolls(_ times: [Double]) -> Double {
            var total = 0.0
            var previous = 0.0
            for (index, time) in times.enumerated() {
                total += Double(index + 1) * (model.survival(previous) - model.survival(time))
                previous = time
            }
            return total
        }
        #expect(PollSchedule.expectedDelay(schedule.offsets, model: model) <= 5.01)
        #expect(expectedPolls(schedule.offsets) < 0.7 * expectedPolls(fixed))
    }

    @Test func aRefusedOrMissingCredentialLeavesTheJobResumable() {
        for failure in [http(401), http(403), ProviderFailure.local(StudioError(field: "credentials", code: "credentials.missing",
                                                                                  message: "no token", fix: "log in"))] {
            var m = machine()
            guard case .finish(.unknown(let reason)) = m.handle(.failure(failure), now: Self.start.addingTimeInterval(40), random: 0) else {
                Issue.record("\(failure) should leave the job unknown"); continue
            }
            #expect(!reason.isEmpty)
        }
        var m = machine()
        guard case .finish(.failed) = m.handle(.failure(http(404)), now: Self.start.addingTimeInterval(40), random: 0) else {
            Issue.record("a server's answer about the operation still fails it"); return
        }
    }
}
