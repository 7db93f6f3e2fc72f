/// Control characters in text that came from a file: refused where tuanthu reads text it owns
/// (YAML and JSON strings), shown as visible escapes where it passes on text it does not (file
/// names, fields of certificates and signed documents) into reports and the terminal.
///
/// A NUL ends a C string in the tools that read a report; an escape sequence (ESC) rewrites an
/// officer's terminal; XML 1.0 cannot hold most of them at all.
public enum ControlCharacters {
    /// C0 controls other than tab, line feed and carriage return; DEL; the C1 controls.
    @inlinable
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
    }

    /// Whether UTF-8 `bytes` hold a refused character (a C1 control is `C2 80`…`C2 9F`).
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        var index = 0
        // Eight bytes at a time while none is below 0x20, DEL or 0xC2 (a report is megabytes of text
        // with a tab or line break every few dozen bytes: those words take the byte loop below).
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
                if WordScan.controls(word) | WordScan.matches(0x7F, word) | WordScan.matches(0xC2, word) == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            } else if byte == 0x7F {
                return true
            } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                return true
            }
            index += 1
        }
        return false
    }

    public static func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { contains($0) }
    }

    /// `text` with each refused character written as `\u001B` (what JSON would write): visible,
    /// harmless, and telling what was there.
    public static func escaped(_ text: String) -> String {
        guard contains(text) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if isRefused(scalar) {
                out += "\\u" + code(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The character's code point in four hex digits (`001B`), as messages and escapes write it.
    public static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// UTF-8 bytes with each refused character escaped as `escaped(_:)` does; the same bytes when
    /// there is none (the common case costs one scan).
    public static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBufferPointer(contains) else { return bytes }
        return Array(escaped(String(decoding: bytes, as: UTF8.self)).utf8)
    }
}
