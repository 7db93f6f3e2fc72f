/// Inserts lines into the `controls:` block of one system (or of the organisation) of an
/// inventory file, as text: every line already written, comments included, stays as it was.
///
/// Works on block-style YAML, as inventories are written; a system or `controls:` written in flow
/// style (`{ … }` on one line) is refused with its location rather than rewritten.
public struct InventoryEditor {
    public let file: String
    private var lines: [Substring]
    private let endsWithNewline: Bool

    public init(text: String, file: String) {
        self.file = file
        endsWithNewline = text.hasSuffix("\n")
        var split = text.split(separator: "\n", omittingEmptySubsequences: false)
        if endsWithNewline { split.removeLast() }
        lines = split
    }

    public var text: String { lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "") }

    /// Adds `entries` (lines without indentation: `ID: status  # title`, or comments) to the
    /// `controls:` of the mapping whose first key is at `start` (a system's `- id:` line, or the
    /// first key under `organization:`), creating `controls:` at the end of that mapping if needed.
    public mutating func insertControls(_ entries: [String], intoMappingAt start: SourceLocation) throws {
        let first = start.line - 1
        guard first >= 0, first < lines.count else { throw error(start, "the mapping is not where it was read") }
        let keyIndent = start.column - 1
        let before = lines[first].prefix(keyIndent).trimmingCharacters(in: .whitespaces)
        guard before.isEmpty || before == "-" else {
            throw error(start, "this entry is written in flow style ({ … }); write it one key per line to use --write")
        }
        let end = try lastLine(ofMappingAt: start)
        let controlsLine = (first...end).first { index in
            Self.indent(of: lines[index]) == keyIndent && lines[index].dropFirst(keyIndent).hasPrefix("controls:")
        }
        if let controlsLine {
            let rest = lines[controlsLine].dropFirst(keyIndent + "controls:".count)
            let value = rest.split(separator: "#", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
            guard value.isEmpty else {
                throw error(SourceLocation(file: file, line: controlsLine + 1, column: keyIndent + 1),
                            "'controls' is written on one line; write it one entry per line to use --write")
            }
            // Its entries: the lines after it indented deeper than the key.
            var last = controlsLine
            var entryIndent: Int?
            var next = controlsLine + 1
            while next < lines.count {
                let line = lines[next]
                if !Self.isEmpty(line) {
                    let indent = Self.indent(of: line)
                    if indent <= keyIndent { break }
                    if entryIndent == nil, !line.dropFirst(indent).hasPrefix("#") { entryIndent = indent }
                    last = next
                }
                next += 1
            }
            let pad = String(repeating: " ", count: entryIndent ?? keyIndent + 2)
            lines.insert(contentsOf: entries.map { Substring(pad + $0) }, at: last + 1)
        } else {
            let pad = String(repeating: " ", count: keyIndent)
            let block = [pad + "controls:"] + entries.map { pad + "  " + $0 }
            lines.insert(contentsOf: block.map { Substring($0) }, at: end + 1)
        }
    }

    /// The index of the last line of the block mapping whose first key is at `start`: the lines up to
    /// the first content or comment line indented less than its keys (a comment indented as its keys
    /// or deeper belongs to it: commented-out fields stay inside).
    public func lastLine(ofMappingAt start: SourceLocation) throws -> Int {
        let first = start.line - 1
        guard first >= 0, first < lines.count else { throw error(start, "the mapping is not where it was read") }
        let keyIndent = start.column - 1
        var end = first
        for index in (first + 1)..<max(first + 1, lines.count) where !Self.isEmpty(lines[index]) {
            if Self.indent(of: lines[index]) < keyIndent { break }
            end = index
        }
        return end
    }

    /// Inserts lines after the line at `index`, each indented by `indent` spaces.
    public mutating func insert(_ new: [String], afterLine index: Int, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        lines.insert(contentsOf: new.map { Substring(pad + $0) }, at: min(index + 1, lines.count))
    }

    /// Replaces the one-line value at `location` (a plain or quoted scalar, or a `[…]` list) by `text`,
    /// keeping what follows it on the line (a comment).
    public mutating func replaceValue(at location: SourceLocation, with text: String) throws {
        let index = location.line - 1
        guard index >= 0, index < lines.count else { throw error(location, "the value is not where it was read") }
        let line = Array(lines[index])
        let start = line.index(line.startIndex, offsetBy: location.column - 1, limitedBy: line.endIndex) ?? line.endIndex
        guard start < line.endIndex else { throw error(location, "the value is not where it was read") }
        var end = start
        switch line[start] {
        case "\"":
            end += 1
            while end < line.endIndex, line[end] != "\"" { end += line[end] == "\\" ? 2 : 1 }
            guard end < line.endIndex else { throw error(location, "this value runs over several lines; edit it by hand") }
            end += 1
        case "'":
            end += 1
            while end < line.endIndex {
                if line[end] == "'" {
                    if end + 1 < line.endIndex, line[end + 1] == "'" { end += 2; continue }
                    break
                }
                end += 1
            }
            guard end < line.endIndex else { throw error(location, "this value runs over several lines; edit it by hand") }
            end += 1
        case "[":
            guard let close = line[start...].firstIndex(of: "]") else {
                throw error(location, "this list runs over several lines; edit it by hand")
            }
            end = close + 1
        case "|", ">", "{":
            throw error(location, "this value is a block or a mapping; edit it by hand")
        default:
            while end < line.endIndex, !(line[end] == "#" && end > start && line[end - 1] == " ") { end += 1 }
            while end > start, line[end - 1] == " " { end -= 1 }
        }
        lines[index] = Substring(String(line[..<start]) + text + String(line[end...]))
    }

    /// Nothing but spaces.
    private static func isEmpty(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    private static func indent(of line: Substring) -> Int { line.prefix { $0 == " " }.count }

    private func error(_ location: SourceLocation, _ text: String) -> EngineError { .input(location, text) }
}
