import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// Operations and History as tables (a gap between every two columns at every width, more columns
/// with more room), the CLI's lines from the same layout, and the detail pane's pictures in a
/// column of their own.
struct TableAndPaneTests {
    typealias Screens = StudioScreenTests

    /// Rows whose cells are as long as they get: long model ids, long states and modes, wide prompts.
    static let crowded: [GenerationRecord] = [
        Screens.record(1234, .downloading, "the boat drifts past lanterns on a canal at dusk, rain on the water", seconds: 300,
                       model: "gemini-omni-1.1-flash"),
        Screens.record(77, .done, "夜の東京を走る猫 🐈 neon reflections", seconds: 75, model: "veo-3.1-reference-to-video"),
        Screens.record(5, .filtered, "a famous actor", seconds: 50, model: "veo-3.1-fast-generate-preview"),
    ]

    @Test(arguments: [80, 100, 120, 200])
    func everyTwoColumnsHaveAGap(_ width: Int) {
        let table = GenerationTable(Readings.summaries(Self.crowded), kind: .history, width: width)
        let shown = zip(table.layout.columns, table.layout.widths).compactMap { column, width in width.map { (column.title, $0) } }
        for index in 0..<table.count {
            let line = Array(table.line(index, now: Screens.now))
            #expect(DisplayWidth.of(String(line)) <= width, "the row fits \(width) cells")
            var x = 0
            for (title, columnWidth) in shown.dropLast() {
                x += columnWidth
                let gap = String(line.suffix(from: min(line.count, columnIndex(line, cells: x))).prefix(2))
                #expect(gap == "  ", "after the \(title) column of row \(index) at \(width): \"\(String(line))\"")
                x += TableLayout.gap
            }
        }
        #expect(table.layout.shows("prompt") && table.layout.shows("state") && table.layout.shows("cost"))
        #expect(table.layout.shows("model") == (width >= 120), "long model ids join when there is room for them")
        #expect(table.layout.shows("date") == (width >= 200), "the date joins only after the model: never a lesser column alone")
        #expect(table.layout.shows("provider") == (width >= 200) && table.layout.shows("videos") == (width >= 200))
    }

    /// The character index at which `cells` display columns have been used.
    private func columnIndex(_ line: [Character], cells: Int) -> Int {
        var used = 0
        for (index, character) in line.enumerated() {
            if used >= cells { return index }
            used += DisplayWidth.of(character)
        }
        return line.count
    }

    @Test func theCostCellFollowsTheOutcome() {
        let filtered = GenerationSummary(record: Screens.record(5, .filtered, "x", seconds: 5, synthetic: false))
        #expect(JobRow(summary: filtered, now: Screens.now, latency: nil).cost == "$0", "a filtered job is not charged")
        let done = GenerationSummary(record: Screens.record(6, .done, "x", seconds: 5, synthetic: false), samples: 2, outputs: 1, downloaded: 1)
        #expect(JobRow(summary: done, now: Screens.now, latency: nil).cost == "$1.60", "one of two videos made: half the estimate")
        let sandbox = GenerationSummary(record: Screens.record(7, .done, "x", seconds: 5), samples: 1, outputs: 1, downloaded: 1)
        #expect(JobRow(summary: sandbox, now: Screens.now, latency: nil).cost == "~$3.20", "a sandbox row is what the real service would charge")
        var cancelled = Screens.record(8, .cancelled, "x", seconds: 5, synthetic: false)
        cancelled.errorCode = "cancelled"
        #expect(GenerationSummary(record: cancelled).charge == .uncertain(3.2), "a Veo cancel may still be charged")
        cancelled.errorCode = Charge.cancelledOnServiceCode
        #expect(GenerationSummary(record: cancelled).charge.spentUSD == 0)
    }

    @Test(arguments: [Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func picturesInTheDetailNeverCoverText(_ size: Size) throws {
        var model = Screens.model(size: size)
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        var record = Screens.record(7, .done, String(repeating: "a long prompt that wraps across the pane ", count: 4), seconds: 40)
        record.errorExplanation = String(repeating: "an explanation long enough to reach the right edge of any pane ", count: 2)
        var detail = GenerationDetail(record: record, outputs: [], events: [], children: [],
                                      inputs: ["referenceImages[0]: /pics/a-very-long-folder-name/with-a-long-file-name.png (1280×720)"])
        detail.inputImagePaths = ["/assets/a.png"]
        #expect(Readings.read(&model, detail: detail) == [.loadThumbnails(7, ["/assets/a.png"])])
        let green = HalfBlockImage(width: 16, height: 9, rgb: Array(repeating: [0, 200, 0], count: 16 * 9).flatMap { $0 })
        _ = StudioUpdate.apply(.thumbnailsLoaded(7, [green, green]), to: &model)
        let buffer = StudioView.render(model)
        var pictureColumns = Set<Int>()
        var textColumns = Set<Int>()
        for y in 2..<(size.height - 3) {
            for x in 1..<(size.width - 1) {
                let cell = buffer[x, y]
                if cell.colors != nil { pictureColumns.insert(x) } else if cell.text != " " { textColumns.insert(x) }
            }
        }
        if size.width >= 100 { #expect(!pictureColumns.isEmpty, "there is room for the pictures at \(size)") }
        if let firstPicture = pictureColumns.min(), let lastText = textColumns.max() {
            #expect(lastText < firstPicture, "text reaches column \(lastText), a picture starts at \(firstPicture) (\(size))")
        }
        if size == Size(width: 120, height: 40) { try Snapshot.check(buffer, named: "detail-pictures-120x40") }
    }
}
