import Foundation

/// The film's sidecar JSON (`film.json` beside `film.mp4`, as every video's): the film's hash, length and how it was joined, and every
/// shot with its generation, take, in and out points, provider, model and cost.
public enum FilmSidecar {
    /// The sidecar's content.
    public static func json(_ film: FilmResult, storyboard: StoryboardRecord?) -> JSONValue {
        var object: [String: JSONValue] = [
            "film": .object([
                "path": .string(film.path), "sha256": .string(film.sha256), "duration_seconds": .number(film.seconds),
                "width": .number(Double(film.width)), "height": .number(Double(film.height)),
                "method": .string(film.method), "crossfade_seconds": .number(film.crossfadeSeconds),
            ]),
            "shots": .array(film.placements.enumerated().map { offset, placement in
                let clip = placement.clip
                var shot: [String: JSONValue] = [
                    "index": .number(Double(clip.shot ?? offset + 1)),
                    "in": .number(rounded(placement.filmIn)), "out": .number(rounded(placement.filmOut)),
                    "source_in": .number(rounded(placement.sourceIn)), "source_out": .number(rounded(placement.sourceOut)),
                ]
                if let id = clip.generationID { shot["generation"] = .number(Double(id)) }
                if let source = placement.sourceGenerationID, source != clip.generationID { shot["frames_from_generation"] = .number(Double(source)) }
                if let take = clip.take { shot["take"] = .number(Double(take)) }
                if let provider = clip.provider { shot["provider"] = .string(provider) }
                if let model = clip.model { shot["model"] = .string(model) }
                shot["cost_usd"] = clip.costUSD.map { .number(($0 * 100).rounded() / 100) } ?? .null
                return .object(shot)
            }),
        ]
        if let reason = film.reencodeReason { object["reencode_reason"] = .string(reason) }
        if let storyboard {
            object["storyboard"] = .string(storyboard.id)
            object["title"] = .string(storyboard.title)
        }
        return .object(object)
    }

    /// Writes the sidecar beside the film (written whole, then renamed).
    public static func write(_ film: FilmResult, storyboard: StoryboardRecord?) throws {
        let writer = try AtomicFileWriter(destination: SidecarWriter.sidecarURL(for: URL(fileURLWithPath: film.path)))
        try writer.write(Data(json(film, storyboard: storyboard).encodedString(pretty: true).utf8))
        _ = try writer.commit()
    }

    /// A film's file name from its title (letters, digits and dashes).
    public static func fileName(title: String) -> String {
        let slug = title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { text, character in
            if character != "-" || text.last != "-" { text.append(character) }
        }.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return (slug.isEmpty ? "film" : String(slug.prefix(60))) + ".mp4"
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
