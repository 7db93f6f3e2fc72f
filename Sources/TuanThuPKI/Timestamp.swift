import COpenSSL
import Foundation

/// An instant in UTC, to the second: the validation time of every certificate check.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// Parses `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDTHH:MM:SSZ` or with a `±HH:MM` offset.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if bytes.count > 10 {
            guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58, bytes[16] == 58,
                  let h = number(11..<13), let m = number(14..<16), let s = number(17..<19),
                  h < 24, m < 60, s < 60 else { return nil }
            (hour, minute, second) = (h, m, s)
            let zone = Array(bytes[19...])
            if zone == [90] || zone.isEmpty {
                offset = 0
            } else if zone.count == 6, zone[0] == 43 || zone[0] == 45, zone[3] == 58,
                      let oh = number(20..<22), let om = number(23..<25), oh < 24, om < 60 {
                offset = (oh * 60 + om) * 60 * (zone[0] == 45 ? -1 : 1)
            } else {
                return nil
            }
        }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    /// Converts an ASN.1 time from a certificate, CRL or signed attribute.
    init?(_ time: UnsafePointer<ASN1_TIME>?) {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        let days = Timestamp.daysFromCivil(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1,
                                           day: Int(parts.tm_mday))
        seconds = Int64(days) * 86_400 + Int64(parts.tm_hour) * 3600 + Int64(parts.tm_min) * 60 + Int64(parts.tm_sec)
    }

    public func adding(days: Int) -> Timestamp { Timestamp(seconds: seconds + Int64(days) * 86_400) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// `2026-12-01T00:00:00Z`.
    public var description: String { text(withTime: true) }

    /// The date part, `2026-12-01`.
    public var dateText: String { text(withTime: false) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, or its first ten characters. Reports print thousands of these: the
    /// characters are put in place instead of joining a dozen strings.
    private func text(withTime: Bool) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        guard (0...9999).contains(year) else {
            // Years of other widths are padded as text (no certificate has them).
            let text = "\(pad(year, 4))-\(pad(month))-\(pad(day))"
                + "T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
            return withTime ? text : String(text.prefix(10))
        }
        let fields = [(year, 4, UInt8(ascii: "-")), (month, 2, UInt8(ascii: "-")), (day, 2, UInt8(ascii: "T")),
                      (rest / 3600, 2, UInt8(ascii: ":")), (rest / 60 % 60, 2, UInt8(ascii: ":")),
                      (rest % 60, 2, UInt8(ascii: "Z"))]
        let length = withTime ? 20 : 10
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            for (value, width, separator) in fields where index < length {
                var rest = value
                for position in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
                if index < length { buffer[index] = separator }
                index += 1
            }
            return length
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid time '\(text)'")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a calendar date (proleptic Gregorian).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The calendar date (year, month, day) of a day count since 1970-01-01.
    public static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
