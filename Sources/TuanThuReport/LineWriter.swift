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

    static func += (writer: inout LineWriter, lines: [String]) {
        for line in lines { writer.append(line) }
    }

    var bytes: [UInt8] { buffer.array }
}
