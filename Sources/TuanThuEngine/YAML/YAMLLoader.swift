import Foundation
import TuanThuPKI

/// Reads a YAML file into `YNode`s, refusing what could hang or exhaust the tool.
///
/// Anchors and aliases are refused outright: inventories and rule packs never need them,
/// and an alias bomb ("billion laughs") is then impossible. Files are capped in size and
/// nesting depth before libyaml sees them, so hostile input ends in an error, not a crash.
public enum YAMLLoader {
    public static let maximumFileSize = 16 * 1024 * 1024
    static let maximumNesting = 200

    /// Loads one file. `displayPath` is how errors name it (workspace-relative).
    public static func load(contentsOf url: URL, displayPath: String, limit: Int = maximumFileSize) throws -> YNode {
        try parse(bytes: read(url, displayPath: displayPath, limit: limit), displayPath: displayPath)
    }

    /// The bytes of a file to be parsed: an ordinary file within `limit`, or an error in plain words
    /// (a folder, a named pipe or a device is refused before it is opened, so nothing blocks).
    static func read(_ url: URL, displayPath: String, limit: Int) throws -> [UInt8] {
        do {
            return try FileBytes.read(url, path: displayPath, limit: limit)
        } catch let error as PKIError {
            throw EngineError.unreadable(path: displayPath, reason: error.reason)
        }
    }

    /// A YAML file's text, to be edited (`import --out`, `checklist`): read as `load` reads it.
    public static func text(of url: URL, displayPath: String, limit: Int = maximumFileSize) throws -> String {
        let bytes = try read(url, displayPath: displayPath, limit: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw EngineError.input(invalidUTF8Location(in: bytes, file: displayPath), "file is not UTF-8 text (is it YAML?)")
        }
        return text
    }

    public static func parse(bytes: [UInt8], displayPath: String) throws -> YNode {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw EngineError.input(invalidUTF8Location(in: bytes, file: displayPath), "file is not UTF-8 text (is it YAML?)")
        }
        return try parse(text: text, displayPath: displayPath)
    }

    public static func parse(data: Data, displayPath: String) throws -> YNode {
        try parse(bytes: [UInt8](data), displayPath: displayPath)
    }

    public static func parse(text: String, displayPath: String) throws -> YNode {
        // Most inventories are plain block YAML, which `BlockYAML` reads without libyaml into the
        // same nodes; whatever it declines (every error among it) is read as before.
        if let root = BlockYAML.parse(text, file: displayPath) { return root }
        return try parseWithLibYAML(text: text, displayPath: displayPath)
    }

    /// The nodes libyaml's events give, after `NestingGuard`: what `BlockYAML` must equal.
    static func parseWithLibYAML(text: String, displayPath: String) throws -> YNode {
        if let location = NestingGuard.firstTooDeep(in: text, limit: maximumNesting, file: displayPath) {
            throw EngineError.input(location, "YAML nested more than \(maximumNesting) levels deep")
        }
        let root: YNode?
        do {
            root = try YAMLEvents.parse(text, file: displayPath)
        } catch {
            throw translate(error, file: displayPath, text: text)
        }
        guard let root else {
            throw EngineError.input(SourceLocation(file: displayPath, line: 1, column: 1), "file is empty")
        }
        return root
    }

    /// What usually causes a syntax error, in words an IT officer can act on.
    static func syntaxHint(_ problem: String, line: Int, text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let near = lines.indices.contains(line - 1) ? lines[line - 1] : ""
        let before = line >= 2 && lines.indices.contains(line - 2) ? lines[line - 2] : ""
        if near.contains("\t") || before.contains("\t") {
            return "; hint: indent with spaces, not tabs"
        }
        if problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'") {
            return "; hint: close the '[' list or '{' mapping opened above on its own line, and put in quotes a value "
                + "that contains a comma or a colon"
        }
        if problem.contains("mapping values are not allowed") {
            return "; hint: check the indentation (keys of one mapping start in the same column), and put in quotes "
                + "a value that contains ': ' (name: \"Hệ thống: một cửa\")"
        }
        if problem.contains("did not find expected") || problem.contains("could not find expected") {
            return "; hint: check the indentation (items of one list or mapping start in the same column), and put in "
                + "quotes a value that contains a comma, a colon or brackets ({ name: \"Văn phòng, Sở Nội vụ\" })"
        }
        return ""
    }

    private static func anchorError(_ location: SourceLocation) -> EngineError {
        .input(location, "YAML anchors and aliases (&name, *name) are not allowed; write the value out")
    }

    private static func translate(_ failure: YAMLEvents.Failure, file: String, text: String) -> EngineError {
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: max(1, line), column: max(1, column))
        }
        switch failure {
        case .syntax(let problem, let line, let column, let context):
            return .input(at(line, column), "malformed YAML: \(problem)\(context.map { " (\($0))" } ?? "")"
                          + syntaxHint(problem, line: line, text: text))
        case .reader(let problem, let offset):
            return .input(location(ofUTF8Offset: offset, in: text, file: file), "unreadable YAML: \(problem)")
        case .anchor(let line, let column):
            return anchorError(at(line, column))
        case .alias(let line, let column):
            return .input(at(line, column), "YAML aliases (*name) are not allowed; write the value out")
        case .duplicateKeys(let keys, let line, let column):
            let list = keys.map { "'\($0)'" }.joined(separator: ", ")
            return .input(at(line, column), "duplicate key \(list) in the same mapping")
        case .secondDocument(let line, let column):
            return .input(at(line, column),
                          "malformed YAML: but found another document (expected a single document in the stream)")
        case .tag(let tag, let line, let column):
            let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            return .input(at(line, column), "the YAML tag '\(shown)' is not allowed: only the core schema's (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map); remove it")
        case .tooManyValues(let line, let column):
            return .input(at(line, column), "the file holds more than \(YAMLEvents.maximumValues) values (the limit); split it")
        case .mergeKey(let line, let column):
            return .input(at(line, column), "YAML merge keys (<<) are not allowed; write the keys out")
        case .control(let scalar, let line, let column):
            return .input(at(line, column), "the text holds a control character (U+\(ControlCharacters.code(scalar))) "
                          + "that no report can show; remove it")
        case .outOfMemory:
            return .input(at(1, 1), "malformed YAML: out of memory")
        }
    }

    static func location(ofUTF8Offset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    static func invalidUTF8Location(in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid = length > 0 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 }
            guard valid else {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return SourceLocation(file: file, line: line, column: prefix.unicodeScalars.count + 1)
            }
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            index += length
        }
        return SourceLocation(file: file, line: line, column: 1)
    }
}
