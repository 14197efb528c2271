import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// The image picker (selection, order, style, warnings) and the actions of Operations and History.
struct PickerAndActionsTests {
    static let registry = StudioScreenTests.registry

    static func image(_ name: String, bytes: Int = 40_000, width: Int = 1280, height: Int = 720) -> PickerEntry {
        PickerEntry(name: name, path: "/pics/\(name)", isDirectory: false, bytes: bytes,
                    image: ImageInfo(format: .png, width: width, height: height, byteCount: bytes))
    }

    static func pickerModel(field: String) -> (AppModel, [StudioEffect]) {
        var model = AppModel(registry: registry)
        model.workingDirectory = "/pics"
        _ = StudioUpdate.apply(.key(.function(2)), to: &model)
        model.form.mode = field == "referenceImages" ? .referenceImages : .firstLastFrame
        model.form.focus(on: model.form.fields(registry).first { $0.id == field }!, registry)
        let effects = StudioUpdate.apply(.key(.enter), to: &model)
        return (model, effects)
    }

    @Test func aCloudStorageImageIsTypedInThePicker() {
        var (model, _) = Self.pickerModel(field: "image")
        _ = StudioUpdate.apply(.directoryListed("/pics", [Self.image("a.png")]), to: &model)
        _ = StudioUpdate.apply(.key(.character("g")), to: &model)
        #expect(model.picker?.uriDraft == "gs://")
        for character in "bucket" { _ = StudioUpdate.apply(.key(.character(character)), to: &model) }
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(model.picker?.notice?.contains("gs://bucket/path/image.png") == true, "a URI without an object is refused")
        for character in "/in/first.png" { _ = StudioUpdate.apply(.key(.character(character)), to: &model) }
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(model.picker?.uriDraft == nil && model.picker?.selection.map(\.path) == ["gs://bucket/in/first.png"])
        let screen = Snapshot.text(StudioView.render(model))
        #expect(screen.contains("1. gs://bucket/in/first.png"))
        let effects = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(model.picker == nil && model.form.draft.image == "gs://bucket/in/first.png")
        #expect(effects.contains { if case .checkForm = $0 { return true } else { return false } })
    }

    @Test func ingredientsPickUpToThreeInOrderWithAStyleMark() {
        var (model, effects) = Self.pickerModel(field: "referenceImages")
        #expect(effects == [.listDirectory("/pics")])
        #expect(model.keyScope == .picker)
        let entries = [PickerEntry(name: "..", path: "/", isDirectory: true)] + ["a.png", "b.png", "c.png", "d.png"].map { Self.image($0) }
        let listed = StudioUpdate.apply(.directoryListed("/pics", entries), to: &model)
        #expect(listed.isEmpty, "the folder row has no preview")
        for _ in 0..<4 {
            let moved = StudioUpdate.apply(.key(.character("j")), to: &model)
            #expect(moved.count == 1, "moving onto an image asks for its preview")
            _ = StudioUpdate.apply(.key(.character(" ")), to: &model)
        }
        #expect(model.picker?.selection.map(\.path) == ["/pics/a.png", "/pics/b.png", "/pics/c.png"])
        #expect(model.picker?.notice?.contains("at most 3") == true)
        _ = StudioUpdate.apply(.key(.character("k")), to: &model)
        _ = StudioUpdate.apply(.key(.character("K")), to: &model)
        #expect(model.picker?.selection.map(\.path) == ["/pics/a.png", "/pics/c.png", "/pics/b.png"], "K moves c earlier")
        _ = StudioUpdate.apply(.key(.character("s")), to: &model)
        #expect(model.picker?.selection[1].kind == .style)
        let done = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(model.picker == nil)
        #expect(model.form.draft.references.map(\.kind) == [.asset, .style, .asset])
        #expect(done.contains { if case .checkForm = $0 { return true }; return false })
    }

    @Test func warningsForLargeImagesAndMismatchedFrames() throws {
        var (model, _) = Self.pickerModel(field: "lastFrame")
        model.picker?.frameToMatch = ImageInfo(format: .png, width: 1280, height: 720, byteCount: 1)
        let huge = Self.image("huge.png", bytes: 25 * 1_048_576)
        let big = Self.image("big.png", bytes: 3 * 1_048_576)
        let odd = Self.image("odd.png", width: 640, height: 640)
        let picker = try #require(model.picker)
        #expect(picker.warnings(for: huge).first?.contains("over 20 MB") == true)
        #expect(picker.warnings(for: big).first?.contains("over 1 MB") == true)
        #expect(picker.warnings(for: odd).first?.contains("1280×720") == true)
        #expect(picker.warnings(for: Self.image("fine.png")).isEmpty)
        _ = StudioUpdate.apply(.directoryListed("/pics", [huge, big, odd]), to: &model)
        _ = StudioUpdate.apply(.previewLoaded(path: "/pics/huge.png", image: nil, problem: FFmpegTool.missingMessage), to: &model)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("no preview: ffmpeg not found") })
        try Snapshot.check(StudioView.render(model), named: "picker-80x24")
        #expect(StudioUpdate.apply(.key(.character("c")), to: &model) == [.convertImage(path: "/pics/huge.png", matching: picker.frameToMatch)])
        let relist = StudioUpdate.apply(.imageConverted("/data/converted/huge-1280x720.jpg", "converted"), to: &model)
        #expect(model.picker?.selection.map(\.path) == ["/data/converted/huge-1280x720.jpg"])
        #expect(relist == [.listDirectory("/data/converted")])
        let copy = PickerEntry(name: "huge-1280x720.jpg", path: "/data/converted/huge-1280x720.jpg", isDirectory: false, bytes: 90_000,
                               image: ImageInfo(format: .jpeg, width: 1280, height: 720, byteCount: 90_000))
        _ = StudioUpdate.apply(.directoryListed("/data/converted", [PickerEntry(name: "..", path: "/data", isDirectory: true), copy]),
                               to: &model)
        #expect(model.picker?.list.selected == 1, "the picker lands on the converted copy, so Enter uses it")
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(model.picker == nil && model.form.draft.lastFrame == nil, "Esc changes nothing")
    }

    @Test func aPreviewIsDrawnInHalfBlocks() {
        var (model, _) = Self.pickerModel(field: "lastFrame")
        _ = StudioUpdate.apply(.directoryListed("/pics", [Self.image("a.png")]), to: &model)
        let red = HalfBlockImage(width: 2, height: 2, rgb: [255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255])
        _ = StudioUpdate.apply(.previewLoaded(path: "/pics/a.png", image: red, problem: nil), to: &model)
        let buffer = StudioView.render(model)
        let cells = (0..<buffer.size.height).flatMap { y in (0..<buffer.size.width).map { buffer[$0, y] } }
        #expect(cells.contains { $0.text == "▀" && $0.colors?.foreground == TerminalColor.rgb(255, 0, 0).downgraded(toColors: 256) })
    }

    @Test func operationsCancelAsksAndSaysWhetherItCanBeCharged() {
        var model = StudioScreenTests.model()
        #expect(StudioUpdate.apply(.key(.character("x")), to: &model).isEmpty)
        #expect(model.confirmation?.detail.contains("may still finish") == true)
        #expect(StudioUpdate.apply(.key(.enter), to: &model) == [.cancelJob(7)])
        #expect(StudioUpdate.apply(.key(.character("R")), to: &model).isEmpty, "a $3.20 retry asks first")
        #expect(StudioUpdate.apply(.key(.character("y")), to: &model) == [.retryJob(7)])
        #expect(StudioUpdate.apply(.key(.character("o")), to: &model).isEmpty, "a running job has no video yet")
        #expect(model.toast == "#7 is still running: o opens its video once it is done")
    }

    @Test func historyActionsAndFilters() {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [StudioScreenTests.record(5, .done, "a red fox", seconds: 90)])
        #expect(StudioUpdate.apply(.key(.character("r")), to: &model) == [.rerun(5)])
        #expect(StudioUpdate.apply(.key(.character("e")), to: &model) == [.extend(5)])
        #expect(StudioUpdate.apply(.key(.character("c")), to: &model) == [.showCurl(5)])
        #expect(StudioUpdate.apply(.key(.character("i")), to: &model) == [.showSidecar(5)])
        #expect(StudioUpdate.apply(.key(.character("d")), to: &model) == [.askDelete(5)])
        _ = StudioUpdate.apply(.deleteAsked(DeleteFacts(id: 5, files: [], children: [], inputs: 1)), to: &model)
        #expect(model.confirmation?.question == "Delete #5?")
        #expect(StudioUpdate.apply(.key(.escape), to: &model).isEmpty && model.confirmation == nil, "Esc keeps it")
        #expect(StudioUpdate.apply(.key(.character("f")), to: &model) == [.loadFilterChoices])
        #expect(StudioUpdate.apply(.key(.right), to: &model).isEmpty)
        #expect(model.journalQuery.historyFilter == HistoryFilter(mode: .textToVideo), "History asks the journal for the filter")
        _ = StudioUpdate.apply(.key(.down), to: &model)
        _ = StudioUpdate.apply(.key(.down), to: &model)
        _ = StudioUpdate.apply(.key(.down), to: &model)
        _ = StudioUpdate.apply(.key(.right), to: &model)
        #expect(model.historyFilter.status == .done)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("filter: mode Text · status done") })
        _ = StudioUpdate.apply(.key(.character("0")), to: &model)
        #expect(model.journalQuery.historyFilter == HistoryFilter())
        // The batch row: the batches the journal holds, newest first.
        _ = StudioUpdate.apply(.filterChoicesLoaded(models: [], providers: [], batches: ["b20261206-110716-42e2", "b20261205-090000-0001"]),
                               to: &model)
        _ = StudioUpdate.apply(.key(.down), to: &model)
        _ = StudioUpdate.apply(.key(.down), to: &model)
        _ = StudioUpdate.apply(.key(.right), to: &model)
        #expect(model.journalQuery.historyFilter.batch == "b20261206-110716-42e2", "\(model.journalQuery.historyFilter)")
        #expect(StudioView.render(model).textPicture.contains { $0.contains("batch b20261206-110716-42e2") })
    }

    @Test func extendShowsTheChain() {
        var model = AppModel(registry: Self.registry)
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.video = .generation(id: 5)
        _ = StudioUpdate.apply(.formPrefilled(draft, FormParent(id: 5, kind: "extend", draft: draft), replacing: false), to: &model)
        #expect(model.form.mode == .extendVideo)
        let check = FormCheck(draft: model.form.submission(Self.registry), report: ValidationReport(issues: [], spec: nil, cost: nil),
                              extensionChain: ExtensionChain(sourceID: 5, hop: 2, totalSeconds: 22, chainCostUSD: 8.8))
        _ = StudioUpdate.apply(.formChecked(check), to: &model)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("extension 2/20") && $0.contains("22 s in all") && $0.contains("$8.80") })
        #expect(!rows.contains { $0.contains("forced") }, "the chain line names the resolution the check gave, never a forced one")
    }
}

/// Help at 80×24: this screen's keys first under a heading, the shared ones after, scrolled with j/k.
struct HelpScreenTests {
    @Test func helpListsTheScreensOwnKeysFirst() throws {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(2)), to: &model)
        _ = StudioUpdate.apply(.key(.function(1)), to: &model)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("Help — Generate") })
        #expect(rows.contains { $0.contains("Ctrl-S") } && rows.contains { $0.contains("── Generate ──") })
        try Snapshot.check(StudioView.render(model), named: "help-generate-80x24")
    }
}

/// The detail pane shows the inputs as thumbnails once they are decoded.
struct DetailThumbnailTests {
    @Test func inputsAreDecodedThenDrawn() {
        var model = StudioScreenTests.model()
        var detail = GenerationDetail(record: StudioScreenTests.record(7, .done, "two ingredients", seconds: 40), outputs: [], events: [],
                                      children: [], inputs: ["referenceImages[0]: /pics/a.png (1280×720)"])
        detail.inputImagePaths = ["/assets/a.png"]
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        #expect(Readings.read(&model, detail: detail) == [.loadThumbnails(7, ["/assets/a.png"])])
        let green = HalfBlockImage(width: 4, height: 2, rgb: Array(repeating: [0, 200, 0], count: 8).flatMap { $0 })
        _ = StudioUpdate.apply(.thumbnailsLoaded(7, [green]), to: &model)
        let buffer = StudioView.render(model)
        let blocks = (0..<buffer.size.width).filter { buffer[$0, 2].text == "▀" && buffer[$0, 2].colors != nil }
        #expect(blocks.count == 4, "the thumbnail sits on the pane's first row, in its own column")
        _ = StudioUpdate.apply(.thumbnailsLoaded(99, [green]), to: &model)
        #expect(model.panel?.thumbnails.count == 1, "thumbnails of another generation are ignored")
    }
}
