import Foundation
import Testing
@testable import StudioCore

/// `story` and `stitch` as a script uses them: exit codes, problems by line, the JSON shape named in
/// the contract, a run resumed from the journal, a retake, and stitching generations by id.
@Suite(.serialized)
struct StoryCLITests {
    static let board = """
        title = "Harbour"
        [defaults]
        model = "veo-3.1-generate-preview"
        duration = 8

        [[shot]]
        prompt = "Boats at dawn in a small harbour"

        [[shot]]
        prompt = "A gull lands on a mast"
        continue = "extend"

        [[shot]]
        prompt = "The gull flies off over the water"
        continue = "last-frame"
        """

    @Test func dryRunPricesEveryShotAndNamesProblemsByLine() throws {
        let cli = CLIRunner()
        cli.write("film.toml", Data(Self.board.utf8))
        let path = cli.workingDirectory.appendingPathComponent("film.toml").path
        let good = try cli.run(["story", path, "--dry-run", "--json"])
        #expect(good.status == 0, "\(good.stderr)")
        let plan = try JSONValue.decode(Data(good.stdout.utf8))
        #expect(plan["valid"]?.boolValue == true)
        #expect(plan["shots"]?.arrayValue?.map { $0["continue"]?.stringValue } == ["cut", "extend", "last-frame"])
        #expect(plan["shots"]?.arrayValue?.map { $0["seconds"]?.intValue } == [8, 7, 8])
        #expect((plan["total_usd"]?.doubleValue ?? 0) > 0 && plan["film_seconds"]?.intValue == 23)

        cli.write("bad.toml", Data("title = \"x\"\n[[shot]]\nprompt = \"a\"\ncontinue = \"extend\"\nlens = \"35mm\"\n[[shot]]\nprompt = \"b\"\nimage = \"gone.png\"\n".utf8))
        let bad = try cli.run(["story", cli.workingDirectory.appendingPathComponent("bad.toml").path])
        #expect(bad.status == 1 && bad.stderr.contains("nothing was sent"), "\(bad.stderr)")
        #expect(bad.stderr.contains("line 4, continue: shot 1: continues (extend) from nothing"), "\(bad.stderr)")
        #expect(bad.stderr.contains("line 5, lens: shot 1: no such key"))
        #expect(bad.stderr.contains("line 8, image: shot 2: no file at gone.png"))
        #expect(try JSONValue.decode(Data(try cli.run(["history", "--json"]).stdout.utf8)).arrayValue?.isEmpty == true, "nothing was sent")

        cli.write("broken.toml", Data("title = \"x\"\n[[shot]\n".utf8))
        let broken = try cli.run(["story", cli.workingDirectory.appendingPathComponent("broken.toml").path, "--dry-run"])
        #expect(broken.status == 2 && broken.stderr.contains("line 2"), "\(broken.stderr)")
    }

    @Test func aStoryRunsToItsFilmResumesAndRetakesExactlyTheStaleShots() throws {
        let cli = CLIRunner()
        cli.write("film.toml", Data(Self.board.utf8))
        let path = cli.workingDirectory.appendingPathComponent("film.toml").path
        // Queued without --wait: the first shot waits; the chained ones are planned.
        let queued = try JSONValue.decode(Data(try cli.run(["story", path, "--json"]).stdout.utf8))
        let id = try #require(queued["id"]?.stringValue)
        #expect(queued["shots"]?.arrayValue?.map { $0["status"]?.stringValue } == ["waiting", "planned", "planned"])
        #expect(queued["film"] == .null)

        let run = try cli.run(["story", path, "--wait", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("resuming"), "the same file's unfinished run is resumed, not started again")
        let done = try JSONValue.decode(Data(run.stdout.utf8))
        #expect(done["id"]?.stringValue == id && done["status"]?.stringValue == "done")
        let shots = done["shots"]?.arrayValue ?? []
        #expect(shots.map { $0["index"]?.intValue } == [1, 2, 3])
        #expect(shots.allSatisfy { $0["status"]?.stringValue == "done" && $0["generation"]?.intValue != nil })
        #expect(shots.map { $0["continue"]?.stringValue } == ["cut", "extend", "last-frame"])
        let film = try #require(done["film"])
        let filmPath = try #require(film["path"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: filmPath) && film["sha256"]?.stringValue?.count == 64)
        #expect(abs((film["duration_seconds"]?.doubleValue ?? 0) - 23) < 0.2, "8 s, the extension's 7 s more, 8 s: \(film)")
        let history = try JSONValue.decode(Data(try cli.run(["history", "--batch", id, "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(history.count == 3, "the board's shots are one entry in the history")
        let again = try cli.run(["story", path, "--wait", "--json"])
        #expect(again.status == 0 && again.stderr.contains("made already"), "running the file twice never pays twice: \(again.stderr)")
        #expect(try JSONValue.decode(Data(again.stdout.utf8))["film"]?["sha256"] == film["sha256"])
        #expect(try JSONValue.decode(Data(try cli.run(["history", "--json"]).stdout.utf8)).arrayValue?.count == 3)
        cli.write("film.toml", Data((Self.board + "\n# a note that changes no shot\n").utf8))
        let noted = try cli.run(["story", path, "--wait", "--json"])
        #expect(noted.status == 0 && noted.stderr.contains("made already"), "an edit that changes no shot keeps the film: \(noted.stderr)")
        #expect(try JSONValue.decode(Data(try cli.run(["history", "--json"]).stdout.utf8)).arrayValue?.count == 3)

        let retake = try cli.run(["story", "retake", id, "2", "--prompt", "A gull lands on the bow", "--wait", "--json"])
        #expect(retake.status == 0, "\(retake.stderr)")
        let after = try JSONValue.decode(Data(retake.stdout.utf8))
        let ids = { (value: JSONValue) in value["shots"]?.arrayValue?.compactMap { $0["generation"]?.intValue } ?? [] }
        #expect(ids(after)[0] == ids(done)[0], "shot 1 is kept")
        #expect(ids(after)[1] != ids(done)[1] && ids(after)[2] != ids(done)[2], "shots 2 and 3 are made again")
        #expect(try JSONValue.decode(Data(try cli.run(["history", "--json"]).stdout.utf8)).arrayValue?.count == 5)
        let shown = try cli.run(["story", "show", id])
        #expect(shown.stdout.contains("film:") && shown.stdout.contains("A gull lands on the bow"), "\(shown.stdout)")

        // Stitch by generation id: shot 1 and shot 3 (different clips) by copy, with a crossfade re-encoded.
        let out = cli.workingDirectory.appendingPathComponent("pair.mp4").path
        let stitched = try cli.run(["stitch", String(ids(after)[0]), String(ids(after)[2]), "--out", out, "--crossfade", "0.5", "--json"])
        #expect(stitched.status == 0, "\(stitched.stderr)")
        let pair = try JSONValue.decode(Data(stitched.stdout.utf8))
        #expect(pair["method"]?.stringValue == "re-encode" && abs((pair["duration_seconds"]?.doubleValue ?? 0) - 15.5) < 0.2, "\(pair)")
        #expect(FileManager.default.fileExists(atPath: cli.workingDirectory.appendingPathComponent("pair.json").path), "the film's sidecar")
        let both = try cli.run(["story", "retake", id, "1", "--take", "1", "--prompt", "x"])
        #expect(both.status == 2 && both.stderr.contains("give one or the other"), "\(both.stderr)")
        let before = try cli.runBare(["--home", cli.home.path, "story", "list"])
        #expect(before.status == 0 && before.stdout.contains(id), "--home before a nested subcommand: \(before.stderr)")
        let unknown = try cli.run(["stitch", "424242", "--out", out])
        #expect(unknown.status == 2 && unknown.stderr.contains("no generation 424242"))
    }
}
