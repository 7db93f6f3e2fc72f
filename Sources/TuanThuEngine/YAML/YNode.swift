/// A YAML node that remembers where it was written.
///
/// tuanthu reads YAML into these nodes (not into `Codable` types) so that every value,
/// every error and every finding can point at `file:line:column`.
public struct YNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, plain: Bool)
        case mapping([Pair])
        case sequence([YNode])
    }

    public struct Pair: Sendable {
        public var key: YNode
        public var value: YNode
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// A plain (unquoted) empty, `~` or `null` scalar.
    public var isNull: Bool {
        if case .scalar(let text, let plain) = content, plain {
            // Most scalars are longer than any null: their length answers (a third of a million
            // values in an inventory of a thousand systems).
            guard text.utf8.count <= 4 else { return false }
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// What a human calls this node in an error message.
    var kindName: String {
        switch content {
        case .scalar: return isNull ? "an empty value" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The scalar text, if this is a scalar.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    func error(_ text: String) -> EngineError { .input(location, text) }
}
