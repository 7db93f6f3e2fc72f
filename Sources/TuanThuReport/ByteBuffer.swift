/// A growable byte buffer for writers that append millions of small pieces: an append is a
/// capacity check and a copy, without the uniqueness and bounds bookkeeping of `Array.append`.
final class ByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = size
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) != nil { return }
        for byte in bytes { append(byte) }
    }

    /// Makes room for `extra` bytes at the end and has `fill` write every one of them: a piece
    /// made of several small parts is then one capacity check.
    @inline(__always)
    func appendUninitialized(count extra: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(extra)
        fill(base + count)
        count += extra
    }

    /// An integer in decimal, as `String(value)` spells it, without making the string.
    func appendDecimal(_ value: Int) {
        guard value != 0 else { append(UInt8(ascii: "0")); return }
        if value < 0 { append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { space in
            while rest > 0 {
                space[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: space.bindMemory(to: UInt8.self)[(24 - count)...]))
        }
    }

    /// `count` copies of `byte`.
    func append(repeating byte: UInt8, count extra: Int) {
        guard extra > 0 else { return }
        reserve(extra)
        (base + count).initialize(repeating: byte, count: extra)
        count += extra
    }

    /// The bytes written, in place (valid only inside `body`).
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes written, as an array.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
