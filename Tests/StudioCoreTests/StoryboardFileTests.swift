import Foundation
import Testing
@testable import StudioCore

/// Storyboard files read into shots (defaults under each shot, chained shots keeping their input from
/// the shot before), every problem named by line and fix, and plans that price a chain before paying.
struct StoryboardFileTests {
    static let reader = BatchSpecReader(catalog: try! ParameterCatalog.builtIn())

    static func parse(_ text: String) throws -> (StoryboardDocument, [BatchProblem]) {
        try StoryboardFile.parse(text, fileName: "film.toml", directory: "/films", reader: reader)
    }

    @Test func defaultsGoUnderEveryShotButAChainedShotTakesNoFreshInput() throws {
        let (document, problems) = try Self.parse("""
            title = "Walk"
            [defaults]
            provider = "gemini"
            duration = 8
            refs = ["hero.png"]

            [[shot]]
            prompt = "one"
            continue = "ingredients"
            takes = 3

            [[shot]]
            prompt = "two"
            continue = "extend"

            [[shot]]
            prompt = "three"
            continue = "last-frame"
            duration = 6
            """)
        #expect(problems.isEmpty, "\(problems.map(\.text))")
        #expect(document.title == "Walk" && document.directory == "/films")
        #expect(document.shots.map(\.continuation) == [.ingredients, .extend, .lastFrame])
        #expect(document.shots.map(\.takes) == [3, 1, 1])
        #expect(document.shots.map(\.line) == [7, 12, 16], "each shot remembers its [[shot]] line")
        #expect(document.shots[0].values["refs"] != nil, "an ingredients shot shares the defaults' references")
        #expect(document.shots[1].values["refs"] == nil && document.shots[2].values["refs"] == nil,
                "a chained shot's first frame or video comes from the shot before, not the defaults' images")
        #expect(document.shots[2].values["duration"] == .number(6) && document.shots[1].values["duration"] == .number(8))
        #expect(document.staleShots(from: 1) == [1, 2, 3] && document.staleShots(from: 3) == [3])
    }

    @Test func everyProblemIsNamedByLineKeyAndFix() throws {
        let (_, problems) = try Self.parse("""
            title = "Bad"
            colour = "red"
            [defaults]
            speed = 3

            [[shot]]
            prompt = "one"
            continue = "extend"

            [[shot]]
            prompt = "two"
            continue = "dissolve"
            takes = 40
            mood = "dark"

            [[shot]]
            prompt = "three"
            continue = "last-frame"
            image = "x.png"
            """)
        let found = problems.map { "\($0.line) \($0.field) \($0.code)" }
        #expect(found == [
            "2 colour storyboard.unknown_key",
            "4 speed storyboard.unknown_key",
            "8 continue storyboard.continues_from_nothing",
            "12 continue storyboard.continue",
            "13 takes storyboard.takes",
            "14 mood storyboard.unknown_key",
            "19 image storyboard.image_on_last_frame",
        ], "\(found)")
        #expect(problems.allSatisfy { !$0.fix.isEmpty })
        #expect(problems.first { $0.field == "mood" }?.fix.contains("aspect_ratio") == true, "the fix lists the keys there are")
        let typo = try Self.parse("[[shot]]\nprompt = \"a\"\nduraton = 8\n").1.first
        #expect(typo?.fix.hasPrefix("did you mean duration?") == true, "\(typo?.fix ?? "")")
    }

    @Test func aFileThatIsNotTOMLThrowsWithItsLine() {
        #expect(throws: StudioError.self) { try Self.parse("title = \"x\"\n[[shot]\nprompt = 1\n") }
        do {
            _ = try Self.parse("title = \"x\"\n\n[[shot]]\nprompt = \"a\" \"b\"\n")
        } catch let error as StudioError {
            #expect(error.code == "storyboard.toml" && error.message.contains("line 4"), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func thePlanPricesEachShotAndNamesAChainTheServiceWouldRefuse() throws {
        let harness = try ServiceHarness()
        harness.folder.write("hero.png", TestImages.png(width: 64, height: 36))
        let planner = StoryboardPlanner(service: harness.service, reader: Self.reader,
                                        loader: InputLoader(baseDirectory: harness.folder.url), defaultProvider: "gemini")
        let (good, _) = try Self.parse("""
            [defaults]
            model = "veo-3.1-generate-preview"
            resolution = "720p"
            [[shot]]
            prompt = "one"
            [[shot]]
            prompt = "two"
            continue = "extend"
            [[shot]]
            prompt = "three"
            continue = "last-frame"
            takes = 2
            """)
        let plan = planner.plan(good)
        #expect(plan.isValid, "\(plan.problems.map(\.text))")
        #expect(plan.shots.map(\.filmSeconds) == [8, 7, 8], "an extension adds 7 s")
        #expect(plan.shots.map(\.outputSeconds) == [8, 15, 8], "the extended video holds the shot it extends")
        #expect(plan.shots.map(\.hops) == [0, 1, 0])
        let each = try #require(plan.shots[2].takeUSD)
        #expect(plan.shots[2].costUSD == each * 2, "every take is priced")
        #expect(abs(plan.totalUSD - plan.shots.compactMap(\.costUSD).reduce(0, +)) < 0.001 && plan.totalUSD > 0)

        // Veo 3.0 cannot extend; a missing image is named on its line; an extension on a gateway that
        // documents none is refused by name. Each on the line of the key at fault.
        let (bad, _) = try Self.parse("""
            [[shot]]
            prompt = "one"
            model = "veo-3.0-generate-001"
            [[shot]]
            prompt = "two"
            continue = "extend"
            [[shot]]
            prompt = "three"
            image = "missing.png"
            [[shot]]
            prompt = "four"
            provider = "task-relay"
            continue = "cut"
            refs = ["hero.png"]
            [[shot]]
            prompt = "five"
            continue = "extend"
            """)
        let problems = planner.plan(bad).problems
        let extend = try #require(problems.first { $0.line == 6 }, "\(problems.map(\.text))")
        #expect(extend.field == "continue" && extend.message.hasPrefix("shot 2:"), "\(extend.text)")
        let missing = try #require(problems.first { $0.line == 9 }, "\(problems.map(\.text))")
        #expect(missing.field == "image" && missing.message.contains("missing.png"), "\(missing.text)")
        let gateway = try #require(problems.first { $0.line == 17 }, "\(problems.map(\.text))")
        #expect(gateway.field == "continue" && gateway.message.hasPrefix("shot 5:"), "\(gateway.text)")
    }
}
