import TuanThuPKI

/// A calendar date without time zone, the unit of every legal deadline.
///
/// Dates are compared and shifted by their day ordinal, never through `Date()`, so that
/// an audit at a fixed `--as-of` is deterministic.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when it does not exist (e.g. 2023-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses strict ISO 8601 `YYYY-MM-DD`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        Timestamp.daysIn(month: month, year: year)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var ordinal: Int { Timestamp.daysFromCivil(year: year, month: month, day: day) }

    public init(ordinal: Int) {
        (year, month, day) = Timestamp.civil(fromDays: ordinal)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday).
    public var weekday: Int { ((ordinal % 7) + 7 + 4) % 7 }

    /// The public holidays on fixed solar dates (1/1, 30/4, 1/5, 2/9). The lunar ones (Tết, the Hùng
    /// Kings' day) and the day next to 2/9 move from year to year and are not counted.
    public var isFixedPublicHoliday: Bool {
        (month == 1 && day == 1) || (month == 4 && day == 30) || (month == 5 && day == 1) || (month == 9 && day == 2)
    }

    /// Working days after this day up to and including `end`: Monday to Friday, less the fixed-date
    /// public holidays.
    public func workingDays(until end: Day) -> Int {
        guard end > self else { return 0 }
        let span = end.ordinal - ordinal
        var count = span / 7 * 5
        for offset in stride(from: span / 7 * 7 + 1, through: span, by: 1)
        where (1...5).contains(adding(days: offset).weekday) {
            count += 1
        }
        for year in max(1, self.year)...end.year {
            for (month, day) in [(1, 1), (4, 30), (5, 1), (9, 2)] {
                guard let holiday = Day(year: year, month: month, day: day) else { continue }
                if holiday > self, holiday <= end, (1...5).contains(holiday.weekday) { count -= 1 }
            }
        }
        return count
    }

    /// Vietnam's offset from UTC: Asia/Ho_Chi_Minh keeps UTC+7 all year, with no daylight saving.
    public static let vietnamOffsetSeconds: Int64 = 7 * 3600

    /// The date in Vietnam at an instant, whatever the machine's time zone: an audit run at
    /// 23:30 UTC is already the next day in Hà Nội.
    public init(inVietnamAt instant: Timestamp) {
        let local = instant.seconds + Day.vietnamOffsetSeconds
        self.init(ordinal: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    /// Adds calendar months, clamping the day to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        let d = min(day, Day.daysIn(month: m, year: y))
        return Day(year: y, month: m, day: d) ?? self
    }

    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public var description: String { text(year, 4, UInt8(ascii: "-"), month, 2, UInt8(ascii: "-"), day, 2) }

    /// `dd/mm/yyyy`, the way Vietnamese documents write dates.
    public var vietnamese: String { text(day, 2, UInt8(ascii: "/"), month, 2, UInt8(ascii: "/"), year, 4) }

    /// Three zero-padded numbers and two separators, without formatting machinery (reports write
    /// a date for every plan item).
    private func text(_ a: Int, _ aWidth: Int, _ first: UInt8, _ b: Int, _ bWidth: Int, _ second: UInt8, _ c: Int,
                      _ cWidth: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(aWidth + bWidth + cWidth + 2)
        func append(_ value: Int, _ width: Int) {
            // At least `width` digits; more when the value has more (a year past 9999, reached by
            // adding days to a late date).
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while value / divisor >= 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        append(a, aWidth)
        bytes.append(first)
        append(b, bWidth)
        bytes.append(second)
        append(c, cWidth)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid date '\(text)'")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
