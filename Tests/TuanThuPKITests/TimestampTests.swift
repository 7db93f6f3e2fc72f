import Testing
@testable import TuanThuPKI

struct TimestampTests {
    /// The text as it was first made, joining padded numbers: the oracle for the text put in place.
    static func joined(_ time: Timestamp) -> String {
        let days = Int(time.seconds >= 0 ? time.seconds / 86_400 : (time.seconds - 86_399) / 86_400)
        let rest = Int(time.seconds - Int64(days) * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    @Test func textIsTheJoinedText() {
        var seconds: [Int64] = [0, 1, 59, 60, 3_599, 3_600, 86_399, 86_400, -1, -86_400, -86_401, 951_782_400,
                                1_798_761_599, 253_402_300_799, 253_402_300_800, -62_167_219_200, -62_167_219_201]
        var value: Int64 = -2_208_988_800
        while value < 4_102_444_800 {
            seconds.append(value)
            value += 7_777_777
        }
        for second in seconds {
            let time = Timestamp(seconds: second)
            let expected = Self.joined(time)
            #expect(time.description == expected)
            #expect(time.dateText == String(expected.prefix(10)))
        }
    }
}
