/// The two languages of every user-facing text.
public enum Language: String, CaseIterable, Sendable, Codable {
    case vi, en
}

/// A text in Vietnamese and English.
public struct Localized: Hashable, Sendable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The same text in both languages (identifiers, numbers, dates).
    public init(_ both: String) {
        self.vi = both
        self.en = both
    }

    @inlinable
    public subscript(language: Language) -> String {
        switch language {
        case .vi: return vi
        case .en: return en
        }
    }
}

extension String {
    /// The text with its first letter in upper case, for a name that opens a sentence.
    public var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
