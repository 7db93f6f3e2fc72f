import TuanThuEngine

/// The text `tuanthu explain` prints for one system.
public struct Explanation {
    let result: SystemResult
    /// The system's organisation, for its names and the duties the system brings into scope.
    let organization: OrganizationResult?
    let asOf: Day
    let language: Language

    public init(result: SystemResult, organization: OrganizationResult? = nil, asOf: Day, language: Language) {
        self.result = result
        self.organization = organization
        self.asOf = asOf
        self.language = language
    }

    /// Only the text of the report's language is made (each is often interpolated).
    private func pick(_ vi: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        language == .vi ? vi() : en()
    }

    public func render() -> String {
        let system = result.system
        let standing = result.standing
        let lang = language
        var lines = ["\(system.id) — \(system.name)", "  " + pick("khai báo tại", "declared at") + " \(system.location)", ""]
        lines.append(pick("Chế độ có hiệu lực ngày \(asOf.vietnamese)", "Regime in force on \(asOf)")
                     + ": \(standing.inForce.title[lang])")
        var why: String
        if let approval = system.approval, approval.regime == standing.governing.id {
            why = pick("quyết định \(approval.decision) được xét theo chế độ đã ban hành nó",
                       "approval \(approval.decision) is judged under the regime it was made under")
        } else if standing.governing.id != standing.inForce.id {
            why = pick("chuyển tiếp", "transition")
        } else {
            why = pick("chế độ đang có hiệu lực", "the regime in force")
        }
        lines.append(pick("Xét cấp độ theo", "Level judged under") + ": \(standing.governing.title[lang]) — \(why)")
        lines.append(pick("Yêu cầu bảo đảm theo", "Requirements baseline") + ": "
                     + Labels.baseline(standing.requirements.baseline) + " (" + standing.requirements.title[lang] + ")")
        if let note = standing.transitionNote { lines.append(pick("Chuyển tiếp", "Transition") + ": \(note[lang])") }
        lines.append("")
        lines += steps()
        lines.append(pick("Cấp độ theo tiêu chí", "Required level") + ": \(standing.required.level)")
        if standing.required.matched.isEmpty {
            lines.append("  " + pick("không đáp ứng tiêu chí nào trên cấp độ 1", "no criterion above level 1 is met"))
        }
        for criterion in standing.required.matched {
            // English output is also the maintainers': it keeps the criterion's id.
            lines.append("  ✓ [\(pick("cấp độ", "level")) \(criterion.level)] " + (lang == .en ? "\(criterion.id): " : "")
                         + criterion.title[lang])
            lines.append("      \(criterion.source.citation(lang)) (\(Labels.basis(criterion.basis, lang)))")
            // The condition as written in the rules: the catalog's field names, for whoever checks them.
            if lang == .en { lines.append("      \(criterion.when.text)") }
        }
        if let other = standing.requiredUnderInForce {
            lines.append(pick("Theo \(standing.inForce.title.vi)", "Under \(standing.inForce.title.en)")
                         + ": \(other.level)" + (other.deciding.isEmpty ? ""
                            : " (" + other.deciding.map { $0.title[lang] }.joined(separator: "; ") + ")"))
        }
        lines.append(pick("Đề xuất", "Proposed") + " \(system.proposedLevel.map(String.init) ?? "—"), "
                     + pick("được phê duyệt", "approved") + " \(system.approvedLevel.map(String.init) ?? "—"), "
                     + pick("cấp độ bảo đảm", "protected at level") + " \(result.effectiveLevel)")
        let ladder = result.ladder
        if let next = ladder.nextLevel {
            lines.append(pick("Lên cấp độ \(next) còn thiếu", "Missing for level \(next)") + ": "
                         + (ladder.nextLevelGaps.isEmpty ? pick("không", "nothing")
                            : ladder.nextLevelGaps.map(\.rule).joined(separator: ", ")))
        }
        if let baseline = ladder.transitionBaseline, let deadline = ladder.transitionDeadline {
            let name = Labels.baseline(baseline)
            lines.append(pick("Chưa đáp ứng \(name) (hạn \(deadline.vietnamese))", "Not yet meeting \(name) (by \(deadline))")
                         + ": \(ladder.transitionGaps.count)")
        }
        lines.append("")
        lines.append(pick("Phát hiện", "Findings") + ":")
        for finding in result.findings where finding.status != .notApplicable || finding.group == nil {
            lines += describe(finding)
        }
        let hidden = result.findings.filter { $0.status == .notApplicable && $0.group != nil }.count
        if hidden > 0 {
            lines.append("  " + pick("(\(hidden) yêu cầu không áp dụng ở cấp độ này)",
                                     "(\(hidden) requirements do not apply at this level)"))
        }
        let duties = organization?.duties.filter { result.duties.contains($0.rule) } ?? []
        if !duties.isEmpty {
            lines.append("")
            lines.append(pick("Nghĩa vụ chung của cơ quan mà hệ thống này thuộc phạm vi (đánh giá một lần cho cả cơ quan)",
                              "Duties of the organisation this system brings into scope (assessed once for the organisation)")
                         + ":")
            for duty in duties { lines += describe(duty) }
        }
        return lines.joined(separator: "\n")
    }

    /// The official four steps of determining a level, each with the provision of the governing regime.
    private func steps() -> [String] {
        let lang = language
        let system = result.system
        let regime = result.standing.governing
        guard let steps = regime.determination else { return [] }
        func cite(_ source: LegalSource) -> String { " (" + source.citation(lang) + ")" }
        var lines: [String] = []
        lines.append(pick("Bước 1 — Xác định hệ thống", "Step 1 — Identify the system") + " ("
                     + steps.system.citationWithNote(lang) + "):")
        let owner = organization?.organization.ownerName(system.owner) ?? system.owner
        let unit = organization?.organization.unit(system.operatorUnit)?.name ?? system.operatorUnit
        lines.append("    " + pick("chủ quản", "owner") + ": \(owner); " + pick("đơn vị vận hành", "operator")
                     + ": \(unit)")
        lines.append(pick("Bước 2 — Phân loại thông tin", "Step 2 — Classify the information") + cite(steps.information) + ": "
                     + system.information.map { Labels.information($0, lang) }.joined(separator: ", "))
        lines.append(pick("Bước 3 — Phân loại hệ thống", "Step 3 — Classify the system") + cite(steps.type) + ": "
                     + Labels.systemType(system.type, lang))
        lines.append(pick("Bước 4 — Xác định cấp độ", "Step 4 — Determine the level") + " ("
                     + steps.level.citationWithNote(lang) + "):")
        return lines
    }

    private func describe(_ finding: Finding) -> [String] {
        let lang = language
        let head = lang == .vi
            ? "\(Labels.status(finding.status, lang).uppercased()) [\(Labels.severity(finding.severity, lang))]"
            : "\(finding.status.rawValue.uppercased()) \(finding.severity.rawValue)"
        var lines = ["  \(head) \(finding.rule) — " + finding.title[lang],
                     "      \(finding.message[lang])"]
        if let expected = finding.expected { lines.append("      " + pick("cần", "expected") + ": \(expected[lang])") }
        if let found = finding.found { lines.append("      " + pick("thực tế", "found") + ": \(found[lang])") }
        lines.append("      " + pick("vị trí", "at") + ": \(finding.location)")
        lines.append("      " + pick("nguồn", "source") + ": \(finding.citation(lang)) (\(Labels.basis(finding.basis, lang)))")
        if finding.isOpen { lines.append("      " + pick("khắc phục", "remediation") + ": \(finding.remediation[lang])") }
        return lines
    }
}
