import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Dates as stored")
struct StoredDateTests {
    @Test("a date is written exactly as GRDB writes it, rounding to the millisecond included, 1970 to 9999 and past either end")
    func sameAsGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 4_102_444_799.9996),
                             Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -12_219_292_800), Date(timeIntervalSince1970: 253_402_300_799.999),
                             Date(timeIntervalSince1970: 253_402_300_800), Date.distantPast, Date.distantFuture]
        for index in 0..<20_000 {
            let seconds = Double.random(in: 0..<4_102_444_800, using: &generator)
            // Whole milliseconds, a hair either side of them, and any fraction.
            let whole = (seconds * 1000).rounded() / 1000
            dates.append(Date(timeIntervalSince1970: [seconds, whole, whole + 0.0004999, whole - 0.0005001][index % 4]))
        }
        for date in dates {
            #expect(StoredDate(date).databaseValue == date.databaseValue, "\(date.timeIntervalSince1970)")
        }
    }
}
