import TuanThuEngine
import TuanThuPKI

/// The lines of a text report (Markdown, JUnit XML), written straight into the file's bytes as
/// they come (a large report has a hundred thousand lines; keeping them as strings and joining
/// them cost more than writing them).
struct LineWriter {
    let buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// One line (the newline is added).
    mutating func append(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
    }

    /// Part of a line: the line is ended by `endLine()`. Long table rows are written in parts,
    /// without building each one as a string first.
    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Text for a table cell, escaped as `Markdown.escape` escapes it.
    mutating func writeEscaped(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            var text = text
            text.withUTF8 { writeEscaped($0) }
        }
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        var runStart = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time while none of them is a control character, `\` or `|`.
            index = WordScan.skipClean(start, count: bytes.count, from: index, Self.mayNeedEscape)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            index += 1
            guard byte == 0x5C || byte == 0x7C || byte == 0x0A || byte == 0x0D else { continue }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<(index - 1)]))
            runStart = index
            switch byte {
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x7C: buffer.append(0x5C); buffer.append(0x7C)
            case 0x0D: buffer.append(0x20)
            default: if index < 2 || bytes[index - 2] != 0x0D { buffer.append(0x20) }
            }
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// Whether any of the eight bytes of `word` is a control character, `\\` or `|`.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        (WordScan.controls(word) | WordScan.matches(0x5C, word) | WordScan.matches(0x7C, word)) != 0
    }

    mutating func writeInteger(_ value: Int) {
        buffer.appendDecimal(value)
    }

    /// A place in the workspace as code: `` `file:line:column` ``.
    mutating func writeCode(_ location: SourceLocation) {
        write("`")
        write(location.file)
        write(":")
        writeInteger(location.line)
        write(":")
        writeInteger(location.column)
        write("`")
    }

    mutating func endLine() {
        buffer.append(0x0A)
    }

    static func += (writer: inout LineWriter, lines: [String]) {
        for line in lines { writer.append(line) }
    }

    var bytes: [UInt8] { buffer.array }
}
