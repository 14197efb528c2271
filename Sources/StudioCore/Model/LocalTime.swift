import Foundation

/// Dates in the machine's local time, from the C library's `localtime_r`: Foundation's time
/// zones would load ICU's zone data into every job's process just to name a day.
public enum LocalTime {
    /// `YYYY-MM-DD`, the local calendar day.
    public static func day(_ date: Date) -> String {
        String(dateTime(date).prefix(10))
    }

    /// `YYYY-MM-DDTHH:MM:SS`, local, to the second.
    public static func dateTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return String(StoredDate.iso8601(date).dropLast()) }
        func padded(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(padded(parts.tm_mon + 1))-\(padded(parts.tm_mday))"
            + "T\(padded(parts.tm_hour)):\(padded(parts.tm_min)):\(padded(parts.tm_sec))"
    }
}
