import TuanThuPKI

/// How much a failed rule matters; orders the `--fail-on` threshold.
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable, OrdinalCase {
    case critical, high, medium, low, info

    /// Higher is more severe.
    public var rank: Int {
        switch self {
        case .critical: return 4
        case .high: return 3
        case .medium: return 2
        case .low: return 1
        case .info: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Its rank: one per case, 0 to 4.
    public var ordinal: Int { rank }

    /// Hashed by its rank, not by its raw text, which is what `RawRepresentable` would hash:
    /// reports count findings by severity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

/// How sure we are of a legal fact (DOMAIN.md tags [P], [S], [U]).
public enum Basis: String, CaseIterable, Sendable, Codable {
    case primary, secondary, unverified
}

/// Where a legal fact comes from: instrument, article, clause.
public struct LegalSource: Hashable, Sendable, Codable {
    public var instrument: String {
        get { storage.instrument }
        set { unique().instrument = newValue }
    }
    public var article: String? {
        get { storage.article }
        set { unique().article = newValue }
    }
    public var clause: String? {
        get { storage.clause }
        set { unique().clause = newValue }
    }
    public var point: String? {
        get { storage.point }
        set { unique().point = newValue }
    }
    public var note: String? {
        get { storage.note }
        set { unique().note = newValue }
    }
    /// The date the instrument lapsed, written by a rule that still rests on it on purpose.
    public var lapsed: Day? {
        get { storage.lapsed }
        set { unique().lapsed = newValue }
    }
    /// The clause for each level, where a standard numbers the same requirement per level
    /// (TCVN 11930:2017: 5.x for level 1 … 9.x for level 5).
    public var clauses: [LevelClause]? {
        get { storage.clauses }
        set { unique().clauses = newValue }
    }

    /// The fields, behind one reference, copied on write: a source is copied into findings, plan
    /// items and the reports' lists of sources, hundreds of thousands of times in a large audit,
    /// and a copy of the fields themselves retained six texts each time.
    private final class Storage: @unchecked Sendable {
        // Written only through `unique()`, on storage no other value shares.
        var instrument: String
        var article: String?
        var clause: String?
        var point: String?
        var note: String?
        var lapsed: Day?
        var clauses: [LevelClause]?

        init(instrument: String, article: String?, clause: String?, point: String?, note: String?, lapsed: Day?,
             clauses: [LevelClause]?) {
            self.instrument = instrument
            self.article = article
            self.clause = clause
            self.point = point
            self.note = note
            self.lapsed = lapsed
            self.clauses = clauses
        }

        func copy() -> Storage {
            Storage(instrument: instrument, article: article, clause: clause, point: point, note: note,
                    lapsed: lapsed, clauses: clauses)
        }
    }

    private var storage: Storage

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public init(instrument: String, article: String? = nil, clause: String? = nil,
                point: String? = nil, note: String? = nil, lapsed: Day? = nil) {
        storage = Storage(instrument: instrument, article: article, clause: clause, point: point, note: note,
                          lapsed: lapsed, clauses: nil)
    }

    public static func == (a: LegalSource, b: LegalSource) -> Bool {
        if a.storage === b.storage { return true }
        let x = a.storage, y = b.storage
        return x.instrument == y.instrument && x.article == y.article && x.clause == y.clause && x.point == y.point
            && x.note == y.note && x.lapsed == y.lapsed && x.clauses == y.clauses
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(instrument)
        hasher.combine(article)
        hasher.combine(clause)
        hasher.combine(point)
        hasher.combine(note)
        hasher.combine(lapsed)
        hasher.combine(clauses)
    }

    // Coded as the fields were before they moved behind a reference.
    private enum CodingKeys: String, CodingKey {
        case instrument, article, clause, point, note, lapsed, clauses
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storage = Storage(instrument: try container.decode(String.self, forKey: .instrument),
                          article: try container.decodeIfPresent(String.self, forKey: .article),
                          clause: try container.decodeIfPresent(String.self, forKey: .clause),
                          point: try container.decodeIfPresent(String.self, forKey: .point),
                          note: try container.decodeIfPresent(String.self, forKey: .note),
                          lapsed: try container.decodeIfPresent(Day.self, forKey: .lapsed),
                          clauses: try container.decodeIfPresent([LevelClause].self, forKey: .clauses))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encodeIfPresent(article, forKey: .article)
        try container.encodeIfPresent(clause, forKey: .clause)
        try container.encodeIfPresent(point, forKey: .point)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(lapsed, forKey: .lapsed)
        try container.encodeIfPresent(clauses, forKey: .clauses)
    }

    /// This source for a system of `level`: its clause is that level's own.
    public func at(level: Int) -> LegalSource {
        guard let clauses, let own = clauses.first(where: { $0.level == level }) else { return self }
        var result = self
        result.clause = own.clause
        result.clauses = nil
        return result
    }

    /// The citation followed by the source's note, if any ("… — note"). Notes written in English
    /// are the maintainers' (Rules/SOURCES.md says more): Vietnamese output leaves them out,
    /// unless `always`.
    public func citationWithNote(_ language: Language, always: Bool = false) -> String {
        guard let note, always || language == .en || Self.isVietnamese(note) else { return citation(language) }
        if language == .vi && !always {
            let bare = Self.bare(note)
            return bare.isEmpty ? citation(language) : citation(language) + " — \(bare)"
        }
        return citation(language) + " — \(note)"
    }

    /// Written in Vietnamese: a letter only Vietnamese spells (ơ, ư, đ, ạ, ế…) outside the numbers of
    /// instruments ("NĐ-CP", "QĐ"), points such as "(đ)" and quoted Vietnamese terms, which English
    /// notes also carry.
    static func isVietnamese(_ text: String) -> Bool {
        vietnameseNotes.value(for: text) { readsAsVietnamese(text) }
    }

    /// The notes are the catalog's, a few hundred texts cited again in every report: each is
    /// read with a regular expression once (it cost 200,000 instructions a time, 4% of a
    /// 500-system report's Markdown).
    private static let vietnameseNotes = LockedCache<String, Bool>(limit: 10_000)
    private static let bareNotes = LockedCache<String, String>(limit: 10_000)

    /// The note without its pointers into the maintainers' files, which mean nothing to the
    /// reader of a report.
    static func bare(_ note: String) -> String {
        bareNotes.value(for: note) {
            note.replacingOccurrences(of: #"\s*\(?DOMAIN\.md §\d+\)?"#, with: "", options: .regularExpression)
        }
    }

    private static func readsAsVietnamese(_ text: String) -> Bool {
        let prose = text.replacingOccurrences(of: "NĐ", with: "").replacingOccurrences(of: "QĐ", with: "")
            .replacingOccurrences(of: #"'[^']*'|‘[^’]*’|"[^"]*"|\([a-zđ]\)"#, with: "", options: .regularExpression)
        return prose.unicodeScalars.contains { scalar in
            let value = scalar.value
            return value == 0x0111 || value == 0x0110 || value == 0x01A1 || value == 0x01A0 || value == 0x01B0
                || value == 0x01AF || (0x1EA0...0x1EF9).contains(value)
        }
    }

    /// "Nghị định 85/2016/NĐ-CP, Điều 12, khoản 1" or "Decree …, Art. 12(1)".
    public func citation(_ language: Language) -> String {
        var parts = [instrument]
        if clause == nil, let clauses, !clauses.isEmpty {
            let word = language == .vi ? "cấp độ" : "level"
            let list = clauses.map { "\($0.clause) (\(word) \($0.level))" }.joined(separator: ", ")
            parts.append((language == .vi ? "mục " : "clauses ") + list)
            if let article { parts.insert(language == .vi ? "Điều \(article)" : "Art. \(article)", at: 1) }
            return parts.joined(separator: ", ")
        }
        switch language {
        case .vi:
            if let point { parts.append("điểm \(point)") }
            if let clause { parts.append(article == nil ? "mục \(clause)" : "khoản \(clause)") }
            if let article { parts.append("Điều \(article)") }
            if parts.count > 1 { parts = [parts[0]] + parts.dropFirst().reversed() }
        case .en:
            if let article {
                var text = "Art. \(article)"
                if let clause { text += "(\(clause))" }
                if let point { text += "(\(point))" }
                parts.append(text)
            } else if let clause {
                parts.append("clause \(clause)")
            }
        }
        return parts.joined(separator: ", ")
    }
}

/// One level's clause of a requirement (`clauses: { 1: "5.1.1.1", 2: "6.1.1.1" }`).
public struct LevelClause: Hashable, Sendable, Codable {
    public var level: Int
    public var clause: String
}
