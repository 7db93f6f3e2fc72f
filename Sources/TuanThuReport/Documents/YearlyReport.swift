import TuanThuEngine

/// The yearly report on the security of an organisation's information systems, for the data period
/// 15/12 of the year before to 14/12 of the year (Decree 331 Art. 35(3); Circular 12 Art. 13(3)):
/// - under Decree 331, the owner's letter in Form 08 (totals, owner and cybersecurity unit, the
///   12-column table), with an appendix for what Art. 36 asks and the form has no place for
///   (per-requirement status and roadmap, items 9–10);
/// - under Decree 85, a report of the 11 items of Circular 12 Art. 14.
public struct YearlyReport {
    public let year: Int
    let context: DocumentContext
    /// The regime in force at the end of the data period.
    let regime: String

    /// The data period of a year's report.
    public static func period(of year: Int) -> (start: Day, end: Day) {
        (Day(year: year - 1, month: 12, day: 15) ?? Day(ordinal: 0), Day(year: year, month: 12, day: 14) ?? Day(ordinal: 0))
    }

    public init(year: Int, organization: OrganizationResult, asOf: Day, regime: String, language: Language) {
        self.year = year
        self.context = DocumentContext(organization: organization, asOf: asOf, language: language)
        self.regime = regime
    }

    private func pick(_ vi: String, _ en: String) -> String { context.pick(vi, en) }
    private var org: Organization { context.org }
    private var systems: [SystemResult] { context.organization.systems }
    private var newRegime: Bool { DocumentContext.isNewRegime(regime) }
    private var word: String { context.security(regime) }

    public func document() -> OfficialDocument {
        let (start, end) = Self.period(of: year)
        let cutoff = min(context.asOf, end)
        // Art. 35(4)(b): the owner reports to the Ministry of Public Security before 25/12; under
        // Circular 12 Art. 13(4)(b) to the Ministry of Information and Communications, whose role
        // passed to the Ministry of Public Security on 01/03/2025 (legal/NOTES.md §5).
        let ministry = newRegime || end >= Day(year: 2025, month: 3, day: 1)!
            ? pick("Bộ Công an", "Ministry of Public Security")
            : pick("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications")
        let deadline = Day(year: year, month: 12, day: 25)!
        let unitsDeadline = Day(year: year, month: 12, day: 20)!
        let article = newRegime ? pick("Điều 35, Điều 36 Nghị định số 331/2026/NĐ-CP", "Decree 331/2026 Art. 35–36")
                                : pick("Điều 13, Điều 14 Thông tư số 12/2022/TT-BTTTT", "Circular 12/2022 Art. 13–14")
        var body: [Block] = [.paragraph(Text(pick(
            "Thực hiện quy định tại \(article), \(org.name) báo cáo kết quả công tác bảo đảm \(word) hệ thống thông tin "
                + "năm \(year) (số liệu từ ngày \(context.date(start)) đến ngày \(context.date(cutoff))) như sau:",
            "Under \(article), \(org.name) reports on the \(word) of its information systems in \(year) (data from "
                + "\(start) to \(cutoff)):")))]
        if cutoff < end {
            body.append(.note(Text(pick(
                "Số liệu tính đến ngày \(context.date(cutoff)), trước ngày chốt số liệu \(context.date(end)): cần cập nhật "
                    + "trước khi gửi.",
                "Data as of \(cutoff), before the cut-off of \(end): bring it up to date before sending."))))
        }
        body.append(.note(Text(pick(
            "Thời hạn gửi: đơn vị chuyên trách về \(word), đơn vị vận hành gửi chủ quản hệ thống thông tin trước ngày "
                + "\(context.date(unitsDeadline)); chủ quản hệ thống thông tin gửi \(ministry) trước ngày \(context.date(deadline)).",
            "Deadlines: the security unit and operators to the owner before \(unitsDeadline); the owner to the \(ministry) "
                + "before \(deadline)."))))
        body += newRegime ? form08() : circular12()
        var document = OfficialDocument(
            parentBody: org.letterhead.parent.map { Text($0) }, issuer: Text(org.name),
            number: newRegime ? context.number(kind: nil, unit: org.securityUnit?.id) : context.number(kind: "BC"),
            letterExcerpt: newRegime ? Text(pick("V/v kết quả công tác bảo đảm an ninh mạng hệ thống thông tin",
                                                 "Re: cybersecurity of information systems")) : nil,
            place: context.place, date: nil, year: year, kind: newRegime ? nil : pick("BÁO CÁO", "REPORT"),
            excerpt: newRegime ? [] : [Text(pick("Kết quả công tác bảo đảm an toàn hệ thống thông tin năm \(year)",
                                                 "Information-system security in \(year)"))],
            body: body,
            recipients: [Text(pick("Như trên;", "Addressee;")),
                         Text(pick("Lưu: VT, ", "File: ") + DocumentContext.abbreviation(ofUnit: org.securityUnit?.id ?? "vp") + ".")],
            signature: context.signature(title: org.particulars.headTitle, name: org.particulars.head))
        document.form = newRegime ? "Mẫu số 08, Phụ lục Nghị định số 331/2026/NĐ-CP" : "Điều 14 Thông tư số 12/2022/TT-BTTTT"
        document.addressees = [Text(ministry)]
        document.appendices = [requirementsAppendix()]
        return document
    }

    // MARK: - Decree 331, Form 08

    private func form08() -> [Block] {
        var blocks: [Block] = [.heading(2, Text(pick("1. Thông tin chung", "1. General")))]
        let totals = Totals(systems)
        let items: [(String, String, String)] = [
            ("Tổng số hệ thống thông tin thuộc phạm vi quản lý", "Systems under management", "\(totals.systems)"),
            ("Tổng số hệ thống thông tin đã được phân loại (đã xác định được loại hình hệ thống thông tin)",
             "Systems classified by type", "\(totals.classified)"),
            ("Tổng số hệ thống thông tin đã xây dựng hồ sơ đề xuất cấp độ", "Systems with a level dossier", "\(totals.dossiers)"),
            ("Tổng số hệ thống thông tin đã được thẩm định hồ sơ đề xuất cấp độ", "Dossiers appraised", "\(totals.appraised)"),
            ("Tổng số hệ thống thông tin đã được phê duyệt cấp độ", "Levels approved", "\(totals.approved)"),
            ("Tổng số hệ thống thông tin đã phê duyệt cấp độ được kiểm tra, đánh giá an ninh mạng định kỳ theo quy định",
             "Approved systems assessed periodically", "\(totals.assessed)"),
        ]
        for (vi, en, value) in items { blocks.append(.item(Text("- " + pick(vi, en) + ": " + value + ";"))) }
        let completion: Text
        if totals.approved == totals.systems {
            completion = Text(pick("đã hoàn thành", "done"))
        } else if let expected = totals.expectedCompletion {
            completion = Text(context.date(expected))
        } else {
            completion = .blank(pick("dự kiến thời gian (level.expected-approval của từng hệ thống chưa phê duyệt)",
                                     "expected date (level.expected-approval)"))
        }
        blocks.append(.item(Text("- " + pick("Dự kiến thời gian hoàn thành phê duyệt đề xuất cấp độ hệ thống thông tin đối "
                                             + "với tất cả các hệ thống thông tin thuộc phạm vi quản lý: ",
                                             "Expected date for approving every system: ")) + completion + "."))
        blocks.append(.heading(2, Text(pick("2. Thông tin về chủ quản hệ thống thông tin và đơn vị chuyên trách về an ninh mạng",
                                            "2. The owner and the cybersecurity unit"))))
        blocks += particulars()
        blocks.append(.heading(2, Text(pick("3. Thông tin chi tiết về các hệ thống thông tin thuộc phạm vi quản lý",
                                            "3. The systems under management"))))
        blocks.append(.table(form08Table()))
        return blocks
    }

    private func particulars() -> [Block] {
        var blocks: [Block] = []
        let owners = Array(Set(systems.map(\.system.owner))).sorted { ($0 == org.id ? "" : $0) < ($1 == org.id ? "" : $1) }
        for owner in owners.isEmpty ? [org.id] : owners {
            let particulars = owner == org.id ? org.particulars : Particulars()
            blocks.append(.paragraph(Text(pick("a) Thông tin về chủ quản hệ thống thông tin:", "a) The system owner:"))))
            blocks += numbered(name: org.ownerName(owner), particulars)
        }
        blocks.append(.paragraph(Text(pick("b) Thông tin về đơn vị chuyên trách về \(word):", "b) The \(word) unit:"))))
        let unit = org.securityUnit
        blocks += numbered(name: unit?.name, unit?.particulars ?? Particulars())
        return blocks
    }

    /// Form 08 §2's five numbered lines for one body.
    private func numbered(name: String?, _ particulars: Particulars) -> [Block] {
        let rows = context.particularsRows(name: name ?? "", particulars)
        var lines: [Block] = []
        for (index, row) in rows.enumerated() {
            let value = index == 0 && name == nil ? Text.blank(pick("tên đơn vị", "name")) : row[1]
            lines.append(.item(Text("(\(index + 1)) ") + row[0] + ": " + value + ";"))
        }
        return lines
    }

    private func form08Table() -> DocumentTable {
        let columns: [DocumentTable.Column] = [
            .init("STT", weight: 4, centered: true), .init("Tên HTTT", weight: 10), .init("Chủ quản HTTT", weight: 8),
            .init("Đơn vị vận hành HTTT", weight: 8), .init("Cấp độ đề xuất", weight: 5, centered: true),
            .init("Tình trạng phê duyệt cấp độ", weight: 7), .init("Quyết định phê duyệt cấp độ", weight: 9),
            .init("Quy chế bảo đảm ANM cho hệ thống", weight: 9), .init("Dự kiến thời điểm phê duyệt HSĐXCĐ", weight: 6),
            .init("Đã triển khai đầy đủ PA BĐANM", weight: 7), .init("Dự kiến thời điểm triển khai đầy đủ PA BĐANM", weight: 6),
            .init("Đã kiểm tra, đánh giá ANM", weight: 7),
        ]
        let rows = systems.enumerated().map { index, result -> [Text] in
            let system = result.system
            let row = SystemRow(result, context: context)
            return [Text("\(index + 1)"), Text(system.name), Text(org.ownerName(system.owner)),
                    Text(context.unitName(system.operatorUnit)),
                    system.proposedLevel.map { Text("\($0)") } ?? Text(""),
                    Text(row.approvalState), row.approvalDecision, row.regulation, row.expectedApproval,
                    Text(row.implementation), row.expectedImplementation, Text(row.inspections)]
        }
        return DocumentTable(columns: columns, numbered: true, rows: rows, fontSize: 9)
    }

    // MARK: - Decree 85, Circular 12 Art. 14

    private func circular12() -> [Block] {
        var blocks: [Block] = []
        blocks.append(.heading(2, Text(pick("1. Thông tin chung về chủ quản hệ thống thông tin, đơn vị chuyên trách về an toàn "
                                            + "thông tin, đơn vị vận hành", "1. Owner, security unit and operators"))))
        blocks += particulars()
        let operators = Array(Set(systems.map(\.system.operatorUnit))).sorted()
        for (index, unit) in operators.enumerated() {
            blocks.append(.paragraph(Text(pick("c) Đơn vị vận hành", "c) Operator") + (operators.count > 1 ? " \(index + 1)" : "")
                                          + ":")))
            blocks += numbered(name: context.unitName(unit), org.unit(unit)?.particulars ?? Particulars())
        }
        let rows = systems.map { SystemRow($0, context: context) }
        blocks.append(.heading(2, Text(pick("2. Danh sách các hệ thống thông tin thuộc phạm vi quản lý",
                                            "2. Systems under management"))))
        blocks.append(.table(DocumentTable(
            columns: [.init("STT", weight: 1, centered: true), .init(pick("Tên hệ thống", "System"), weight: 6),
                      .init(pick("Đơn vị vận hành", "Operator"), weight: 4),
                      .init(pick("Cấp độ đề xuất", "Proposed level"), weight: 2, centered: true)],
            rows: systems.enumerated().map { index, result in
                [Text("\(index + 1)"), Text(result.system.name), Text(context.unitName(result.system.operatorUnit)),
                 result.system.proposedLevel.map { Text("\($0)") } ?? Text("")]
            }, fontSize: 12)))
        func list(_ number: Int, _ vi: String, _ en: String, _ include: (SystemRow) -> String?) {
            blocks.append(.heading(2, Text("\(number). " + pick(vi, en))))
            let chosen = rows.compactMap { row in include(row).map { (row.system.name, $0) } }
            if chosen.isEmpty { blocks.append(.item(Text(pick("- Không có.", "- None.")))) }
            for (name, detail) in chosen {
                blocks.append(.item(Text("- " + name + (detail.isEmpty ? "" : " (\(detail))") + ";")))
            }
        }
        list(3, "Danh sách hệ thống thông tin được phê duyệt Hồ sơ đề xuất cấp độ theo quy định",
             "Systems whose level dossier is approved") { $0.system.approval != nil ? $0.approvalDecision.plain : nil }
        list(4, "Danh sách hệ thống thông tin đã triển khai đầy đủ, mới triển khai một phần hoặc chưa triển khai các biện pháp "
                + "bảo vệ theo phương án được phê duyệt", "Systems by implementation of the approved plan") { $0.implementation }
        list(5, "Danh sách hệ thống thông tin có Quy chế bảo đảm an toàn thông tin theo quy định",
             "Systems with a security regulation") { $0.system.regulation != nil ? $0.regulation.plain : nil }
        list(6, "Danh sách hệ thống thông tin tuân thủ các quy định, quy trình trong Quy chế bảo đảm an toàn thông tin",
             "Systems complying with their regulation") { $0.regulationFollowed ? "" : nil }
        list(7, "Danh sách hệ thống thông tin được kiểm tra, đánh giá theo quy định",
             "Systems inspected and assessed as required") { $0.inspections.isEmpty ? nil : $0.inspections }
        blocks.append(.heading(2, Text(pick("8–9. Đánh giá việc triển khai phương án theo từng tiêu chí, yêu cầu; kế hoạch, lộ trình "
                                            + "hoàn thiện", "8–9. Implementation per requirement; roadmap"))))
        blocks.append(.paragraph(Text(pick("Chi tiết tại Phụ lục kèm theo báo cáo này.", "See the appendix."))))
        list(10, "Thông tin Quyết định ban hành và Quy chế bảo đảm an toàn thông tin", "Regulations issued") {
            $0.system.regulation != nil ? $0.regulation.plain : nil
        }
        blocks.append(.heading(2, Text(pick("11. Các thông tin khác theo yêu cầu của cơ quan có thẩm quyền",
                                            "11. Other information requested"))))
        blocks.append(.item(Text("- ") + .blank(pick("nếu có", "if any"))))
        return blocks
    }

    // MARK: - Appendix: per requirement

    /// Decree 331 Art. 36(9)–(10), Circular 12 Art. 14(8)–(9): for each system, the requirements met and
    /// not met, and the plan to complete those not met.
    private func requirementsAppendix() -> Appendix {
        let lang = context.language
        var body: [Block] = []
        let dues = Dictionary(context.organization.plan.map { ("\($0.system)\u{0}\($0.rule)", $0.due) }, uniquingKeysWith: min)
        for (index, result) in systems.enumerated() {
            let compliance = result.compliance
            body.append(.heading(2, Text("\(index + 1). \(result.system.name)")))
            body.append(.paragraph(Text(pick(
                "Cấp độ \(result.effectiveLevel); yêu cầu đã đáp ứng: \(compliance.passed); chưa đáp ứng đầy đủ: "
                    + "\(compliance.failed); cần kiểm tra thủ công: \(compliance.manual); chưa khai báo: \(compliance.notAssessed).",
                "Level \(result.effectiveLevel); met: \(compliance.passed); not fully met: \(compliance.failed); to check "
                    + "by hand: \(compliance.manual); not declared: \(compliance.notAssessed)."))))
            let open = result.findings.filter { $0.group != nil && ($0.status == .fail || $0.status == .waived
                                                                   || $0.status == .notAssessed || $0.status == .error) }
            guard !open.isEmpty else { continue }
            body.append(.table(DocumentTable(
                columns: [.init(pick("Yêu cầu chưa đáp ứng đầy đủ", "Requirement not fully met"), weight: 8),
                          .init(pick("Lộ trình hoàn thiện", "Roadmap"), weight: 7),
                          .init(pick("Thời hạn", "By"), weight: 3, centered: true)],
                rows: open.map { finding in
                    let due = dues["\(result.system.id)\u{0}\(finding.rule)"]
                    return [Text(finding.rule + " — " + finding.title[lang]),
                            Text(finding.status == .waived ? pick("Chấp nhận rủi ro có thời hạn", "Risk accepted for a time")
                                 : finding.remediation[lang]),
                            due.map { Text(context.date($0)) } ?? Text("")]
                }, fontSize: 11)))
        }
        return Appendix(title: [Text(pick("Phụ lục", "Appendix")),
                                Text(pick("ĐÁNH GIÁ VIỆC TRIỂN KHAI PHƯƠNG ÁN BẢO ĐẢM \(word.uppercased()) THEO TỪNG YÊU CẦU",
                                          "IMPLEMENTATION OF THE \(word.uppercased()) PLAN PER REQUIREMENT")),
                                Text.italic(pick("(Kèm theo Báo cáo số       /       ngày     tháng     năm \(year))",
                                                 "(Attached to report no.       of       \(year))"))],
                        body: body)
    }
}

/// Form 08 §1's totals.
struct Totals {
    var systems = 0, classified = 0, dossiers = 0, appraised = 0, approved = 0, assessed = 0
    var expectedCompletion: Day?

    init(_ results: [SystemResult]) {
        var expected: [Day] = []
        var unknown = false
        for result in results {
            let system = result.system
            systems += 1
            classified += 1
            if system.proposedLevel != nil { dossiers += 1 }
            if system.approval != nil || system.dossierState == .appraised { appraised += 1 }
            if system.approval != nil {
                approved += 1
                if result.assessedPeriodically { assessed += 1 }
            } else if let day = system.expectedApproval {
                expected.append(day)
            } else {
                unknown = true
            }
        }
        expectedCompletion = unknown ? nil : expected.max()
    }
}

extension SystemResult {
    /// Assessed within the cycle its level asks for.
    var assessedPeriodically: Bool {
        findings.contains { $0.rule == "ASSESSMENT.OVERDUE" && $0.status == .pass }
    }
}

/// One system's line of the report, in the words of Form 08's notes.
struct SystemRow {
    let result: SystemResult
    let context: DocumentContext
    var system: InfoSystem { result.system }

    init(_ result: SystemResult, context: DocumentContext) {
        self.result = result
        self.context = context
    }

    /// Column (6): "Đang dự thảo", "Đã gửi thẩm định", "Đã thẩm định", "Đã được phê duyệt".
    var approvalState: String {
        if system.approval != nil { return context.pick("Đã được phê duyệt", "Approved") }
        switch system.dossierState {
        case .submitted: return context.pick("Đã gửi thẩm định", "Submitted for appraisal")
        case .appraised: return context.pick("Đã thẩm định", "Appraised")
        case .drafting: return context.pick("Đang dự thảo", "Being drafted")
        case nil:
            return system.proposedLevel == nil ? context.pick("Chưa xây dựng hồ sơ", "No dossier yet")
                : context.pick("Đang dự thảo", "Being drafted")
        }
    }

    /// Column (7): number, date and approving body.
    var approvalDecision: Text {
        guard let approval = system.approval else { return Text("") }
        let org = context.org
        let body: String
        switch approval.approver {
        case .systemOwner: body = org.ownerName(system.owner)
        case .securityUnit: body = org.securityUnit?.name ?? context.pick("Đơn vị chuyên trách", "Security unit")
        case .primeMinister: body = context.pick("Thủ tướng Chính phủ", "Prime Minister")
        }
        return Text("\(approval.decision), \(context.date(approval.date)), \(body)")
    }

    /// Column (8): the system's security regulation, if any.
    var regulation: Text {
        guard let regulation = system.regulation else { return Text("") }
        return Text([regulation.decision, context.date(regulation.date), regulation.issuer].compactMap { $0 }
            .joined(separator: ", "))
    }

    /// Column (9): when approval is expected, for a system not yet approved.
    var expectedApproval: Text {
        guard system.approval == nil else { return Text("") }
        return system.expectedApproval.map { Text(context.date($0)) } ?? .blank(context.pick("dự kiến", "expected"))
    }

    /// Column (10): "Chưa triển khai", "Đã triển khai một số hạng mục", "Đã triển khai đầy đủ".
    var implementation: String {
        if fullyImplemented { return context.pick("Đã triển khai đầy đủ", "Fully implemented") }
        if result.compliance.passed == 0 { return context.pick("Chưa triển khai", "Not implemented") }
        return context.pick("Đã triển khai một số hạng mục", "Partly implemented")
    }

    /// Every requirement at the level is met: none failed, unchecked or undeclared.
    var fullyImplemented: Bool {
        let compliance = result.compliance
        return compliance.passed > 0 && compliance.failed == 0 && compliance.notAssessed == 0 && compliance.manual == 0
    }

    /// Column (11): the remediation plan's last due date for the requirements still open.
    var expectedImplementation: Text {
        guard !fullyImplemented else { return Text("") }
        let open = Set(result.findings.filter { $0.group != nil && $0.status != .pass && $0.status != .notApplicable }
            .map(\.rule))
        let dues = context.organization.plan.filter { $0.system == system.id && open.contains($0.rule) }.map(\.due)
        return dues.max().map { Text(context.date($0)) } ?? .blank(context.pick("dự kiến", "expected"))
    }

    /// Column (12): "Trước khi đưa vào sử dụng", "Định kỳ", both, or blank.
    var inspections: String {
        let before = system.assessments.contains { $0.date <= system.inService }
            || system.controls["PROC.PRE-OPERATION"]?.status == .implemented
        let periodic = system.assessments.contains { $0.date > system.inService } && result.assessedPeriodically
        return [before ? context.pick("Trước khi đưa vào sử dụng", "Before going into service") : nil,
                periodic ? context.pick("Định kỳ", "Periodic") : nil].compactMap { $0 }.joined(separator: "; ")
    }

    /// The regulation is followed: the audit finds it issued and its procedures kept.
    var regulationFollowed: Bool {
        system.regulation != nil && system.controls["PROC.REGULATION"]?.status == .implemented
    }
}
