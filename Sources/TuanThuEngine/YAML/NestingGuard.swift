/// A cheap pre-scan that refuses absurdly deep nesting before the recursive composer sees it.
///
/// It over-estimates depth (indentation and `- ` markers count as levels, flow brackets
/// outside quotes count too), which is harmless at a limit far above any real file.
enum NestingGuard {
    static func firstTooDeep(in text: String, limit: Int, file: String) -> SourceLocation? {
        var line = 1
        var flowDepth = 0
        var atLineStart = true
        var prefix = 0
        var column = 0
        var quote: Character?
        var inComment = false
        var escaped = false
        var previous: Character = " "
        for character in text {
            defer { if character != " " { previous = character } }
            column += 1
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 0
                atLineStart = true
                prefix = 0
                inComment = false
                continue
            }
            if inComment { continue }
            if let open = quote {
                if escaped {
                    escaped = false
                } else if open == "\"" && character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                continue
            }
            if atLineStart {
                if character == " " || character == "-" || character == "?" || character == ":" {
                    prefix += 1
                    if prefix > limit * 2 { return SourceLocation(file: file, line: line, column: column) }
                    continue
                }
                atLineStart = false
            }
            switch character {
            case "#": inComment = true
            case "\"", "'":
                // Only a quote that opens a scalar starts a quoted string; an apostrophe inside
                // plain text does not.
                if previous.isNewline || ":-[{,?".contains(previous) { quote = character }
            case "[", "{":
                flowDepth += 1
                if flowDepth > limit { return SourceLocation(file: file, line: line, column: column) }
            case "]", "}": flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
        return nil
    }
}
