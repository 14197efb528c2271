extension GenerationSpec {
    /// What a child (re-run, retry) changed against its parent, as `GenerationDraft.differences` says
    /// it, with inputs compared by their content: a re-run names the journal's copy of an image, not
    /// the file first picked, and that is no change. Each input shows as its original file name.
    public func differences(from parent: GenerationSpec) -> [(field: String, before: JSONValue?, after: JSONValue?)] {
        func inputs(_ spec: GenerationSpec) -> [String: JSONValue] {
            func name(_ media: MediaRef) -> String {
                media.gcsUri ?? String(media.originalPath.split(separator: "/").last ?? "") + " (" + String(media.sha256.prefix(8)) + ")"
            }
            var values: [String: JSONValue] = [:]
            if let image = spec.image { values["image"] = .string(name(image)) }
            if let last = spec.lastFrame { values["lastFrame"] = .string(name(last)) }
            if !spec.references.isEmpty {
                values["referenceImages"] = .array(spec.references.map { .string(name($0.media) + ($0.kind == .style ? " style" : "")) })
            }
            if case .local(let media)? = spec.video { values["video"] = .string(name(media)) }
            return values
        }
        let inputFields: Set<String> = ["image", "lastFrame", "referenceImages", "video"]
        var mine = draft.parameterValues.filter { !inputFields.contains($0.key) }
        var theirs = parent.draft.parameterValues.filter { !inputFields.contains($0.key) }
        mine.merge(inputs(self)) { $1 }
        theirs.merge(inputs(parent)) { $1 }
        if case .remote(let uri, _)? = video { mine["video"] = .string(uri) }
        if case .remote(let uri, _)? = parent.video { theirs["video"] = .string(uri) }
        return Set(mine.keys).union(theirs.keys).sorted().compactMap { key in
            mine[key] == theirs[key] ? nil : (key, theirs[key], mine[key])
        }
    }
}
