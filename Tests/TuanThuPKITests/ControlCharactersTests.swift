import Testing
import TuanThuPKI

/// Control characters found at every position of an eight-byte word, next to multi-byte UTF-8, and
/// never where there are none (issue 20).
struct ControlCharactersTests {
    @Test func foundAtEveryPositionAndOnlyThere() {
        let base = Array("Quyết định phê duyệt cấp độ © ABCDEFGHIJ\tline\r\n".unicodeScalars)
        #expect(!ControlCharacters.contains(String(String.UnicodeScalarView(base))), "tab, CR, LF and © are fine")
        for special: Unicode.Scalar in ["\u{0}", "\u{1B}", "\u{7}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9B}", "\u{9F}"] {
            for position in 0...base.count {
                var scalars = String.UnicodeScalarView()
                scalars.append(contentsOf: base[..<position])
                scalars.append(special)
                scalars.append(contentsOf: base[position...])
                let text = String(scalars)
                #expect(ControlCharacters.contains(text), "\(special.value) at \(position)")
                let hex = String(special.value, radix: 16, uppercase: true)
                let shown = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                #expect(ControlCharacters.escaped(text) == text.replacingOccurrences(of: String(special), with: shown))
                #expect(!ControlCharacters.contains(ControlCharacters.escaped(text)))
            }
        }
        for scalar: Unicode.Scalar in ["\u{A0}", "\u{A9}", "\u{C2}", "\u{1EA1}", "\u{FEFF}"] {
            #expect(!ControlCharacters.contains(String(scalar) + "abcdefghijklmnop"), "\(scalar.value)")
        }
    }
}
