import Testing
@testable import TuanThuPKI

/// `indexOf` (memchr + memcmp) against a plain search, on the cases that trip such code.
struct ByteSearchTests {
    static func naive(_ haystack: [UInt8], _ needle: [UInt8], from: Int, within limit: Int?) -> Int? {
        guard !needle.isEmpty else { return nil }
        let end = Swift.min(haystack.count, limit ?? Int.max)
        var index = Swift.max(0, from)
        while index + needle.count <= end {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    @Test func findsWhatAPlainSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        // A small alphabet makes partial matches and repeated first bytes common.
        for _ in 0..<2_000 {
            func bytes(_ count: ClosedRange<Int>) -> [UInt8] {
                (0..<Int.random(in: count, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) }
            }
            let haystack = bytes(0...40)
            let needle = bytes(1...4)
            let from = Int.random(in: -2...42, using: &generator)
            let limit: Int? = Bool.random(using: &generator) ? Int.random(in: 0...45, using: &generator) : nil
            let expected = Self.naive(haystack, needle, from: from, within: limit)
            #expect(haystack.indexOf(needle, from: from, within: limit) == expected,
                    "\(haystack) \(needle) from \(from) within \(String(describing: limit))")
        }
    }

    @Test func edges() {
        let text = Array("-----BEGIN CERTIFICATE-----".utf8)
        #expect(text.indexOf(Array("-----BEGIN ".utf8)) == 0)
        #expect(text.indexOf(Array("-----".utf8), from: 1) == 22)
        #expect(text.indexOf(Array("CERTIFICATE-----!".utf8)) == nil)
        #expect(text.indexOf(Array("BEGIN".utf8), within: 9) == nil)
        #expect(text.indexOf(Array("BEGIN".utf8), within: 10) == 5)
        #expect([UInt8]().indexOf([1]) == nil)
    }
}
