import Foundation
import GRDB

/// How the journal writes and reads its timestamps: GRDB's own text form,
/// `yyyy-MM-dd HH:mm:ss.SSS` in UTC, so databases written before stay readable as they are.
///
/// GRDB's default conversion goes through a `DateFormatter` and a `Calendar`, and every
/// Foundation calendar asks ICU for the current time zone and locale: about 5 MB of ICU data
/// resident in every process that touches the journal. A UTC timestamp needs none of it: the
/// text is parsed by GRDB (`DatabaseDateComponents`) and the day count is plain arithmetic on
/// the proleptic Gregorian calendar.
public enum StoredDate {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The text stored for a date, rounded to the millisecond as GRDB rounds it.
    public static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = milliseconds >= 0 ? milliseconds / millisecondsPerDay : (milliseconds + 1) / millisecondsPerDay - 1
        let ofDay = milliseconds - days * millisecondsPerDay
        let (year, month, day) = civil(days: days)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2)) "
            + "\(padded(ofDay / 3_600_000, 2)):\(padded(ofDay / 60_000 % 60, 2)):\(padded(ofDay / 1000 % 60, 2))"
            + ".\(padded(ofDay % 1000, 3))"
    }

    /// The instant as ISO 8601 in UTC to the second (`2026-12-03T09:33:00Z`), as
    /// `ISO8601DateFormatter` writes it by default: for JSON output, sidecars and log lines.
    public static func iso8601(_ date: Date) -> String {
        text(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))).prefix(19)
            .replacingOccurrences(of: " ", with: "T") + "Z"
    }

    /// A stored date: any date text SQLite writes (with or without time or milliseconds), or a
    /// number of seconds since 1970.
    public static func date(from value: DatabaseValue) -> Date? {
        if let parsed = DatabaseDateComponents.fromDatabaseValue(value) {
            let components = parsed.dateComponents
            guard let year = components.year, let month = components.month,
                  let day = components.day else { return nil }
            let days = Self.days(year: Int64(year), month: Int64(month), day: Int64(day))
            let seconds = Double(days * 86_400 + Int64((components.hour ?? 0) * 3600 + (components.minute ?? 0) * 60
                                                       + (components.second ?? 0)))
            return Date(timeIntervalSince1970: seconds + Double(components.nanosecond ?? 0) / 1e9)
        }
        return Double.fromDatabaseValue(value).map(Date.init(timeIntervalSince1970:))
    }

    /// Days since 1970-01-01 of a Gregorian date (H. Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
