import TuanThuEngine

/// What every document of an organisation draws on: its names, its letterhead, the language, and
/// the words that differ between the two regimes ("an toàn thông tin" under Decree 85, "an ninh
/// mạng" under Decree 331).
struct DocumentContext {
    let organization: OrganizationResult
    let asOf: Day
    let language: Language

    var org: Organization { organization.organization }

    func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// Decree 331 (and Law 116) speak of cybersecurity, Decree 85 and Circular 12 of information security.
    static func isNewRegime(_ regime: String) -> Bool { regime != "nd85" }

    func security(_ regime: String) -> String {
        Self.isNewRegime(regime) ? pick("an ninh mạng", "cybersecurity") : pick("an toàn thông tin", "information security")
    }

    var place: Text { .value(org.letterhead.place, or: pick("địa danh", "place")) }

    /// "…/BC-SNV": the number is left for the office; the symbol is the type's and the body's
    /// abbreviations (Decree 30/2020 Appendix III), a blank where the body's is not declared.
    func number(kind: String?, unit: String? = nil) -> Text {
        let body = org.letterhead.abbreviation.map { Text($0) } ?? .blank(pick("chữ viết tắt tên cơ quan", "body's abbreviation"))
        var text = Text("       /")
        if let kind { text.append(kind + "-") }
        text.append(body)
        if let unit { text.append("-" + Self.abbreviation(ofUnit: unit)) }
        return text
    }

    /// A unit's abbreviation in document symbols: its id in capitals, without hyphens ("p-ncc" → "PNCC").
    static func abbreviation(ofUnit id: String) -> String {
        id.uppercased().replacingOccurrences(of: "-", with: "")
    }

    func unitName(_ id: String) -> String { org.unit(id)?.name ?? id }

    /// The signature block of a body's head: the declared title, or a blank.
    func signature(title: String?, name: String?, instruction: String? = nil) -> Signature {
        Signature(authority: [title?.uppercased() ?? pick("[CHỨC VỤ NGƯỜI KÝ]", "[SIGNER'S TITLE]")],
                  instruction: instruction,
                  name: .value(name, or: pick("họ và tên người ký", "signer's name")))
    }

    /// The rows of a body's particulars (Circular 12 Art. 8(3)(a); Decree 331 Art. 22(3)(a), Form 08 §2).
    func particularsRows(name: String, _ particulars: Particulars) -> [[Text]] {
        let representative: Text
        switch (particulars.head, particulars.headTitle) {
        case let (name?, title?): representative = Text("\(name), \(title)")
        case let (name?, nil): representative = Text(name) + ", " + .blank(pick("chức vụ", "title"))
        case let (nil, title?): representative = .blank(pick("họ và tên", "name")) + ", \(title)"
        case (nil, nil): representative = .blank(pick("họ và tên, chức vụ", "name, title"))
        }
        let contact: Text
        switch (particulars.phone, particulars.email) {
        case let (phone?, email?): contact = Text("\(phone); \(email)")
        case let (phone?, nil): contact = Text(phone + "; ") + .blank(pick("thư điện tử", "e-mail"))
        case let (nil, email?): contact = .blank(pick("số điện thoại", "phone")) + "; \(email)"
        case (nil, nil): contact = .blank(pick("số điện thoại, thư điện tử", "phone, e-mail"))
        }
        return [
            [Text(pick("Tên", "Name")), Text(name)],
            [Text(pick("Quy định chức năng, nhiệm vụ và quyền hạn", "Functions, duties and powers")),
             .value(particulars.mandate, or: pick("văn bản quy định chức năng, nhiệm vụ", "mandate document"))],
            [Text(pick("Người đại diện, chức vụ", "Representative, title")), representative],
            [Text(pick("Địa chỉ", "Address")), .value(particulars.address, or: pick("địa chỉ", "address"))],
            [Text(pick("Thông tin liên hệ (điện thoại, thư điện tử)", "Contact (phone, e-mail)")), contact],
        ]
    }

    func particularsTable(name: String, _ particulars: Particulars) -> Block {
        .table(DocumentTable(columns: [.init(pick("Nội dung", "Item"), weight: 2), .init(pick("Thông tin", "Details"), weight: 3)],
                             rows: particularsRows(name: name, particulars), fontSize: 13))
    }

    /// The particulars of the body that owns a system: this organisation's, or nothing known of another's.
    func ownerParticulars(_ system: InfoSystem) -> Particulars {
        system.owner == org.id ? org.particulars : Particulars()
    }

    /// "Căn cứ …" lines: italic, each ending with ";" (Decree 30/2020 Appendix I).
    func legalBasis(_ lines: [String]) -> [Block] {
        lines.map { .item(.italic($0 + ";")) }
    }

    func date(_ day: Day) -> String { language == .vi ? day.vietnamese : day.description }
}
