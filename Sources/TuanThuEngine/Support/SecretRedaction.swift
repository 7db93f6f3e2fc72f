import Foundation

/// Private key material pasted into a text the workspace holds (a control's note, an evidence
/// line) is withheld the moment it is read: every string of the inventory passes here, so no report,
/// annotation, terminal line or history row can carry the key. The file itself is still found and
/// reported by INV.PRIVATE-KEY, which reads its bytes.
enum SecretRedaction {
    static let placeholder = "[khóa bí mật đã được ẩn / private key withheld]"
    private static let marker = Array("PRIVATE KEY-----".utf8)

    /// Whether `bytes` may hold a PEM or OpenSSH private key block (`-----BEGIN … PRIVATE KEY-----`).
    static func mayHoldKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= marker.count, let base = bytes.baseAddress else { return false }
        // memchr finds each candidate first byte, memcmp checks the rest: a scalar is read once.
        return marker.withUnsafeBufferPointer { pattern -> Bool in
            guard let wanted = pattern.baseAddress else { return false }
            let last = bytes.count - pattern.count
            var index = 0
            while index <= last {
                guard let hit = memchr(base + index, Int32(wanted[0]), last - index + 1) else { return false }
                let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if memcmp(base + position, wanted, pattern.count) == 0 { return true }
                index = position + 1
            }
            return false
        }
    }

    /// `text` with every private key block replaced by the placeholder: from its BEGIN line to its END
    /// line, or to the end of the text when the block is cut.
    static func redact(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let begin = rest.range(of: "-----BEGIN ") {
            guard let header = rest[begin.upperBound...].range(of: "-----"),
                  rest[begin.upperBound..<header.lowerBound].hasSuffix("PRIVATE KEY"),
                  !rest[begin.upperBound..<header.lowerBound].contains("\n") else {
                result += rest[..<begin.upperBound]
                rest = rest[begin.upperBound...]
                continue
            }
            result += rest[..<begin.lowerBound] + placeholder
            let body = rest[header.upperBound...]
            if let end = body.range(of: "-----END "), let close = body[end.upperBound...].range(of: "-----") {
                rest = body[close.upperBound...]
            } else {
                rest = ""
            }
        }
        return result + rest
    }
}
