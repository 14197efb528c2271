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
        let differing = (0..<2_000).map { Self.moment.addingTimeInterval(Double($0) * 0.013_7) }
            .filter { StoredDate.text($0) != String.fromDatabaseValue($0.databaseValue) }
        #expect(differing.isEmpty, "\(differing.count) instants written differently, first \(differing.first.map(StoredDate.text) ?? "")")
    }

    @Test("read back to the millisecond, and the shorter forms SQLite writes")
    func readBack() throws {
        let read = try #require(StoredDate.date(from: StoredDate.text(Self.moment).databaseValue))
        #expect(abs(read.timeIntervalSince(Self.moment)) < 0.001)
        #expect(StoredDate.date(from: "2025-12-03 09:33:00".databaseValue) == Date(timeIntervalSince1970: 1_764_754_380))
        #expect(StoredDate.date(from: "2025-12-03".databaseValue) == Date(timeIntervalSince1970: 1_764_720_000))
        #expect(StoredDate.date(from: 1_764_754_380.databaseValue) == Date(timeIntervalSince1970: 1_764_754_380))
        #expect(StoredDate.date(from: "yesterday".databaseValue) == nil)
        #expect(StoredDate.date(from: DatabaseValue.null) == nil)
    }
}
