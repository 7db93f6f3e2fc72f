import TuanThuEngine

/// The department's half-year report on its own security plan, for organisations whose policy sets a
/// report in the first half of the year (the sample's digital-transformation plan: before 10 June).
/// No official outline exists (legal/NOTES.md §7: provinces set their own); this one follows the
/// usual shape of a state report: the situation, what the plan achieved in the half, what remains,
/// and the tasks of the next period, each from the audit and the remediation plan.
public struct HalfYearReport {
    public let year: Int
    /// The policy's half-year deadline.
    public let deadline: ReportingDeadline
    let context: DocumentContext

    public init(year: Int, deadline: ReportingDeadline, organization: OrganizationResult, asOf: Day, language: Language) {
        self.year = year
        self.deadline = deadline
        self.context = DocumentContext(organization: organization, asOf: asOf, language: language)
    }

    /// The policy's report due in the first half of the year, other than the law's yearly one.
    public static func deadline(in policy: PlanPolicy) -> ReportingDeadline? {
        policy.reporting.filter { $0.month <= 6 }.min { ($0.month, $0.day) < ($1.month, $1.day) }
    }

    private func pick(_ vi: String, _ en: String) -> String { context.pick(vi, en) }

    public func document() -> OfficialDocument {
        let org = context.org
        let lang = context.language
        let due = Day(year: year, month: deadline.month, day: deadline.day) ?? context.asOf
        let systems = context.organization.systems
        let plan = context.organization.plan
        var body: [Block] = [.paragraph(Text(pick(
            "Thực hiện \(deadline.source.citation(lang)), \(org.name) báo cáo kết quả thực hiện nhiệm vụ bảo đảm an toàn "
                + "thông tin, an ninh mạng 6 tháng đầu năm \(year) (số liệu đến ngày \(context.date(context.asOf))) như sau:",
            "Under \(deadline.source.citation(lang)), \(org.name) reports on its information security in the first half "
                + "of \(year) (data as of \(context.asOf)):")))]
        body.append(.note(Text(pick("Thời hạn gửi: trước ngày \(context.date(due)).", "Due before \(due)."))))
        body.append(.heading(1, Text(pick("I. TÌNH HÌNH CHUNG", "I. THE SITUATION"))))
        body.append(.table(DocumentTable(
            columns: [.init("STT", weight: 1, centered: true), .init(pick("Hệ thống thông tin", "System"), weight: 6),
                      .init(pick("Cấp độ đề xuất/được duyệt", "Level proposed/approved"), weight: 3, centered: true),
                      .init(pick("Tình trạng phê duyệt", "Approval"), weight: 3),
                      .init(pick("Yêu cầu đạt", "Requirements met"), weight: 3, centered: true)],
            rows: systems.enumerated().map { index, result in
                let system = result.system
                let levels = "\(system.proposedLevel.map(String.init) ?? "—")/\(system.approvedLevel.map(String.init) ?? "—")"
                let compliance = result.compliance
                return [Text("\(index + 1)"), Text(system.name), Text(levels), Text(SystemRow(result, context: context).approvalState),
                        Text(compliance.percent.map { "\($0)% (\(compliance.passed)/\(compliance.passed + compliance.failed))" } ?? "—")]
            }, fontSize: 12)))
        let thisHalf = plan.filter { $0.due <= due }
        let next = plan.filter { $0.due > due }
        body.append(.heading(1, Text(pick("II. KẾT QUẢ THỰC HIỆN VÀ NHỮNG VIỆC CÒN TỒN TẠI", "II. RESULTS AND WHAT REMAINS"))))
        let waived = thisHalf.filter { $0.status == .waived }.count
        body.append(.paragraph(Text(pick(
            "Đến ngày \(context.date(context.asOf)) còn \(thisHalf.count) việc trong kế hoạch khắc phục đến hạn trước ngày "
                + "\(context.date(due)) chưa hoàn thành (trong đó \(thisHalf.filter(\.overdue).count) việc đã quá hạn, \(waived) "
                + "việc được chấp nhận rủi ro có thời hạn):",
            "As of \(context.asOf), \(thisHalf.count) remediation items due before \(due) are still open (\(thisHalf.filter(\.overdue).count) "
                + "overdue, \(waived) with a risk accepted for a time):"))))
        body += items(thisHalf)
        body.append(.heading(1, Text(pick("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM", "III. TASKS FOR THE SECOND HALF"))))
        body += items(next)
        let recipient = Text.value(org.letterhead.parent, or: pick("cơ quan nhận báo cáo", "recipient"))
        var document = OfficialDocument(
            parentBody: org.letterhead.parent.map { Text($0) }, issuer: Text(org.name), number: context.number(kind: "BC"),
            place: context.place, date: nil, year: year, kind: pick("BÁO CÁO", "REPORT"),
            excerpt: [Text(pick("Kết quả thực hiện nhiệm vụ bảo đảm an toàn thông tin, an ninh mạng 6 tháng đầu năm \(year)",
                                "Information security in the first half of \(year)"))],
            body: body,
            recipients: [Text.value(org.letterhead.parent, or: pick("cơ quan nhận báo cáo", "recipient")) + ";",
                         Text(pick("Lưu: VT, ", "File: ")) + Text(DocumentContext.abbreviation(ofUnit: org.securityUnit?.id ?? "vp")) + "."],
            signature: context.signature(title: org.particulars.headTitle, name: org.particulars.head))
        document.form = deadline.title[lang]
        document.addressees = [recipient]
        return document
    }

    private func items(_ items: [PlanItem]) -> [Block] {
        guard !items.isEmpty else { return [.item(Text(pick("- Không có.", "- None.")))] }
        let lang = context.language
        let names = Dictionary(context.organization.systems.map { ($0.system.id, $0.system.name) }, uniquingKeysWith: { a, _ in a })
        return [.table(DocumentTable(
            columns: [.init(pick("Việc cần làm", "Action"), weight: 8), .init(pick("Hệ thống", "System"), weight: 4),
                      .init(pick("Đơn vị thực hiện", "By"), weight: 3), .init(pick("Thời hạn", "Due"), weight: 2, centered: true)],
            rows: items.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map { item in
                [Text(item.rule + " — " + item.title[lang]), Text(names[item.system] ?? context.org.name), Text(item.responsibleName),
                 Text(context.date(item.due) + (item.overdue ? pick(" (quá hạn)", " (overdue)") : ""))]
            }, fontSize: 11))]
    }
}
