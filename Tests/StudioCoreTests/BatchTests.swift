import Foundation
import Testing
@testable import StudioCore

/// Batch files read into lines, lines into drafts with their takes, plans priced before anything is
/// sent, a batch queued all or none, and presets kept as TOML.
struct BatchTests {
    static let reader = BatchSpecReader(catalog: try! ParameterCatalog.builtIn())

    @Test func csvKeepsQuotedCommasQuotesAndLineBreaksAndNamesAnOpenQuote() throws {
        let text = "prompt,duration\r\n\"a kite, red\",8\n\"she said \"\"go\"\"\",6\n\"two\nlines\",4\n"
        let rows = try CSVReader.rows(text).get()
        #expect(rows.map(\.fields) == [["prompt", "duration"], ["a kite, red", "8"], ["she said \"go\"", "6"], ["two\nlines", "4"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4], "a row keeps the line it starts on")
        guard case .failure(let error) = CSVReader.rows("prompt\n\"never closed\n") else {
            Issue.record("an open quote is an error")
            return
        }
        #expect(error.line == 2)
    }

    @Test func jsonLinesSkipCommentsAndNameEachBadLine() throws {
        let file = try BatchFile.parse(Data("# shots\n{\"prompt\": \"a\"}\n\nnot json\n{\"prompt\": \"b\"}\n".utf8), name: "b.jsonl", csv: false)
        #expect(file.lines.map(\.number) == [2, 5])
        #expect(file.problems.map(\.line) == [4] && file.problems.first?.code == "batch.not_json")
        #expect(throws: StudioError.self) { try BatchFile.parse(Data([0xFF, 0xFE, 0x00]), name: "x.jsonl", csv: false) }
        #expect(throws: StudioError.self) { try BatchFile.parse(Data(), name: "x.csv", csv: true) }
    }

    @Test func aLineIsTheSpecFlagsInSnakeCaseWithVarsAndVariants() {
        let line = BatchLine(number: 3, values: [
            "prompt": "a {animal} at {time}", "vars": .object(["animal": "fox", "time": "dawn"]), "aspect_ratio": "9:16", "duration": .number(6),
            "audio": .bool(false), "refs": "a.png;b.png:style", "negative_prompt": "text", "variants": .number(3), "params": .object(["newKnob": .bool(true)]),
        ])
        let (draft, variants, problems) = Self.reader.read(line)
        #expect(problems.isEmpty, "\(problems.map(\.text))")
        #expect(draft.prompt == "a fox at dawn" && draft.aspectRatio == "9:16" && draft.durationSeconds == 6 && draft.generateAudio == false)
        #expect(draft.references.map(\.path) == ["a.png", "b.png"] && draft.references.last?.kind == .style)
        #expect(draft.negativePrompt == "text" && draft.extraParameters["newKnob"] == .bool(true))
        #expect(variants == 3)
        let bad = Self.reader.read(BatchLine(number: 7, values: ["prompt": "a {animal}", "colour": "red", "duration": "eight", "variants": .number(99)]))
        #expect(Set(bad.problems.map(\.field)) == ["colour", "duration", "variants", "prompt"], "\(bad.problems.map(\.text))")
        #expect(bad.problems.allSatisfy { $0.line == 7 && !$0.fix.isEmpty })
        #expect(bad.problems.first { $0.field == "duration" }?.message == "\"eight\" is not a whole number")
    }

    @Test func takesGetSeedsOneApartWhereTheProviderTakesASeedElseSeparateSubmissions() throws {
        let harness = try ServiceHarness()
        let planner = BatchPlanner(service: harness.service, reader: Self.reader, loader: InputLoader(baseDirectory: harness.folder.url),
                                   defaultProvider: "sandbox")
        let lines = [BatchLine(number: 1, values: ["prompt": "a heron", "provider": "vertex-sandbox", "seed": .number(100)]),
                     BatchLine(number: 2, values: ["prompt": "a crab", "model": "veo-3.1-fast-generate-preview"])]
        let plan = planner.plan(BatchFile(name: "b.jsonl", lines: lines, problems: []), variants: 3)
        #expect(plan.isValid, "\(plan.problems.map(\.text))")
        #expect(plan.items.filter { $0.line == 1 }.map { $0.prepared.draft.seed } == [100, 101, 102], "Vertex AI takes a seed")
        #expect(plan.items.filter { $0.line == 2 }.map { $0.prepared.draft.seed } == [nil, nil, nil], "the Gemini API refuses one: three plain takes")
        #expect(plan.items.map(\.take) == [1, 2, 3, 1, 2, 3])
        #expect(abs(plan.totalUSD - plan.items.compactMap(\.costUSD).reduce(0, +)) < 1e-9 && plan.totalUSD > 0)
    }

    @Test func aBatchIsQueuedAllOrNone() throws {
        let harness = try ServiceHarness()
        let planner = BatchPlanner(service: harness.service, reader: Self.reader, loader: InputLoader(baseDirectory: harness.folder.url),
                                   defaultProvider: "gemini")
        let lines = (1...4).map { BatchLine(number: $0, values: ["prompt": .string("shot \($0)"), "model": "veo-3.1-generate-preview"]) }
        let plan = planner.plan(BatchFile(name: "b.jsonl", lines: lines, problems: []))
        let (batch, jobs) = try harness.service.enqueue(plan, endpoint: { _ in nil })
        #expect(jobs.count == 4 && jobs.allSatisfy { $0.status == .waiting })
        #expect(try harness.journal.jobs(inBatch: batch.id).map(\.id) == jobs.map(\.id))
        #expect(try harness.journal.batch(batch.id)?.estimateUSD == plan.totalUSD)
        // The same batch again: its id is taken, so nothing of it is written.
        let before = try harness.journal.queue().count
        #expect(throws: (any Error).self) {
            try harness.journal.enqueue(batch: batch, jobs: [(record: jobs[0], assets: [], entry: QueueEntry(queuedAt: Date()))])
        }
        #expect(try harness.journal.queue().count == before, "a failed batch leaves no job behind")
    }

    @Test func presetsAreTOMLFilesReadWrittenAndNamedWhenBroken() throws {
        let folder = TemporaryFolder()
        let store = PresetStore(configDirectory: folder.url)
        var draft = GenerationDraft()
        draft.model = "veo-3.1-fast-generate-preview"
        draft.aspectRatio = "9:16"
        draft.durationSeconds = 6
        draft.prompt = "a {animal} in {place}"
        draft.references = [ReferenceImageInput(path: "hero.png", kind: .asset), ReferenceImageInput(path: "look.png", kind: .style)]
        let file = try store.save("vertical", values: PresetStore.values(of: draft, catalog: try ParameterCatalog.builtIn()))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let preset = try #require(try store.preset(named: "vertical"))
        #expect(preset.placeholders == ["animal", "place"])
        let back = PresetStore.draft(of: preset, reader: Self.reader)
        #expect(back.model == draft.model && back.aspectRatio == "9:16" && back.durationSeconds == 6 && back.prompt == draft.prompt)
        #expect(back.references == draft.references)
        #expect(throws: StudioError.self) { try store.save("../escape", values: ["model": "x"]) }
        try Data("model = 'unterminated\n".utf8).write(to: folder.url.appendingPathComponent("presets/broken.toml"))
        let (presets, problems) = store.all()
        #expect(presets.map(\.name) == ["vertical"])
        #expect(problems.count == 1 && problems[0].contains("broken.toml line 1"), "\(problems)")
    }
}
