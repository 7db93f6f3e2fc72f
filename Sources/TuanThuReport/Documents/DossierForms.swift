import TuanThuEngine

/// The forms around a level dossier under Decree 331/2026 (Appendix, Forms 01, 02, 05, 06), filled in
/// from the inventory, each routed as Art. 18 has it for the proposed level:
/// - levels 1–2: the operator asks the cybersecurity unit to appraise and approve (Form 01); the
///   cybersecurity unit approves (Form 06, issued by it);
/// - levels 3–4: the operator asks the appraising body (Form 02: the cybersecurity unit at level 3,
///   the Ministry of Public Security at level 4), submits to the owner (Form 05), who approves (Form 06);
/// - level 5: the Prime Minister approves the list of systems critical to national security; Form 02
///   asks for appraisal and Form 06 does not apply.
/// The form's text is kept word for word (docs/legal-research/nd331-forms.md); the parts in brackets
/// of the form are filled, or left as marked blanks.
struct DossierForms {
    let context: DocumentContext
    let result: SystemResult

    private var system: InfoSystem { result.system }
    private var org: Organization { context.org }
    private var level: Int? { system.proposedLevel }

    /// The forms this system's proposal needs, each with its file-name suffix.
    func documents() -> [(String, OfficialDocument)] {
        guard let level else { return [] }
        switch level {
        case 1, 2: return [("form-01", form01()), ("form-06", form06(byCybersecurityUnit: true))]
        case 3, 4: return [("form-02", form02()), ("form-05", form05()), ("form-06", form06(byCybersecurityUnit: false))]
        default: return [("form-02", form02())]
        }
    }

    private var securityUnit: OrgUnit? { org.securityUnit }
    private var securityUnitName: Text {
        .value(securityUnit?.name, or: "Đơn vị chuyên trách về an ninh mạng")
    }
    private var operatorName: String { context.unitName(system.operatorUnit) }

    /// The issuer of a document the operator sends. Inside the organisation (to its own cybersecurity
    /// unit or head) the operator unit issues it under the organisation's name; to a body outside, the
    /// organisation issues it and the unit drafts it (Decree 30/2020 Appendix I: a letter's symbol is
    /// the body's abbreviation and the drafting unit's).
    private func fromOperator(kind: String?, inside: Bool) -> (Text?, Text, Text) {
        guard org.unit(system.operatorUnit) != nil else {
            return (org.letterhead.parent.map { Text($0) }, Text(org.name), context.number(kind: kind))
        }
        let unit = DocumentContext.abbreviation(ofUnit: system.operatorUnit)
        if inside {
            let symbol = kind.map { "\($0)-\(unit)" } ?? unit
            return (Text(org.name), Text(operatorName), Text("       /" + symbol))
        }
        return (org.letterhead.parent.map { Text($0) }, Text(org.name), context.number(kind: kind, unit: kind == nil ? system.operatorUnit : nil))
    }

    private var legalBasis: [Block] {
        context.legalBasis(["Căn cứ Luật An ninh mạng số 116/2025/QH15",
                            "Căn cứ Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026 của Chính phủ về bảo vệ an ninh mạng đối với hệ thống thông tin"])
    }

    private func generalInformation(_ heading: String = "Phần 1. Thông tin chung") -> [Block] {
        [.heading(2, Text(heading)),
         .item(Text("1. Tên hệ thống thông tin: " + system.name)),
         .item(Text("2. Đơn vị vận hành hệ thống thông tin: " + operatorName)),
         .item(Text("3. Địa chỉ: ") + .value(org.unit(system.operatorUnit)?.particulars.address ?? org.particulars.address,
                                              or: "địa chỉ")),
         .item(Text("4. Cấp độ hệ thống thông tin đề xuất: " + (level.map { "cấp độ \($0)" } ?? "")))]
    }

    private func attachments(expertOpinion: Bool, appraisal: Bool) -> [Block] {
        var items = ["1. Tài liệu mô tả, thuyết minh tổng quan về hệ thống thông tin.",
                     "2. Tài liệu thiết kế thi công đã được cấp có thẩm quyền phê duyệt hoặc tài liệu có giá trị tương đương.",
                     "3. Tài liệu thuyết minh về việc đề xuất cấp độ căn cứ trên các tiêu chí theo quy định của pháp luật.",
                     "4. Tài liệu thuyết minh phương án bảo đảm an ninh mạng theo cấp độ tương ứng."]
        if expertOpinion {
            items.append("5. Ý kiến về mặt chuyên môn của đơn vị chuyên trách về an ninh mạng của chủ quản hệ thống thông tin "
                         + "(đối với hệ thống thông tin đề xuất cấp độ 4 hoặc cấp độ 5).")
        }
        if appraisal {
            items.append("\(items.count + 1). Ý kiến thẩm định của cơ quan phối hợp thẩm định đối với hệ thống thông tin "
                         + "đề xuất từ cấp độ 3 trở lên.")
        }
        return [.heading(2, Text("Phần 2. Hồ sơ kèm theo"))] + items.map { .item(Text($0)) }
    }

    private var signature: Signature {
        let particulars = org.unit(system.operatorUnit)?.particulars ?? org.particulars
        return context.signature(title: particulars.headTitle, name: particulars.head,
                                 instruction: nil)
    }

    private func recipients(_ first: String = "Như trên") -> [Text] {
        [Text(first + ";"), Text("Lưu: VT, " + DocumentContext.abbreviation(ofUnit: system.operatorUnit) + ".")]
    }

    /// Form 01: levels 1–2, to the cybersecurity unit, for appraisal and approval.
    private func form01() -> OfficialDocument {
        let (parent, issuer, number) = fromOperator(kind: nil, inside: securityUnit != nil)
        return request(form: "Mẫu số 01", parent: parent, issuer: issuer, number: number, to: securityUnitName,
                       excerpt: "V/v đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ", expertOpinion: false,
                       closing: issuer + " đề nghị " + securityUnitName + " thẩm định và phê duyệt hồ sơ đề xuất cấp độ "
                           + "của hệ thống thông tin " + system.name)
    }

    /// Form 02: levels 3–5, to the appraising body.
    private func form02() -> OfficialDocument {
        let (parent, issuer, number) = fromOperator(kind: nil, inside: (level ?? 0) < 4 && securityUnit != nil)
        let appraiser: Text = (level ?? 0) >= 4
            ? Text("Bộ Công an (") + .blank("đơn vị chủ trì thẩm định") + ")"
            : securityUnitName
        var closing = issuer + " đề nghị " + appraiser + " cho ý kiến thẩm định hồ sơ đề xuất cấp độ hệ thống thông tin "
            + "đối với " + system.name
        if (level ?? 0) >= 5 || system.classification.nationalSecurityCritical {
            // The form's footnote: the request to list the system as critical to national security.
            closing.append(", đồng thời đề nghị đưa hệ thống vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia")
        }
        return request(form: "Mẫu số 02", parent: parent, issuer: issuer, number: number, to: appraiser,
                       excerpt: "V/v đề nghị thẩm định hồ sơ đề xuất cấp độ", expertOpinion: (level ?? 0) >= 4,
                       closing: closing)
    }

    /// Forms 01 and 02 share their body: the request, the general information, the attachments, the closing.
    private func request(form: String, parent: Text?, issuer: Text, number: Text, to addressee: Text, excerpt: Text,
                         expertOpinion: Bool, closing: Text) -> OfficialDocument {
        var body = legalBasis
        body.append(.paragraph(issuer + " đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ với các nội dung sau:"))
        body += generalInformation()
        body += attachments(expertOpinion: expertOpinion, appraisal: false)
        body.append(.paragraph(closing + "."))
        var document = OfficialDocument(
            parentBody: parent, issuer: issuer, number: number, letterExcerpt: excerpt, place: context.place, date: nil,
            year: context.asOf.year, kind: nil, excerpt: [], body: body, recipients: recipients(), signature: signature)
        document.form = "\(form), Phụ lục Nghị định số 331/2026/NĐ-CP"
        document.addressees = [addressee]
        return document
    }

    /// Form 05: levels 3–4, the submission to the owner for approval.
    private func form05() -> OfficialDocument {
        let (parent, issuer, number) = fromOperator(kind: "TTr", inside: system.owner == org.id)
        let owner = org.ownerName(system.owner)
        var body = legalBasis
        body.append(.item(.italic("Căn cứ ý kiến thẩm định của đơn vị chuyên trách về an ninh mạng/cơ quan thẩm định.")))
        body.append(.paragraph(issuer + " trình phê duyệt hồ sơ đề xuất cấp độ với các nội dung sau:"))
        body += generalInformation()
        body += attachments(expertOpinion: (level ?? 0) >= 4, appraisal: true)
        body.append(.paragraph(issuer + " trình " + owner + " xem xét, quyết định phê duyệt đề xuất cấp độ của hệ thống "
                               + "thông tin " + system.name + "."))
        var document = OfficialDocument(
            parentBody: parent, issuer: issuer, number: number, place: context.place, date: nil,
            year: context.asOf.year, kind: "TỜ TRÌNH", excerpt: ["Về việc phê duyệt đề xuất cấp độ"], body: body,
            recipients: recipients(), signature: signature)
        document.form = "Mẫu số 05, Phụ lục Nghị định số 331/2026/NĐ-CP"
        document.addressees = [Text(owner)]
        return document
    }

    /// Form 06: the approval decision, issued by the owner (levels 3–4) or, for levels 1–2, by the
    /// cybersecurity unit that approves them (Art. 18(1)).
    private func form06(byCybersecurityUnit: Bool) -> OfficialDocument {
        let owner = org.ownerName(system.owner)
        let parent: Text?, issuer: Text, number: Text, signer: Signature, head: Text
        if byCybersecurityUnit {
            parent = Text(org.name)
            issuer = securityUnitName
            number = Text("       /QĐ-" + DocumentContext.abbreviation(ofUnit: securityUnit?.id ?? "")) 
            signer = context.signature(title: securityUnit?.particulars.headTitle, name: securityUnit?.particulars.head)
            head = Text((securityUnit?.particulars.headTitle ?? "THỦ TRƯỞNG ĐƠN VỊ CHUYÊN TRÁCH VỀ AN NINH MẠNG").uppercased())
        } else {
            parent = system.owner == org.id ? org.letterhead.parent.map { Text($0) } : nil
            issuer = Text(owner)
            number = system.owner == org.id ? context.number(kind: "QĐ") : Text("       /QĐ-") + .blank("ký hiệu")
            signer = context.signature(title: context.ownerParticulars(system).headTitle,
                                       name: context.ownerParticulars(system).head)
            head = Text((context.ownerParticulars(system).headTitle.map { "\($0) \(owner)" } ?? "THỦ TRƯỞNG CƠ QUAN TỔ CHỨC")
                .uppercased())
        }
        let proposer = Text(operatorName)
        let level = self.level.map(String.init) ?? ""
        let standard = Labels.baseline(result.standing.requirements.baseline)
        var body = legalBasis
        body.append(.item(.italic("Xét đề nghị của " + (org.unit(system.operatorUnit) != nil ? operatorName : org.name) + ".")))
        body.append(.centered("QUYẾT ĐỊNH:"))
        body.append(.paragraph(Text([.bold("Điều 1. ")]) + "Phê duyệt cấp độ hệ thống thông tin đối với " + system.name
                               + " cụ thể như sau:"))
        body.append(.item(Text("1. Thông tin chung")))
        body.append(.item(Text("a) Tên hệ thống thông tin: " + system.name)))
        body.append(.item(Text("b) Đơn vị vận hành hệ thống thông tin: " + operatorName)))
        body.append(.item(Text("c) Địa chỉ: ") + .value(org.unit(system.operatorUnit)?.particulars.address
                                                          ?? org.particulars.address, or: "địa chỉ")))
        body.append(.item(Text("2. Cấp độ hệ thống thông tin: cấp độ \(level)")))
        body.append(.item(Text("3. Phương án bảo đảm an ninh mạng:")))
        body.append(.item(Text("a) Phương án bảo đảm an ninh mạng trong thiết kế hệ thống thông tin tương ứng với cấp độ "
                               + "\(level) là phù hợp với tiêu chuẩn quốc gia \(standard), quy chuẩn kỹ thuật quốc gia ")
                          + .blank("tên quy chuẩn, nếu có") + " về bảo đảm an ninh mạng theo cấp độ."))
        body.append(.item(Text("b) Phương án bảo đảm an ninh mạng trong quá trình vận hành hệ thống tương ứng với cấp độ "
                               + "\(level) là phù hợp với tiêu chuẩn quốc gia \(standard), quy chuẩn kỹ thuật quốc gia ")
                          + .blank("tên quy chuẩn, nếu có") + " về bảo đảm an ninh mạng theo cấp độ."))
        body.append(.paragraph(Text([.bold("Điều 2. Tổ chức thực hiện")])))
        body.append(.item("1. " + proposer + " chịu trách nhiệm:"))
        body.append(.item(Text("a) Thực hiện trách nhiệm bảo đảm an ninh mạng hệ thống thông tin mình quản lý theo các quy "
                               + "định tại Điều 33 Nghị định số 331/2026/NĐ-CP.")))
        body.append(.paragraph(Text([.bold("Điều 3. Điều khoản thi hành")])))
        body.append(.item("1. " + proposer + " và các cơ quan liên quan khác chịu trách nhiệm thi hành Quyết định này."))
        body.append(.item(Text("2. Đơn vị chuyên trách về an ninh mạng chịu trách nhiệm kiểm tra, giám sát việc thực hiện "
                               + "Quyết định này báo cáo " + owner + " theo quy định của pháp luật.")))
        var document = OfficialDocument(
            parentBody: parent, issuer: issuer, number: number, place: context.place, date: nil,
            year: context.asOf.year, kind: "QUYẾT ĐỊNH", excerpt: ["Về việc phê duyệt cấp độ hệ thống thông tin"],
            body: body, recipients: recipients("Như Điều 3"),
            signature: signer)
        document.form = "Mẫu số 06, Phụ lục Nghị định số 331/2026/NĐ-CP"
        document.authority = [head]
        return document
    }
}
