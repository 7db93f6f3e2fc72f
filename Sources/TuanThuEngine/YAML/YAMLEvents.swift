import CYaml
import TuanThuPKI

/// Builds `YNode`s straight from libyaml's events (libyaml comes with Yams).
///
/// Going through Yams's `Node` tree first cost a third of loading a large inventory: every node
/// got a tag object and a copy. Errors read as Yams's did (`YAMLLoader` words them), and mappings
/// with a repeated key are refused as Yams refused them.
enum YAMLEvents {
    /// The problem libyaml reported, in the terms `YAMLLoader` turns into messages.
    enum Failure: Error {
        /// A reader, scanner or parser error: what, where, and the context libyaml gave.
        case syntax(problem: String, line: Int, column: Int, context: String?)
        /// Bytes libyaml cannot read; `offset` counts characters from the start of the text.
        case reader(problem: String, offset: Int)
        case anchor(line: Int, column: Int)
        case alias(line: Int, column: Int)
        case duplicateKeys([String], line: Int, column: Int)
        case secondDocument(line: Int, column: Int)
        /// A tag outside YAML's core schema (`!!python/object`, `!custom`): never resolved, refused.
        case tag(String, line: Int, column: Int)
        /// A control character in a scalar (written as an escape in quotes: libyaml refuses raw ones).
        case control(Unicode.Scalar, line: Int, column: Int)
        /// A merge key (`<<`), which YAML 1.1 loaders expand and tuanthu does not: named where written.
        case mergeKey(line: Int, column: Int)
        /// More values than `maximumValues`: where the one past the limit starts.
        case tooManyValues(line: Int, column: Int)
        case outOfMemory
    }

    private struct Open {
        var line: Int
        var column: Int
        var isMapping: Bool
        var items: [YNode] = []
        /// For each item, what Yams compared keys by besides their text: the resolved tag of a
        /// scalar, or the whole of a collection (spelt out only inside a key: see `needsIdentity`).
        var identities: [String] = []
        /// This collection is, or is inside, a mapping key: its identity is compared.
        var needsIdentity = false
    }

    /// Values (scalars, lists and mappings) one file may hold: each costs about 90 bytes once read,
    /// so a 16 MiB file of one-letter items (`[a,a,a,…]`, 8 million values) took 770 MB. 100,000
    /// waivers are 1.1 million values.
    static let maximumValues = 2_000_000

    static let coreTags: Set<String> = Set(["str", "int", "float", "bool", "null", "seq", "map"].map { "tag:yaml.org,2002:" + $0 })

    /// The single document of `text`, or nil when the stream holds none.
    static func parse(_ text: String, file: String) throws(Failure) -> YNode? {
        var input = text
        let result = input.withUTF8 { buffer -> Result<YNode?, Failure> in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return .failure(.outOfMemory) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            do throws(Failure) {
                return .success(try build(&parser, text: text, file: file))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Errors come in the order Yams raised them: syntax errors, undefined aliases and duplicate
    /// keys as they are met, a second document when it starts; an anchor (which Yams accepted and
    /// tuanthu refused when converting the finished tree) only once the document is complete.
    private static func build(_ parser: inout yaml_parser_t, text: String, file: String) throws(Failure) -> YNode? {
        var stack: [Open] = []
        var root: YNode?
        var documents = 0
        var values = 0
        var firstAnchor: (line: Int, column: Int)?
        var anchors: Set<String> = []
        func anchored(_ name: UnsafeMutablePointer<UInt8>?, _ line: Int, _ column: Int) {
            guard let name else { return }
            anchors.insert(String(cString: name))
            if firstAnchor == nil { firstAnchor = (line, column) }
        }
        /// A finished node goes to its parent (or is the root), without a copy in between.
        func emit(_ node: consuming YNode, _ identity: String) {
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].items.append(node)
                stack[stack.count - 1].identities.append(identity)
            }
        }
        /// The core schema's tags (and `!`, the non-specific one) are the only ones a file may name.
        func checkTag(_ tag: UnsafeMutablePointer<UInt8>?, _ line: Int, _ column: Int) throws(Failure) {
            guard let tag else { return }
            let name = String(cString: tag)
            guard name == "!" || Self.coreTags.contains(name) else { throw .tag(name, line: line, column: column) }
        }
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure(parser, text: text) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT, YAML_ALIAS_EVENT:
                values += 1
                if values > Self.maximumValues { throw .tooManyValues(line: line, column: column) }
            default:
                break
            }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                if let firstAnchor { throw .anchor(line: firstAnchor.line, column: firstAnchor.column) }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw .secondDocument(line: line, column: column) }
            case YAML_ALIAS_EVENT:
                // An alias of a known anchor is refused with that anchor; an unknown one at once.
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard anchors.contains(name) else { throw .alias(line: line, column: column) }
                emit(YNode(.scalar("", plain: true), at: SourceLocation(file: file, line: line, column: column)),
                     "*" + name)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                anchored(scalar.anchor, line, column)
                try checkTag(scalar.tag, line, column)
                let value = try scalar.value.map { start throws(Failure) -> String in
                    let bytes = UnsafeBufferPointer(start: start, count: Int(scalar.length))
                    let text = String(decoding: bytes, as: UTF8.self)
                    // NUL, ESC and their kind would reach reports and terminals: refused where written.
                    if ControlCharacters.contains(bytes), let control = text.unicodeScalars.first(where: ControlCharacters.isRefused) {
                        throw .control(control, line: line, column: column)
                    }
                    // A private key pasted into the file never leaves this reader (SecretRedaction).
                    return PEM.mayHoldPrivateKey(bytes) ? SecretRedaction.redact(text) : text
                } ?? ""
                if value == "<<", scalar.style == YAML_PLAIN_SCALAR_STYLE, let open = stack.last, open.isMapping,
                   open.items.count % 2 == 0 {
                    throw .mergeKey(line: line, column: column)
                }
                // The basic resolver makes every untagged scalar a string.
                let tag = scalar.tag.map { String(cString: $0) }.flatMap { $0 == "!" ? nil : $0 } ?? Self.stringTag
                emit(YNode(.scalar(value, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                           at: SourceLocation(file: file, line: line, column: column)), tag)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                anchored(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor, line, column)
                try checkTag(isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag, line, column)
                // A key is an item at an even position of a mapping.
                let isKey = stack.last.map { $0.needsIdentity || ($0.isMapping && $0.items.count % 2 == 0) } ?? false
                stack.append(Open(line: line, column: column, isMapping: isMapping, needsIdentity: isKey))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let open = stack.removeLast()
                let location = SourceLocation(file: file, line: open.line, column: open.column)
                let identity = open.needsIdentity
                    ? zip(open.items, open.identities).map { describe($0, $1) }.joined(separator: ",") : ""
                if open.isMapping {
                    try checkDuplicates(open)
                    var pairs: [YNode.Pair] = []
                    pairs.reserveCapacity(open.items.count / 2)
                    var index = 0
                    while index + 1 < open.items.count {
                        pairs.append(YNode.Pair(key: open.items[index], value: open.items[index + 1]))
                        index += 2
                    }
                    emit(YNode(.mapping(pairs), at: location), "{" + identity + "}")
                } else {
                    emit(YNode(.sequence(open.items), at: location), "[" + identity + "]")
                }
            default:
                break
            }
        }
    }

    static let stringTag = "tag:yaml.org,2002:str"

    /// A key as Yams compared it: a scalar by its text and resolved tag, a collection whole.
    private static func describe(_ node: YNode, _ identity: String) -> String {
        if case .scalar(let text, _) = node.content { return identity + "\u{0}" + text }
        return identity
    }

    /// Keys alternate with values in `items`. Like Yams: every repeated key, in sorted order, at the
    /// first occurrence of the first of them; a collection key is named `<uncovertable>`, as Yams
    /// names it.
    private static func checkDuplicates(_ open: Open) throws(Failure) {
        let items = open.items
        guard items.count > 2 else { return }
        // Keys the same for Yams have the same text: when no two scalar keys share a text (nearly
        // always), there is nothing to compare further. Collection keys are rare: compared whole.
        var texts: [String] = []
        texts.reserveCapacity(items.count / 2)
        var index = 0
        while index < items.count {
            guard case .scalar(let text, _) = items[index].content else { return try compareKeys(open) }
            texts.append(text)
            index += 2
        }
        if !allDistinct(texts) { try compareKeys(open) }
    }

    /// No two of `texts` are the same: most mappings are small, their keys compared pairwise; large
    /// ones hashed, so that no input makes this quadratic.
    static func allDistinct<Texts: RandomAccessCollection>(_ texts: Texts) -> Bool where Texts.Element == String {
        if texts.count <= 24 {
            for later in texts.indices {
                let text = texts[later]
                for earlier in texts[..<later] where earlier == text { return false }
            }
            return true
        }
        var seen = Set<String>(minimumCapacity: texts.count)
        for text in texts where !seen.insert(text).inserted { return false }
        return true
    }

    /// `checkDuplicates` with every key's tag or content spelt out, as Yams compared them.
    private static func compareKeys(_ open: Open) throws(Failure) {
        let items = open.items
        var keys: [String] = []
        var index = 0
        while index < items.count {
            keys.append(describe(items[index], open.identities[index]))
            index += 2
        }
        // Most mappings are small: compare their keys pairwise; hash only large ones.
        if keys.count <= 24 {
            var clash = false
            for (position, key) in keys.enumerated() where keys[..<position].contains(key) {
                clash = true
                break
            }
            guard clash else { return }
        }
        var first: [String: Int] = [:]
        var repeated: Set<String> = []
        for (position, key) in keys.enumerated() {
            if first[key] == nil { first[key] = position } else { repeated.insert(key) }
        }
        guard !repeated.isEmpty else { return }
        func text(_ key: String) -> String? {
            guard case .scalar(let text, _) = items[2 * (first[key] ?? 0)].content else { return nil }
            return text
        }
        // Scalars by text first (as Yams sorts them), then collections.
        let sorted = repeated.sorted { a, b in
            switch (text(a), text(b)) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            default: return false
            }
        }
        let location = items[2 * (first[sorted[0]] ?? 0)].location
        throw .duplicateKeys(sorted.map { text($0) ?? "<uncovertable>" }, line: location.line, column: location.column)
    }

    private static func failure(_ parser: yaml_parser_t, text: String) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .outOfMemory
        case YAML_READER_ERROR:
            let utf8 = text.utf8
            let index = utf8.index(utf8.startIndex, offsetBy: Int(parser.problem_offset), limitedBy: utf8.endIndex)?
                .samePosition(in: text)
            return .reader(problem: problem, offset: index.map { text.distance(from: text.startIndex, to: $0) } ?? 0)
        default:
            return .syntax(problem: problem, line: Int(parser.problem_mark.line) + 1,
                           column: Int(parser.problem_mark.column) + 1,
                           context: parser.context.map { String(cString: $0) })
        }
    }
}
