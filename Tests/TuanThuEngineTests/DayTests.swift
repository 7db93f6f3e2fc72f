import Testing
@testable import TuanThuEngine
import TuanThuPKI

struct DayTests {
    @Test func parsesStrictISODates() {
        #expect(Day(iso: "2026-07-01")?.description == "2026-07-01")
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-7-1") == nil)
        #expect(Day(iso: "2026-07-01T00:00") == nil)
        #expect(Day(iso: "２026-07-01") == nil)
    }

    @Test func ordinalRoundTrips() {
        for text in ["1970-01-01", "2000-02-29", "2016-07-01", "2099-12-31"] {
            let day = Fixtures.day(text)
            #expect(Day(ordinal: day.ordinal) == day)
        }
        #expect(Fixtures.day("1970-01-02").ordinal == 1)
    }

    @Test func addingMonthsClampsToTheEndOfShorterMonths() {
        #expect(Fixtures.day("2025-01-31").adding(months: 1) == Fixtures.day("2025-02-28"))
        #expect(Fixtures.day("2024-01-31").adding(months: 1) == Fixtures.day("2024-02-29"))
        #expect(Fixtures.day("2025-05-20").adding(months: 12) == Fixtures.day("2026-05-20"))
        #expect(Fixtures.day("2025-11-15").adding(months: 6) == Fixtures.day("2026-05-15"))
    }

    @Test func vietnameseFormIsDayMonthYear() {
        #expect(Fixtures.day("2026-06-10").vietnamese == "10/06/2026")
        #expect(Day(year: 7, month: 1, day: 9)?.vietnamese == "09/01/0007")
        #expect(Day(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
        #expect(Day(year: 305, month: 10, day: 20)?.description == "0305-10-20")
        // Adding days to a late date can pass year 9999: all digits are kept.
        let late = Day(year: 9999, month: 12, day: 31)?.adding(days: 36_500)
        #expect(late?.description == "10099-12-06")
        #expect(late?.vietnamese == "06/12/10099")
    }

    @Test func todayIsTheDateInVietnamWhateverTheMachineZone() throws {
        func vietnam(_ iso: String) throws -> String {
            Day(inVietnamAt: try #require(Timestamp(iso: iso))).description
        }
        // UTC+7: the Vietnamese day starts at 17:00 UTC of the day before.
        #expect(try vietnam("2026-12-01T16:59:59Z") == "2026-12-01")
        #expect(try vietnam("2026-12-01T17:00:00Z") == "2026-12-02")
        #expect(try vietnam("2026-12-01T23:30:00Z") == "2026-12-02")
        #expect(try vietnam("2026-12-02T00:30:00+07:00") == "2026-12-02")
        #expect(try vietnam("2026-12-31T17:00:00Z") == "2027-01-01")
        #expect(try vietnam("1969-12-31T16:59:59Z") == "1969-12-31")
        #expect(try vietnam("1969-12-31T17:00:00Z") == "1970-01-01")
    }

    @Test func workingDaysSkipWeekendsAndFixedHolidays() {
        // Friday 25/09/2026 to Tuesday 06/10/2026: seven working days.
        #expect(Fixtures.day("2026-09-25").workingDays(until: Fixtures.day("2026-10-06")) == 7)
        #expect(Fixtures.day("2026-10-06").workingDays(until: Fixtures.day("2026-09-25")) == 0)
        #expect(Fixtures.day("2026-09-05").weekday == 6, "a Saturday")
        // 30/04 and 01/05/2026 fall on Thursday and Friday: a week with two holidays has three working days.
        #expect(Fixtures.day("2026-04-26").workingDays(until: Fixtures.day("2026-05-02")) == 3)
        // 02/09/2026 is a Wednesday.
        #expect(Fixtures.day("2026-08-31").workingDays(until: Fixtures.day("2026-09-04")) == 3)
        // A long span is counted without walking every day.
        #expect(Fixtures.day("0001-01-01").workingDays(until: Fixtures.day("9999-12-31")) > 2_500_000)
    }
}
