import Foundation
import GRDB
import Testing
@testable import StudioCore

/// The journal's dates are GRDB's own text form, written and read without ICU.
struct StoredDateTests {
    static let moment = Date(timeIntervalSince1970: 1_764_754_380.123)

    @Test("written exactly as GRDB writes a Date, so older databases read the same")
    func sameTextAsGRDB() throws {
        #expect(StoredDate.text(Self.moment) == "2025-12-03 09:33:00.123")
        #expect(StoredDate.text(Self.moment) == String.fromDatabaseValue(Self.moment.databaseValue))
        // Milliseconds around the moment, and days from 1900 to 2150 (leap years, month ends, before 1970).
        let instants = (0..<2_000).map { Self.moment.addingTimeInterval(Double($0) * 0.013_7) }
            + (-2_000..<2_000).map { Self.moment.addingTimeInterval(Double($0) * 86_400 * 22.83 + 0.5) }
        let differing = instants
            .filter { StoredDate.text($0) != String.fromDatabaseValue($0.databaseValue) }
        #expect(differing.isEmpty, "\(differing.count) instants written differently, first \(differing.first.map(StoredDate.text) ?? "")")
    }

    @Test("ISO 8601 to the second, as ISO8601DateFormatter writes it")
    func iso8601() {
        let formatter = ISO8601DateFormatter()
        let instants = (-500..<500).map { Self.moment.addingTimeInterval(Double($0) * 86_400 * 91.37 + 0.999) }
        #expect(instants.filter { StoredDate.iso8601($0) != formatter.string(from: $0) }.isEmpty)
        #expect(StoredDate.iso8601(Self.moment) == "2025-12-03T09:33:00Z")
    }

    @Test("local time as ISO8601DateFormatter writes it in the current time zone")
    func localTime() {
        let instants = (-500..<500).map { Self.moment.addingTimeInterval(Double($0) * 86_400 * 91.37 + 0.999) }
        let differing = instants.filter {
            LocalTime.dateTime($0) != ISO8601DateFormatter.string(
                from: $0, timeZone: .current, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime])
        }
        #expect(differing.isEmpty)
        #expect(LocalTime.day(Self.moment) == ISO8601DateFormatter.string(from: Self.moment, timeZone: .current, formatOptions: [.withFullDate]))
    }

    @Test("read back to the millisecond, and the shorter forms SQLite writes")
    func readBack() throws {
        for step in -2_000..<2_000 {
            let instant = Self.moment.addingTimeInterval(Double(step) * 86_400 * 22.83 + 0.5)
            let read = try #require(StoredDate.date(from: StoredDate.text(instant).databaseValue))
            #expect(abs(read.timeIntervalSince(instant)) < 0.001, "\(StoredDate.text(instant))")
            let grdb = try #require(Date.fromDatabaseValue(StoredDate.text(instant).databaseValue))
            #expect(abs(read.timeIntervalSince(grdb)) < 1e-5, "read as GRDB reads it")
        }
        let read = try #require(StoredDate.date(from: StoredDate.text(Self.moment).databaseValue))
        #expect(abs(read.timeIntervalSince(Self.moment)) < 0.001)
        #expect(StoredDate.date(from: "2025-12-03 09:33:00".databaseValue) == Date(timeIntervalSince1970: 1_764_754_380))
        #expect(StoredDate.date(from: "2025-12-03".databaseValue) == Date(timeIntervalSince1970: 1_764_720_000))
        #expect(StoredDate.date(from: 1_764_754_380.databaseValue) == Date(timeIntervalSince1970: 1_764_754_380))
        #expect(StoredDate.date(from: "yesterday".databaseValue) == nil)
        #expect(StoredDate.date(from: DatabaseValue.null) == nil)
    }
}
