import TuanThuEngine
import TuanThuHistory

/// `report --year YYYY --consolidate`: one report over every organisation in the history, for a
/// province's departments or a ministry's units — levels and approvals by unit, compliance by
/// group, the worst gaps and the progress over the year — as a state-format document (.docx and
/// .md) and as JSON.
public struct ConsolidatedReport {
    let consolidation: Consolidation
    /// The consolidating body, when the workspace declares it (its one inventory's organisation).
    let issuer: Organization?
    let language: Language

    public init(_ consolidation: Consolidation, issuer: Organization?, language: Language) {
        self.consolidation = consolidation
        self.issuer = issuer
        self.language = language
    }

    private func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    private func date(_ day: Day) -> String { language == .vi ? day.vietnamese : day.description }
    private func percent(_ compliance: Compliance) -> String {
        compliance.percent.map { "\($0)% (\(compliance.passed)/\(compliance.passed + compliance.failed))" } ?? "—"
    }

    public var fileStem: String { "consolidated-\(consolidation.year)" }

    public func document() -> OfficialDocument {
        let c = consolidation
        let units = c.units
        var body: [Block] = [.paragraph(Text(pick(
            "Tổng hợp kết quả kiểm tra bảo đảm an toàn hệ thống thông tin theo cấp độ của \(units.count + c.silent.count) "
                + "cơ quan, đơn vị trong kho lịch sử của công cụ tuanthu, kỳ số liệu từ ngày \(date(c.start)) đến ngày "
                + "\(date(c.cutoff)); mỗi đơn vị lấy lần kiểm tra cuối cùng trong kỳ.",
            "Consolidated results of the security-by-level audits of \(units.count + c.silent.count) organisations "
                + "recorded in tuanthu's history, data from \(c.start) to \(c.cutoff); each organisation's last audit "
                + "in the period.")))]
        body.append(.heading(1, Text(pick("I. CẤP ĐỘ VÀ PHÊ DUYỆT THEO ĐƠN VỊ", "I. LEVELS AND APPROVALS BY UNIT"))))
        body.append(.table(DocumentTable(
            columns: [.init("STT", weight: 1, centered: true), .init(pick("Cơ quan, đơn vị", "Organisation"), weight: 6),
                      .init(pick("Ngày kiểm tra", "Audited"), weight: 3, centered: true),
                      .init(pick("Số HTTT", "Systems"), weight: 2, centered: true)]
                + (1...5).map { .init(pick("Cấp \($0)", "L\($0)"), weight: 1, centered: true) }
                + [.init(pick("Đã phê duyệt", "Approved"), weight: 2, centered: true),
                   .init(pick("Tồn tại nghiêm trọng/cao", "Open critical/high"), weight: 3, centered: true),
                   .init(pick("Tuân thủ", "Compliance"), weight: 3, centered: true)],
            rows: units.enumerated().map { index, unit in
                let figures = unit.summary.figures
                let levels = (1...5).map { level in Text("\(unit.run.systems.filter { $0.effectiveLevel == level }.count)") }
                let serious = "\(figures.openBySeverity[.critical] ?? 0)/\(figures.openBySeverity[.high] ?? 0)"
                return [Text("\(index + 1)"), Text(unit.summary.organizationName), Text(date(unit.summary.asOf)),
                        Text("\(figures.systems)")] + levels
                    + [Text("\(figures.approved)/\(figures.systems)"), Text(serious), Text(percent(figures.compliance))]
            }, fontSize: 10)))
        if !c.silent.isEmpty {
            body.append(.paragraph(Text(pick("Chưa có kết quả kiểm tra trong kỳ:", "No audit recorded in the period:"))))
            for unit in c.silent {
                let last = unit.lastAsOf.map { pick(" (lần cuối ngày \(date($0)))", " (last on \($0))") } ?? ""
                body.append(.item(Text("- \(unit.name)\(last);")))
            }
        }
        body.append(.heading(1, Text(pick("II. MỨC ĐÁP ỨNG YÊU CẦU THEO NHÓM", "II. COMPLIANCE BY REQUIREMENT GROUP"))))
        let groups = c.byGroup
        body.append(.table(DocumentTable(
            columns: [.init("STT", weight: 1, centered: true), .init(pick("Nhóm yêu cầu", "Requirement group"), weight: 8),
                      .init(pick("Đạt / đã đánh giá", "Met / assessed"), weight: 4, centered: true)],
            rows: RequirementGroup.allCases.filter { groups[$0] != nil }.enumerated().map { index, group in
                [Text("\(index + 1)"), Text(Labels.group(group, language)), Text(percent(groups[group] ?? Compliance()))]
            }, fontSize: 12)))
        body.append(.heading(1, Text(pick("III. NHỮNG TỒN TẠI NGHIÊM TRỌNG NHẤT", "III. THE WORST GAPS"))))
        let worst = c.worstGaps(limit: 20)
        if worst.isEmpty {
            body.append(.item(Text(pick("- Không có tồn tại mức nghiêm trọng hoặc cao.", "- No critical or high gap."))))
        } else {
            body.append(.table(DocumentTable(
                columns: [.init("STT", weight: 1, centered: true), .init(pick("Đơn vị", "Unit"), weight: 4),
                          .init(pick("Hệ thống", "System"), weight: 3), .init(pick("Nội dung", "Gap"), weight: 8),
                          .init(pick("Mức", "Severity"), weight: 2, centered: true),
                          .init(pick("Thời hạn", "Due"), weight: 3, centered: true)],
                rows: worst.enumerated().map { index, entry in
                    let due = entry.gap.due.map { date($0) + (entry.gap.overdue ? pick(" (quá hạn)", " (overdue)") : "") } ?? "—"
                    return [Text("\(index + 1)"), Text(entry.unit.organizationName), Text(entry.gap.system),
                            Text("\(entry.gap.rule): \(entry.gap.message[language])"),
                            Text(Labels.severity(entry.gap.severity, language)), Text(due)]
                }, fontSize: 10)))
        }
        body.append(.heading(1, Text(pick("IV. DIỄN BIẾN TRONG KỲ", "IV. PROGRESS OVER THE PERIOD"))))
        body.append(.table(DocumentTable(
            columns: [.init(pick("Đến ngày", "As of"), weight: 3, centered: true),
                      .init(pick("Số đơn vị", "Units"), weight: 2, centered: true),
                      .init(pick("HTTT đã phê duyệt", "Systems approved"), weight: 3, centered: true),
                      .init(pick("Tồn tại nghiêm trọng/cao", "Open critical/high"), weight: 3, centered: true),
                      .init(pick("Tổng tồn tại", "Open gaps"), weight: 2, centered: true),
                      .init(pick("Tuân thủ", "Compliance"), weight: 3, centered: true)],
            rows: c.progress.map { point in
                let f = point.figures
                return [Text(date(point.day)), Text("\(point.units)"), Text("\(f.approved)/\(f.systems)"),
                        Text("\(f.openBySeverity[.critical] ?? 0)/\(f.openBySeverity[.high] ?? 0)"), Text("\(f.openGaps)"),
                        Text(percent(f.compliance))]
            }, fontSize: 11)))
        body.append(.note(Text(pick(
            "Mỗi dòng cộng số liệu của các đơn vị tại lần kiểm tra cuối cùng của từng đơn vị đến ngày đó.",
            "Each row sums the units' figures at each one's last audit up to that day."))))
        let org = issuer
        let abbreviation = org?.letterhead.abbreviation.map { Text($0) }
            ?? .blank(pick("chữ viết tắt tên cơ quan", "body's abbreviation"))
        var document = OfficialDocument(
            parentBody: org?.letterhead.parent.map { Text($0) },
            issuer: org.map { Text($0.name) } ?? .blank(pick("tên cơ quan tổng hợp", "consolidating body")),
            number: Text("       /BC-") + abbreviation,
            place: .value(org?.letterhead.place, or: pick("địa danh", "place")), date: nil, year: c.year,
            kind: pick("BÁO CÁO", "REPORT"),
            excerpt: [Text(pick("Tổng hợp tình hình bảo đảm an toàn hệ thống thông tin theo cấp độ năm \(c.year)",
                                "Security of information systems by level, \(c.year), consolidated"))],
            body: body,
            recipients: [Text.value(org?.letterhead.parent, or: pick("cơ quan nhận báo cáo", "recipient")) + ";",
                         Text(pick("Lưu: VT.", "File."))],
            signature: Signature(authority: [org?.particulars.headTitle?.uppercased() ?? pick("[CHỨC VỤ NGƯỜI KÝ]", "[SIGNER'S TITLE]")],
                                 name: .value(org?.particulars.head, or: pick("họ và tên người ký", "signer's name"))))
        document.addressees = [Text.value(org?.letterhead.parent, or: pick("cơ quan nhận báo cáo", "recipient"))]
        return document
    }

    // MARK: - JSON

    struct UnitInfo: Encodable {
        var organization: String
        var name: String
        var run: Int64
        var asOf: String
        var systems: Int
        var levels: [String: Int]
        var approved: Int
        var approval: [String: Int]
        var openBySeverity: [String: Int]
        var compliance: JSONReport.TrendPoint
    }

    struct GapInfo: Encodable {
        var organization: String
        var system: String
        var rule: String
        var severity: String
        var message: String
        var due: String?
        var overdue: Bool
    }

    struct SilentInfo: Encodable {
        var organization: String
        var name: String
        var lastAsOf: String?
    }

    struct PointInfo: Encodable {
        var asOf: String
        var units: Int
        var figures: JSONReport.TrendPoint
    }

    struct Info: Encodable {
        var year: Int
        var periodStart: String
        var cutoff: String
        var units: [UnitInfo]
        var withoutAudit: [SilentInfo]
        var compliance: [String: JSONReport.GroupCompliance]
        var worstGaps: [GapInfo]
        var progress: [PointInfo]
    }

    public func json() throws -> ReportBytes {
        let c = consolidation
        let compliance = JSONReporter.groupCompliance(c.byGroup)
        let info = Info(
            year: c.year, periodStart: c.start.description, cutoff: c.cutoff.description,
            units: c.units.map { unit in
                var levels: [String: Int] = [:], approval: [String: Int] = [:]
                for system in unit.run.systems {
                    levels[String(system.effectiveLevel), default: 0] += 1
                    approval[system.approval.rawValue, default: 0] += 1
                }
                let figures = unit.summary.figures
                return UnitInfo(organization: unit.summary.organization, name: unit.summary.organizationName,
                                run: unit.summary.id, asOf: unit.summary.asOf.description, systems: figures.systems,
                                levels: levels, approved: figures.approved, approval: approval,
                                openBySeverity: Dictionary(uniqueKeysWithValues: figures.openBySeverity.map { ($0.rawValue, $1) }),
                                compliance: JSONReporter.trendPoint(figures))
            },
            withoutAudit: c.silent.map { .init(organization: $0.organization, name: $0.name, lastAsOf: $0.lastAsOf?.description) },
            compliance: compliance,
            worstGaps: c.worstGaps(limit: 20).map {
                .init(organization: $0.unit.organization, system: $0.gap.system, rule: $0.gap.rule,
                      severity: $0.gap.severity.rawValue, message: $0.gap.message[language],
                      due: $0.gap.due?.description, overdue: $0.gap.overdue)
            },
            progress: c.progress.map { .init(asOf: $0.day.description, units: $0.units, figures: JSONReporter.trendPoint($0.figures)) })
        return ReportBytes(try FastJSONEncoder().encodeBuffer(info, trailingNewline: true))
    }
}
