import Foundation

/// Strict scalar decoding: each reader names the expected form when the value does not fit.
extension YNode {
    public func string(_ what: String) throws -> String {
        guard case .scalar(let text, _) = content, !isNull else {
            throw error("expected text for \(what), found \(kindName)")
        }
        let trimmed = Self.trimmed(text)
        guard !trimmed.isEmpty else { throw error("\(what) must not be empty") }
        return trimmed
    }

    /// `text` without leading and trailing white space (Unicode White_Space, the set Foundation's
    /// `.whitespacesAndNewlines` holds); most values have none and are returned as they are.
    static func trimmed(_ text: String) -> String {
        // Printable ASCII at both ends (nearly every value) is not white space: nothing to look up.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }

    /// A stable identifier: lower-case ASCII letters, digits and hyphens.
    public func identifier(_ what: String) throws -> String {
        let text = try string(what)
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        guard allowed, text.first != "-", text.last != "-" else {
            throw error("\(what) '\(text)' must use only a-z, 0-9 and '-' (and not start or end with '-')")
        }
        return text
    }

    public func int(_ what: String, in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let text, let plain) = content, plain, let value = Int(text) else {
            throw error("expected a whole number for \(what), found '\(scalarText ?? kindName)'")
        }
        guard range.contains(value) else {
            throw error("\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    public func bool(_ what: String) throws -> Bool {
        guard case .scalar(let text, let plain) = content, plain else {
            throw error("expected true or false for \(what), found \(kindName)")
        }
        switch text {
        case "true": return true
        case "false": return false
        default: throw error("expected true or false for \(what), found '\(text)'")
        }
    }

    public func day(_ what: String) throws -> Day {
        let text = try string(what)
        guard let value = Day(iso: text) else {
            if text.count == 10, text.split(separator: "-").count == 3 {
                throw error("\(what) '\(text)' is not a real calendar date")
            }
            throw error("expected a date YYYY-MM-DD for \(what), found '\(text)'")
        }
        return value
    }

    public func enumValue<E: RawRepresentable & CaseIterable>(_ what: String, as type: E.Type) throws -> E
    where E.RawValue == String {
        let text = try string(what)
        if let value = E(rawValue: text) { return value }
        let names = E.allCases.map(\.rawValue)
        throw error("unknown \(what) '\(text)'\(Suggestion.hint(for: text, in: names))")
    }

    public func list(_ what: String) throws -> [YNode] {
        switch content {
        case .sequence(let items): return items
        default: throw error("expected a list for \(what), found \(kindName)")
        }
    }

    /// A list, or a single scalar taken as a one-element list.
    public func listOrSingle(_ what: String) throws -> [YNode] {
        if case .scalar = content { return [self] }
        return try list(what)
    }

    public func mapping(_ what: String) throws -> MappingReader {
        try MappingReader(self, context: what)
    }

    /// `{vi: …, en: …}`, or one plain text used for both languages.
    public func localized(_ what: String) throws -> Localized {
        if case .scalar = content { return Localized(try string(what)) }
        let reader = try mapping(what)
        let result = Localized(vi: try reader.required("vi").string("\(what) (vi)"),
                               en: try reader.required("en").string("\(what) (en)"))
        try reader.finish()
        return result
    }
}
