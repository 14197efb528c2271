import Foundation
import GRDB

/// How the journal writes and reads its timestamps: GRDB's own text form,
/// `yyyy-MM-dd HH:mm:ss.SSS` in UTC, so databases written before stay readable as they are.
///
/// GRDB's default conversion goes through a `DateFormatter` and a `Calendar` with an
/// `en_US_POSIX` locale, which load ICU's locale data (about 5 MB resident in every process that
/// touches the journal). This form goes through `Date.ISO8601FormatStyle`, which needs no ICU.
public enum StoredDate {
    /// The fields GRDB writes: date, a space, time with milliseconds, no zone (always UTC).
    static let style = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!)
        .year().month().day().dateSeparator(.dash)
        .dateTimeSeparator(.space)
        .time(includingFractionalSeconds: true).timeSeparator(.colon)

    /// The text stored for a date, rounded to the millisecond as GRDB rounds it (the style
    /// truncates, so the rounded instant is nudged a quarter millisecond past its boundary).
    public static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return style.format(Date(timeIntervalSince1970: milliseconds / 1000 + 0.000_25))
    }

    /// A stored date: the text form (with or without milliseconds or time, as SQLite writes them),
    /// or a number of seconds since 1970.
    public static func date(from value: DatabaseValue) -> Date? {
        switch value.storage {
        case .string(let text):
            return parse(text)
        case .int64(let seconds):
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        case .double(let seconds):
            return Date(timeIntervalSince1970: seconds)
        default:
            return nil
        }
    }

    static func parse(_ text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        let seconds = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!)
            .year().month().day().dateSeparator(.dash).dateTimeSeparator(.space).time(includingFractionalSeconds: false)
        if let date = try? seconds.parse(text) { return date }
        let day = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!).year().month().day().dateSeparator(.dash)
        return try? day.parse(text)
    }

}

/// A journal record whose dates are written and read as `StoredDate`.
public protocol StoredDateRecord: EncodableRecord, FetchableRecord {}

extension StoredDateRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { StoredDate.text($0) }
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { StoredDate.date(from: $0) }
    }
}
