import Foundation
import Testing
@testable import StudioCore

/// `batch` and `presets` as a script uses them: exit codes, the JSON shape, the sidecar, the
/// history of a batch, presets with templates.
@Suite(.serialized)
struct BatchCLITests {
    @Test func dryRunExitCodesSayValidProblemsOrUnreadable() throws {
        let cli = CLIRunner()
        cli.write("good.jsonl", Data("{\"prompt\": \"a heron\", \"model\": \"veo-3.1-fast-generate-preview\", \"variants\": 2}\n".utf8))
        cli.write("bad.csv", Data("prompt,duration,colour\na kite,eight,red\n".utf8))
        let good = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("good.jsonl").path, "--dry-run", "--json"])
        #expect(good.status == 0, "\(good.stderr)")
        let plan = try JSONValue.decode(Data(good.stdout.utf8))
        #expect(plan["valid"]?.boolValue == true && plan["batch"] == .null && plan["jobs"]?.arrayValue?.count == 2)
        for key in ["file", "lines", "problems", "total_usd", "unpriced"] { #expect(plan[key] != nil, "batch --json has \(key)") }
        cli.write("three.jsonl", Data("{\"prompt\": \"a heron\", \"provider\": \"vertex\", \"model\": \"veo-3.1-fast-generate-001\", \"duration\": 8, \"variants\": 3}\n".utf8))
        let three = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("three.jsonl").path, "--dry-run", "--json"])
        #expect(!three.stdout.contains("00000"), "money in JSON is to the cent, without float noise: \(three.stdout)")
        let listed = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("three.jsonl").path, "--dry-run"])
        #expect(listed.stdout.contains("line 1  ×3  vertex  veo-3.1-fast-generate-001  8 s 16:9 720p  $2.40  a heron"), "a dry run lists its lines: \(listed.stdout)")
        #expect(listed.stdout.contains("three.jsonl: 1 line(s), 3 take(s), $2.40 if every take succeeds"), "the answer on stdout")

        let bad = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("bad.csv").path, "--dry-run"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("line 2, duration: \"eight\" is not a whole number"), "\(bad.stderr)")
        #expect(bad.stderr.contains("line 1, colour: no such key (a column of the header)"), "the header's key, said once: \(bad.stderr)")
        #expect(!bad.stderr.contains("line 2, colour"))
        cli.write("cut.jsonl", Data("{\"prompt\": \"a heron\"}\n{\"prompt\": \"a ki".utf8))
        let cut = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("cut.jsonl").path, "--dry-run"])
        #expect(cut.status == 1 && cut.stderr.contains("line 2, line: the file ends inside this line's object (cut short?)"), "\(cut.stderr)")
        let missing = try cli.run(["batch", "/nowhere/shots.jsonl", "--dry-run"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read /nowhere/shots.jsonl"), "\(missing.stderr)")
        let missingJSON = try cli.run(["batch", "/nowhere/shots.jsonl", "--json"])
        #expect(missingJSON.status == 2)
        #expect(try JSONValue.decode(Data(missingJSON.stdout.utf8))["error"]?["message"]?.stringValue?.contains("/nowhere/shots.jsonl") == true,
                "--json answers JSON for a file it cannot read: \(missingJSON.stdout)")
        let refused = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("bad.csv").path])
        #expect(refused.status == 1 && refused.stderr.contains("nothing was queued"))
        #expect(try cli.run(["queue"]).stdout.contains("the queue is empty"))
    }

    @Test func aBatchIsQueuedFollowedToASummaryAndKeptInHistory() throws {
        let cli = CLIRunner()
        let saved = try cli.run(["presets", "save", "vertical", "--aspect-ratio", "9:16", "--duration", "6",
                                 "--model", "veo-3.1-fast-generate-preview", "--prompt", "a {animal} in {place}"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let listed = try JSONValue.decode(Data(try cli.run(["presets", "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(listed.first?["name"]?.stringValue == "vertical")
        #expect(listed.first?["placeholders"]?.arrayValue?.compactMap(\.stringValue) == ["animal", "place"])
        #expect(listed.first?["fields"]?["aspect_ratio"]?.stringValue == "9:16")

        let lines = """
            {"preset": "vertical", "vars": {"animal": "heron", "place": "a marsh"}, "variants": 2}
            {"prompt": "a lighthouse at dusk", "model": "veo-3.1-fast-generate-preview"}
            """
        cli.write("shots.jsonl", Data(lines.utf8))
        let run = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("shots.jsonl").path, "--wait", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try JSONValue.decode(Data(run.stdout.utf8))
        let batch = try #require(result["batch"]?.stringValue)
        let jobs = result["jobs"]?.arrayValue ?? []
        #expect(jobs.map { $0["line"]?.intValue } == [1, 1, 2] && jobs.map { $0["take"]?.intValue } == [1, 2, 1])
        #expect(jobs.allSatisfy { $0["status"]?.stringValue == "done" })
        #expect(result["summary"]?["done"]?.intValue == 3 && result["summary"]?["failed"]?.intValue == 0)
        #expect(!run.stderr.contains("█"), "no bar when stderr is not a terminal: plain lines")
        let progress = run.stderr.split(separator: "\n").filter { $0.contains(" ended · ") }
        #expect(progress.last == "3/3 ended · 0 not done · 0 waiting · 0 at the service", "\(run.stderr)")
        #expect(progress.count >= 2 && progress.first?.hasPrefix("0/3 ended") == true, "the progress moves as the jobs go: \(progress)")

        let history = try JSONValue.decode(Data(try cli.run(["history", "--batch", batch, "--json"]).stdout.utf8)).arrayValue ?? []
        #expect(history.count == 3)
        #expect(history.filter { $0["prompt"]?.stringValue == "a heron in a marsh" }.count == 2, "the template filled from vars")
        let sidecar = try JSONValue.decode(Data(contentsOf: cli.home.appendingPathComponent("media/batches/\(batch).json")))
        #expect(sidecar["jobs"]?.arrayValue?.count == 3)
        #expect(sidecar["jobs"]?.arrayValue?.allSatisfy { $0["outputs"]?.arrayValue?.count == 1 } == true, "the sidecar lists each job's video")

        let filled = try cli.run(["generate", "--preset", "vertical", "--var", "animal=owl", "--var", "place=a pine forest", "--json"])
        #expect(filled.status == 0, "\(filled.stderr)")
        let unfilled = try cli.run(["generate", "--preset", "vertical"])
        #expect(unfilled.status == 2 && unfilled.stderr.contains("{animal} has no value"), "\(unfilled.stderr)")
    }

    @Test func varsAreReadFromCSVCellsAndAVarThePromptDoesNotUseIsAProblem() throws {
        let cli = CLIRunner()
        cli.write("vars.csv", Data("prompt,vars\n\"a {animal} by the {place}\",\"{\"\"animal\"\": \"\"fox\"\", \"\"place\"\": \"\"sea\"\"}\"\na {animal},animal=owl\n".utf8))
        let csv = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("vars.csv").path, "--dry-run", "--json"])
        #expect(csv.status == 0, "a CSV cell holds vars as JSON or name=value: \(csv.stdout) \(csv.stderr)")
        cli.write("typo.jsonl", Data("{\"prompt\": \"a {animal}\", \"vars\": {\"animal\": \"cat\", \"anmial\": \"dog\"}}\n".utf8))
        let typo = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("typo.jsonl").path, "--dry-run"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("line 1, vars: the prompt has no {anmial} — did you mean animal?"), "\(typo.stderr)")
    }

    @Test func aPresetWithAKeyALineWouldRefuseIsNamedWithItsCause() throws {
        let cli = CLIRunner()
        let folder = cli.home.appendingPathComponent("presets")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("aspect_ratio = \"9:16\"\ncolour = \"red\"\n".utf8).write(to: folder.appendingPathComponent("tall.toml"))
        try Data("aspect_ratio = \n".utf8).write(to: folder.appendingPathComponent("broken.toml"))
        let tall = try cli.run(["validate", "--prompt", "a kite", "--preset", "tall"])
        #expect(tall.status == 2 && tall.stderr.contains("--preset tall: this preset cannot be used:") && tall.stderr.contains("colour: no such key"),
                "\(tall.stderr)")
        let broken = try cli.run(["validate", "--prompt", "a kite", "--preset", "broken"])
        #expect(broken.status == 2 && broken.stderr.contains("broken.toml line 1"), "not \"no such preset\": \(broken.stderr)")
        let listed = try cli.run(["presets"])
        #expect(listed.stderr.contains("warning: preset tall cannot be used"), "\(listed.stderr)")
        cli.write("line.jsonl", Data("{\"prompt\": \"a kite\", \"preset\": \"tall\"}\n".utf8))
        let batch = try cli.run(["batch", cli.workingDirectory.appendingPathComponent("line.jsonl").path, "--dry-run"])
        #expect(batch.status == 1 && batch.stderr.contains("preset \"tall\" cannot be used"), "\(batch.stderr)")
    }
}
