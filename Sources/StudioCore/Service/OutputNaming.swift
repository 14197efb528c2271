import Foundation

/// Where a generation's videos go: `media/YYYY-MM-DD/veo-<id>-<prompt words>[-<n>].mp4`.
public enum OutputNaming {
    public static func url(media: URL, record: GenerationRecord, sample: Int, sampleCount: Int, date: Date) -> URL {
        let day = LocalTime.day(date)
        let words = record.prompt.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .prefix(5)
            .joined(separator: "-")
        let slug = String(words.prefix(40))
        var name = "veo-\(record.id ?? 0)"
        if !slug.isEmpty { name += "-\(slug)" }
        if sampleCount > 1 { name += "-\(sample + 1)" }
        return media.appendingPathComponent(day).appendingPathComponent("\(name).mp4")
    }
}
