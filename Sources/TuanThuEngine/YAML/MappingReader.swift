/// Reads the keys of one YAML mapping and, at `finish()`, rejects every key nobody asked for.
///
/// Loaders call `finish()` after reading; an unknown key is then an error pointing at the key,
/// with a "did you mean" suggestion drawn from the keys that were asked for.
public final class MappingReader {
    public let node: YNode
    private let pairs: [YNode.Pair]
    /// The keys' texts, by position in `pairs` (every key is a scalar: `init` checks it).
    private let keyTexts: [String]
    /// For large mappings (a list of controls), each key's position: looking keys up one by one
    /// must not be quadratic.
    private let positions: [String: Int]?
    private var asked: [String] = []
    /// Every entry was taken with `entries()`: no key is unknown.
    private var tookAll = false
    /// What the mapping describes, for messages ("system", "approval").
    let context: String

    public init(_ node: YNode, context: String) throws {
        guard case .mapping(let pairs) = node.content else {
            throw node.error("expected a mapping for \(context), found \(node.kindName)")
        }
        // Most mappings have a dozen keys: comparing them pairwise is cheaper than hashing them.
        // Large ones (a list of controls) are indexed, so that no input makes this quadratic.
        let small = pairs.count <= Self.smallMapping
        var seen: [String] = []
        seen.reserveCapacity(pairs.count)
        var positions: [String: Int] = small ? [:] : Dictionary(minimumCapacity: pairs.count)
        for pair in pairs {
            guard let key = pair.key.scalarText, !pair.key.isNull else {
                throw pair.key.error("keys of \(context) must be plain words")
            }
            let repeated = small ? seen.contains(key) : positions.updateValue(seen.count, forKey: key) != nil
            guard !repeated else { throw pair.key.error("duplicate key '\(key)' in \(context)") }
            seen.append(key)
        }
        self.node = node
        self.pairs = pairs
        self.keyTexts = seen
        self.positions = small ? nil : positions
        self.context = context
    }

    public var location: SourceLocation { node.location }

    /// All keys in file order.
    public var keys: [String] { keyTexts }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return keyTexts.firstIndex(of: key)
    }

    /// The value of `key`, or nil when absent or written as an empty value.
    public func optional(_ key: String) -> YNode? {
        asked.append(key)
        guard let index = position(of: key) else { return nil }
        return pairs[index].value.isNull ? nil : pairs[index].value
    }

    public func required(_ key: String) throws -> YNode {
        if let value = optional(key) { return value }
        if let index = position(of: key) {
            throw pairs[index].value.error("'\(key)' of \(context) needs a value")
        }
        // A misspelt required key is better named as the unknown key it is, where it is written.
        for (index, written) in keyTexts.enumerated() where !asked.contains(written) {
            if Suggestion.closest(to: written, in: [key]) != nil {
                throw pairs[index].key.error("unknown key '\(written)' in \(context); did you mean '\(key)'?")
            }
        }
        throw node.error("\(context) is missing required key '\(key)'")
    }

    /// Every key and value in file order, for a mapping whose keys are data (a system's controls);
    /// each key then counts as asked.
    public func entries() -> [YNode.Pair] {
        tookAll = true
        return pairs
    }

    /// Where `key` was written (the key itself), if present.
    public func keyLocation(_ key: String) -> SourceLocation? {
        position(of: key).map { pairs[$0].key.location }
    }

    static let smallMapping = 24

    public func finish() throws {
        if tookAll { return }
        let known: Set<String>? = asked.count > Self.smallMapping ? Set(asked) : nil
        for (pair, key) in zip(pairs, keyTexts) {
            guard !(known?.contains(key) ?? asked.contains(key)) else { continue }
            let candidates = Array(Set(asked)).sorted()
            // A key without a value in a `{ … }` mapping is most often the tail of a value cut at a comma.
            let comma = pair.value.isNull && key.contains(" ")
                ? "; if it is part of a value that contains a comma, put that whole value in quotes "
                    + "(name: \"Văn phòng, Sở Nội vụ\")"
                : ""
            throw pair.key.error("unknown key '\(key)' in \(context)\(Suggestion.hint(for: key, in: candidates))\(comma)")
        }
    }
}
