import TuanThuEngine

/// An administrative document as Decree 30/2020/NĐ-CP, Appendix I, lays it out: the heading (issuing
/// body, national motto, number and symbol, place and date), the title, the body, the recipients and
/// the signature block. One value, written both as Word (`DocxWriter`) and as Markdown
/// (`DocumentMarkdown`), so that the two never say different things.
public struct OfficialDocument: Sendable {
    /// The form the document follows, printed above the heading ("Mẫu số 08"), when it follows one.
    public var form: String?
    /// The issuing body's parent (cơ quan chủ quản trực tiếp), upper case, regular; nil when none.
    public var parentBody: Text?
    /// The issuing body, upper case, bold.
    public var issuer: Text
    /// "Số: …/BC-SNV": the number is the office's (văn thư) to fill in; nil for a document that is
    /// not issued on its own (the explanation attached to a dossier).
    public var number: Text?
    /// A letter's (công văn) excerpt, "V/v …", under its number.
    public var letterExcerpt: Text?
    public var place: Text
    /// The date of issue; nil leaves day and month for the office to fill in on signing.
    public var date: Day?
    public var year: Int
    /// The document type ("BÁO CÁO", "TỜ TRÌNH", "QUYẾT ĐỊNH"), absent in a letter.
    public var kind: String?
    /// The excerpt under the type (trích yếu nội dung), one or more lines.
    public var excerpt: [Text]
    /// Lines right under the excerpt before the body, centred (a decision's issuing authority).
    public var authority: [Text] = []
    /// "Kính gửi: …".
    public var addressees: [Text] = []
    public var body: [Block]
    /// "Nơi nhận:" items, each ending as Decree 30 asks (";" then "." after "Lưu: VT, …").
    public var recipients: [Text]
    public var signature: Signature
    /// Appendices (phụ lục), each starting on a new page after the signature.
    public var appendices: [Appendix] = []

    public init(form: String? = nil, parentBody: Text?, issuer: Text, number: Text?, letterExcerpt: Text? = nil,
                place: Text, date: Day?, year: Int, kind: String?, excerpt: [Text], body: [Block],
                recipients: [Text], signature: Signature) {
        self.form = form
        self.parentBody = parentBody
        self.issuer = issuer
        self.number = number
        self.letterExcerpt = letterExcerpt
        self.place = place
        self.date = date
        self.year = year
        self.kind = kind
        self.excerpt = excerpt
        self.body = body
        self.recipients = recipients
        self.signature = signature
    }

    /// The place and date line: "Tuyên Quang, ngày 05 tháng 12 năm 2026" with days below 10 and
    /// months 1 and 2 written with a leading zero; blanks for the office when the date is not set.
    public var placeAndDate: Text {
        var text = place
        if let date {
            let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
            let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
            text.append(", ngày \(day) tháng \(month) năm \(date.year)")
        } else {
            text.append(", ngày     tháng     năm \(year)")
        }
        return text
    }
}

/// A run of text whose parts may be blanks the officer must fill in: the document never invents what
/// the inventory does not say, and a blank is marked so that it cannot be missed.
public struct Text: Sendable, Hashable, ExpressibleByStringLiteral {
    public enum Part: Sendable, Hashable {
        case plain(String)
        case bold(String)
        case italic(String)
        /// Missing information, named by what is missing.
        case blank(String)
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }
    public init(_ text: String) { self.parts = [.plain(text)] }
    public init(stringLiteral value: String) { self.parts = [.plain(value)] }

    public static func blank(_ what: String) -> Text { Text([.blank(what)]) }
    public static func bold(_ text: String) -> Text { Text([.bold(text)]) }
    public static func italic(_ text: String) -> Text { Text([.italic(text)]) }

    /// The value when there is one, else a blank naming it.
    public static func value(_ value: String?, or missing: String) -> Text {
        guard let value, !value.isEmpty else { return .blank(missing) }
        return Text(value)
    }

    public mutating func append(_ text: String) { parts.append(.plain(text)) }
    public mutating func append(_ text: Text) { parts += text.parts }

    public static func + (lhs: Text, rhs: Text) -> Text { Text(lhs.parts + rhs.parts) }
    public static func + (lhs: Text, rhs: String) -> Text { Text(lhs.parts + [.plain(rhs)]) }
    public static func + (lhs: String, rhs: Text) -> Text { Text([.plain(lhs)] + rhs.parts) }

    /// The text as plain characters, blanks as "[…]" with what is missing.
    public var plain: String {
        parts.map { part in
            switch part {
            case .plain(let s), .bold(let s), .italic(let s): return s
            case .blank(let what): return "[\(what)]"
            }
        }.joined()
    }

    public var isBlank: Bool { parts.allSatisfy { if case .blank = $0 { return true } else { return false } } }

    /// The text in upper case (issuing bodies, document types), blanks kept as they are.
    public var uppercased: Text {
        Text(parts.map { part in
            switch part {
            case .plain(let s): return .plain(s.uppercased())
            case .bold(let s): return .bold(s.uppercased())
            case .italic(let s): return .italic(s.uppercased())
            case .blank: return part
            }
        })
    }
}

/// One piece of a document's body.
public enum Block: Sendable {
    /// A structural heading: level 1 for "Phần"/"I." (bold, upper case where the text is), 2 for
    /// "1." (bold), 3 for "a)" (bold italic).
    case heading(Int, Text)
    /// A body paragraph: justified, first line indented.
    case paragraph(Text)
    /// A paragraph without first-line indent (list items "- …", form fields).
    case item(Text)
    /// A centred paragraph (a decision's "QUYẾT ĐỊNH:").
    case centered(Text)
    case table(DocumentTable)
    /// A small-print note under a table (a form's "Chú thích").
    case note(Text)
}

/// A real table: column headers (repeated on every page), optional column numbers (1), (2), … as
/// the forms print them, and rows.
public struct DocumentTable: Sendable {
    public struct Column: Sendable {
        public var header: String
        /// Relative width; the writer shares the text width among the columns by these weights.
        public var weight: Int
        public var centered: Bool

        public init(_ header: String, weight: Int, centered: Bool = false) {
            self.header = header
            self.weight = weight
            self.centered = centered
        }
    }

    public var columns: [Column]
    public var numbered: Bool
    public var rows: [[Text]]
    /// Font size in points: 13 for ordinary tables, smaller for the wide ones of the forms.
    public var fontSize: Int

    public init(columns: [Column], numbered: Bool = false, rows: [[Text]], fontSize: Int = 12) {
        self.columns = columns
        self.numbered = numbered
        self.rows = rows
        self.fontSize = fontSize
    }
}

/// The signature block: the signer's authority (quyền hạn: "KT. GIÁM ĐỐC", "TM. …") and title
/// (chức vụ), the signing instruction of a form, and the name (blank until someone signs).
public struct Signature: Sendable {
    public var authority: [String]
    public var instruction: String?
    public var name: Text

    public init(authority: [String], instruction: String? = nil, name: Text) {
        self.authority = authority
        self.instruction = instruction
        self.name = name
    }
}

public struct Appendix: Sendable {
    public var title: [Text]
    public var body: [Block]

    public init(title: [Text], body: [Block]) {
        self.title = title
        self.body = body
    }
}
