/// Eight bytes of text tested at once (the "has less than" and "has zero byte" bit tricks): the
/// escapes of JSON strings and Markdown cells, the control-character check, the YAML readers and
/// `NestingGuard` skip the runs of bytes that need nothing. The tests are exact for "some byte
/// is"; bytes of multi-byte UTF-8 (0x80 and above) never match.
public enum WordScan {
    /// Nonzero when a byte of `word` is a control character (below 0x20).
    @inlinable @inline(__always)
    public static func controls(_ word: UInt64) -> UInt64 {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
    }

    /// Nonzero when a byte of `word` is `byte`.
    @inlinable @inline(__always)
    public static func matches(_ byte: UInt8, _ word: UInt64) -> UInt64 {
        let difference = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (difference &- 0x0101_0101_0101_0101) & ~difference & 0x8080_8080_8080_8080
    }

    /// Where the scan of the `count` bytes at `start` must look byte by byte, from `index`: the
    /// first word in which `dirty` finds something, or `count` when none does. The last few bytes
    /// (most of a short text) are one word padded with spaces, for a scan that does not look for
    /// spaces (the escapes of JSON strings and Markdown cells).
    @inlinable @inline(__always)
    public static func skipClean(_ start: UnsafePointer<UInt8>, count: Int, from index: Int,
                                 _ dirty: (UInt64) -> Bool) -> Int {
        var index = index
        while index + 8 <= count {
            if dirty(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)) { return index }
            index += 8
        }
        return index < count && !dirty(tail(start + index, count: count - index)) ? count : index
    }

    /// The `count` (fewer than eight) bytes at `start` as a word, padded with spaces.
    @usableFromInline @inline(__always)
    static func tail(_ start: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var word: UInt64 = 0x2020_2020_2020_2020
        withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: start, byteCount: count) }
        return word
    }

    /// Nonzero when a byte of `word` is 0x80 or above (part of a multi-byte UTF-8 character).
    @inlinable @inline(__always)
    public static func nonASCII(_ word: UInt64) -> UInt64 {
        word & 0x8080_8080_8080_8080
    }
}
