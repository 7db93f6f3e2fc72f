import CYaml

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
        case outOfMemory
    }

    private struct Open {
        var line: Int
        var column: Int
        var isMapping: Bool
        var items: [YNode] = []
    }

    /// The single document of `text`, or nil when the stream holds none.
    static func parse(_ text: String, file: String) throws(Failure) -> YNode? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> YNode? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { throw .outOfMemory }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            return try build(&parser, text: text, file: file)
        }
    }

    private static func build(_ parser: inout yaml_parser_t, text: String, file: String) throws(Failure) -> YNode? {
        var stack: [Open] = []
        var root: YNode?
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure(parser, text: text) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1
            var finished: YNode?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw .secondDocument(line: line, column: column) }
            case YAML_ALIAS_EVENT:
                throw .alias(line: line, column: column)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                if scalar.anchor != nil { throw .anchor(line: line, column: column) }
                let value = scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: Int(scalar.length)), as: UTF8.self)
                } ?? ""
                finished = YNode(.scalar(value, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                                 at: SourceLocation(file: file, line: line, column: column))
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.anchor != nil { throw .anchor(line: line, column: column) }
                stack.append(Open(line: line, column: column, isMapping: false))
            case YAML_MAPPING_START_EVENT:
                if event.data.mapping_start.anchor != nil { throw .anchor(line: line, column: column) }
                stack.append(Open(line: line, column: column, isMapping: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let open = stack.removeLast()
                let location = SourceLocation(file: file, line: open.line, column: open.column)
                if open.isMapping {
                    try checkDuplicates(open.items)
                    var pairs: [YNode.Pair] = []
                    pairs.reserveCapacity(open.items.count / 2)
                    var index = 0
                    while index + 1 < open.items.count {
                        pairs.append(YNode.Pair(key: open.items[index], value: open.items[index + 1]))
                        index += 2
                    }
                    finished = YNode(.mapping(pairs), at: location)
                } else {
                    finished = YNode(.sequence(open.items), at: location)
                }
            default:
                break
            }
            if let finished {
                if stack.isEmpty { root = finished } else { stack[stack.count - 1].items.append(finished) }
            }
        }
    }

    /// Keys alternate with values in `items`. Like Yams: every repeated scalar key, in sorted
    /// order, at the first occurrence of the first of them.
    private static func checkDuplicates(_ items: [YNode]) throws(Failure) {
        guard items.count > 2 else { return }
        // Most mappings are small: compare their keys pairwise; hash only large ones.
        if items.count <= 48 {
            var keys: [String] = []
            var clash = false
            var index = 0
            while index < items.count {
                if case .scalar(let key, _) = items[index].content {
                    if keys.contains(key) { clash = true; break }
                    keys.append(key)
                }
                index += 2
            }
            guard clash else { return }
        }
        var first: [String: SourceLocation] = [:]
        var repeated: Set<String> = []
        var index = 0
        while index < items.count {
            if case .scalar(let key, _) = items[index].content {
                if first[key] == nil { first[key] = items[index].location } else { repeated.insert(key) }
            }
            index += 2
        }
        guard let smallest = repeated.min(), let location = first[smallest] else { return }
        throw .duplicateKeys(repeated.sorted(), line: location.line, column: location.column)
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
