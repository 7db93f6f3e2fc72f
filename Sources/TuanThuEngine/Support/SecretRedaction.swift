import Foundation
import TuanThuPKI

/// Private key material pasted into a text the workspace holds (a control's note, an evidence
/// line) is withheld the moment it is read: every string of the inventory passes here, so no report,
/// annotation, terminal line or history row can carry the key. The file itself is still found and
/// reported by INV.PRIVATE-KEY, which reads its bytes. `PEM.mayHoldPrivateKey` tells which texts
/// need this.
enum SecretRedaction {
    static let placeholder = "[khóa bí mật đã được ẩn / private key withheld]"

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
