import Foundation
import StudioCore
import TermUI

/// Keys and answers of the image picker.
enum PickerUpdate {
    /// Opens the picker for an image field, starting beside the current choice (else the working folder).
    static func open(for field: FormFieldEntry, _ model: inout AppModel) -> [StudioEffect] {
        guard let target = ImagePicker.Target(rawValue: field.id) else { return [] }
        let draft = model.form.draft
        let selection: [ReferenceImageInput]
        switch target {
        case .image: selection = draft.image.map { [ReferenceImageInput(path: $0)] } ?? []
        case .lastFrame: selection = draft.lastFrame.map { [ReferenceImageInput(path: $0)] } ?? []
        case .referenceImages: selection = draft.references
        }
        let start = selection.first.map { ($0.path as NSString).deletingLastPathComponent } ?? model.workingDirectory
        model.picker = ImagePicker(target: target, directory: start.isEmpty ? model.workingDirectory : start, selection: selection,
                                   frameToMatch: target == .lastFrame ? model.form.check?.images["image"] : nil)
        return [.listDirectory(model.picker?.directory ?? model.workingDirectory)]
    }

    static func apply(_ message: StudioMessage, to model: inout AppModel) -> [StudioEffect] {
        guard var picker = model.picker else { return [] }
        defer { if model.picker != nil { model.picker = picker } }
        switch message {
        case .directoryListed(let directory, let entries):
            picker.directory = directory
            picker.showingLibrary = false
            picker.entries = entries
            picker.list = ListState()
            // Land on a chosen image when the folder has one (after a conversion: the new copy).
            if let index = entries.firstIndex(where: { entry in picker.selection.contains { $0.path == entry.path } }) {
                picker.list.select(index, count: entries.count, height: PickerView.listHeight(model.size))
            }
            return previewEffect(&picker, model)
        case .libraryLoaded(let entries):
            picker.showingLibrary = true
            picker.entries = entries
            picker.list = ListState()
            if entries.isEmpty { picker.notice = "the library is empty: images you submit are kept there" }
            return previewEffect(&picker, model)
        case .previewLoaded(let path, let image, let problem):
            guard picker.highlighted?.path == path else { return [] }
            if let image { picker.preview = .image(path, image) } else { picker.preview = .unavailable(path, problem ?? "no preview") }
        case .imageConverted(let path, let text):
            picker.notice = text
            if let path {
                let converted = ReferenceImageInput(path: path)
                if let highlighted = picker.highlighted, let index = picker.selection.firstIndex(where: { $0.path == highlighted.path }) {
                    picker.selection[index].path = path
                } else if !picker.allowsMany {
                    picker.selection = [converted]
                } else if picker.selection.count < ImagePicker.maxAssets {
                    picker.selection.append(converted)
                }
                return [.listDirectory((path as NSString).deletingLastPathComponent)]
            }
        default:
            break
        }
        return []
    }

    static func handle(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        guard var picker = model.picker else { return [] }
        if picker.uriDraft != nil {
            typeURI(key, &picker)
            model.picker = picker
            return []
        }
        let binding = StudioKeymap.table.binding(for: key, in: .picker, inTextField: false)
        let height = PickerView.listHeight(model.size)
        var effects: [StudioEffect] = []
        switch binding?.id {
        case "quit":
            model.picker = picker
            return StudioUpdate.askToQuit(&model)
        case "back":
            model.picker = nil
            model.toast = "picker closed: nothing changed"
            return []
        case let id? where id.hasPrefix("list."): _ = picker.list.apply(bindingID: id, count: picker.entries.count, height: height)
        case "picker.parent":
            guard !picker.showingLibrary else { break }
            model.picker = picker
            return [.listDirectory((picker.directory as NSString).deletingLastPathComponent)]
        case "picker.toggle":
            if let entry = picker.highlighted, !entry.isDirectory { picker.toggle(entry) }
        case "picker.style":
            if let refusal = model.form.check?.styleRefusal {
                // The reason without its quoted service text, so it fits the notice line.
                let reason = refusal.firstRange(of: " (").map { String(refusal[..<$0.lowerBound]) } ?? refusal
                picker.notice = "no style image here — \(reason)"
            } else if let entry = picker.highlighted {
                picker.toggleStyle(entry)
            }
        case "picker.reorder_up":
            if let entry = picker.highlighted { picker.reorder(entry, by: -1) }
        case "picker.reorder_down":
            if let entry = picker.highlighted { picker.reorder(entry, by: 1) }
        case "picker.library":
            model.picker = picker
            return picker.showingLibrary ? [.listDirectory(picker.directory)] : [.loadLibrary]
        case "picker.uri":
            picker.uriDraft = "gs://"
            picker.notice = nil
        case "picker.convert":
            guard let entry = picker.highlighted, !entry.isDirectory else { break }
            picker.notice = "converting \(entry.name) with ffmpeg…"
            let match = picker.target == .lastFrame ? picker.frameToMatch : nil
            effects = [.convertImage(path: entry.path, matching: match)]
        case "picker.done":
            if let entry = picker.highlighted, entry.isDirectory {
                model.picker = picker
                return [.listDirectory(entry.path)]
            }
            if picker.selection.isEmpty, let entry = picker.highlighted { picker.toggle(entry) }
            guard !picker.selection.isEmpty || picker.notice == nil else { break }
            choose(picker, &model)
            return [.checkForm(model.form.submission(model.registry))]
        default:
            break
        }
        if picker.highlighted?.path != model.picker?.highlighted?.path { effects += previewEffect(&picker, model) }
        model.picker = picker
        return effects
    }

    /// Keys while a `gs://` URI is typed: text, Backspace, Enter adds it, Escape drops it.
    private static func typeURI(_ key: Key, _ picker: inout ImagePicker) {
        switch key {
        case .character(let character): picker.uriDraft?.append(character)
        case .backspace: if picker.uriDraft?.isEmpty == false { picker.uriDraft?.removeLast() }
        case .enter: picker.addTypedURI()
        case .escape:
            picker.uriDraft = nil
            picker.notice = nil
        default: break
        }
    }

    /// Puts the picked images into the form and closes the picker.
    static func choose(_ picker: ImagePicker, _ model: inout AppModel) {
        switch picker.target {
        case .image: model.form.draft.image = picker.selection.first?.path
        case .lastFrame: model.form.draft.lastFrame = picker.selection.first?.path
        case .referenceImages: model.form.draft.references = picker.selection
        }
        model.picker = nil
        model.form.touched.insert(model.form.mode)
        let names = picker.selection.map { chosen in
            picker.entries.first { $0.path == chosen.path }?.name ?? InputLoader.displayName(chosen.path)
        }
        model.toast = names.isEmpty ? "\(picker.target.title): none" : "\(picker.target.title): \(names.joined(separator: ", "))"
    }

    /// Asks for the highlighted image's preview; a file that is not an image says so at once.
    static func previewEffect(_ picker: inout ImagePicker, _ model: AppModel) -> [StudioEffect] {
        guard let entry = picker.highlighted, !entry.isDirectory else { return [] }
        guard let image = entry.image else {
            picker.preview = .unavailable(entry.path, "no preview: not a JPEG, PNG or WebP image")
            return []
        }
        return [.loadPreview(path: entry.path, pixels: Size(width: image.width, height: image.height), cells: model.previewCells)]
    }
}
