import Foundation
import Yams

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
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > limit {
                throw EngineError.unreadable(path: displayPath, reason: "file is \(size) bytes; the limit is \(limit)")
            }
            data = try Data(contentsOf: url)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.unreadable(path: displayPath, reason: "cannot read file: \(error.localizedDescription)")
        }
        return try parse(data: data, displayPath: displayPath)
    }

    public static func parse(data: Data, displayPath: String) throws -> YNode {
        guard let text = String(data: data, encoding: .utf8) else {
            let location = invalidUTF8Location(in: data, file: displayPath)
            throw EngineError.input(location, "file is not UTF-8 text (is it YAML?)")
        }
        return try parse(text: text, displayPath: displayPath)
    }

    public static func parse(text: String, displayPath: String) throws -> YNode {
        if let location = NestingGuard.firstTooDeep(in: text, limit: maximumNesting, file: displayPath) {
            throw EngineError.input(location, "YAML nested more than \(maximumNesting) levels deep")
        }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw translate(error, file: displayPath)
        }
        guard let root else {
            throw EngineError.input(SourceLocation(file: displayPath, line: 1, column: 1), "file is empty")
        }
        return try withExtendedLifetime(parser) {
            try convert(root, file: displayPath)
        }
    }

    private static func convert(_ node: Node, file: String) throws -> YNode {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            if scalar.anchor != nil { throw anchorError(location) }
            return YNode(.scalar(scalar.string, plain: scalar.style == .plain), at: location)
        case .mapping(let mapping):
            if mapping.anchor != nil { throw anchorError(location) }
            var pairs: [YNode.Pair] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                pairs.append(YNode.Pair(key: try convert(key, file: file), value: try convert(value, file: file)))
            }
            return YNode(.mapping(pairs), at: location)
        case .sequence(let sequence):
            if sequence.anchor != nil { throw anchorError(location) }
            return YNode(.sequence(try sequence.map { try convert($0, file: file) }), at: location)
        case .alias:
            throw EngineError.input(location, "YAML aliases (*name) are not allowed; write the value out")
        }
    }

    private static func anchorError(_ location: SourceLocation) -> EngineError {
        .input(location, "YAML anchors and aliases (&name, *name) are not allowed; write the value out")
    }

    private static func translate(_ error: YamlError, file: String) -> EngineError {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            if problem == "found undefined alias" {
                return .input(at(mark), "YAML aliases (*name) are not allowed; write the value out")
            }
            return .input(at(mark), "malformed YAML: \(problem)\(detail)")
        case .reader(let problem, let offset, _, let yaml):
            return .input(location(ofUTF8Offset: offset ?? 0, in: yaml, file: file), "unreadable YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .input(at(context.mark), "duplicate key \(keys) in the same mapping")
        default:
            return .input(SourceLocation(file: file, line: 1, column: 1), "malformed YAML: \(error)")
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

    private static func invalidUTF8Location(in data: Data, file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        var index = 0
        let bytes = [UInt8](data)
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
