import TuanThuEngine

/// The short summary `audit` prints: systems, levels, approval, counts by severity, blocking findings.
public struct TerminalSummary {
    let result: AuditResult
    let language: Language
    let threshold: Severity?
    let colour: Bool
    let onlyNew: Bool

    public init(result: AuditResult, language: Language, threshold: Severity?, colour: Bool, onlyNew: Bool = false) {
        self.result = result
        self.language = language
        self.threshold = threshold
        self.colour = colour
        self.onlyNew = onlyNew
    }

    private func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func render(written: [String]) -> String {
        var lines: [String] = []
        let regime = result.catalog.selector.inForce(on: result.asOf)
        lines.append("tuanthu — " + pick("đánh giá ngày", "audit at") + " \(result.asOf)"
                     + (regime.map { " (\($0.title[language]))" } ?? ""))
        for organization in result.organizations {
            lines.append("")
            lines.append("\(organization.organization.name) (\(organization.organization.id)): "
                         + "\(organization.systems.count) " + pick("hệ thống", "systems"))
            let width = max(12, organization.systems.map(\.system.id.count).max() ?? 0)
            lines.append("  " + pad(pick("mã", "id"), width) + "  " + pick("cấp độ y/đ/d", "level r/p/a") + "  "
                         + pad(pick("phê duyệt", "approval"), 16) + "  " + pick("tuân thủ", "compliance"))
            for system in organization.systems {
                let levels = "\(system.standing.required.level)/\(system.system.proposedLevel.map(String.init) ?? "-")/"
                    + (system.system.approvedLevel.map(String.init) ?? "-")
                let status = Labels.approval(system.approvalStatus, language)
                let painted = system.approvalStatus == .approved ? paint(pad(status, 16), "32") : paint(pad(status, 16), "31")
                lines.append("  " + pad(system.system.id, width) + "  " + pad(levels, 12) + "  " + painted + "  "
                             + (system.compliance.percent.map { "\($0)%" } ?? "—"))
            }
        }
        let open = result.findings.filter(\.isOpen)
        let counts = Severity.allCases.map { severity in
            "\(open.filter { $0.severity == severity }.count) \(Labels.severity(severity, language))"
        }
        lines.append("")
        lines.append(pick("Chưa đạt", "Open findings") + ": " + counts.joined(separator: ", "))
        if let baseline = result.baseline {
            lines.append(pick("So với lần trước", "Since the baseline") + ": \(baseline.new) "
                         + pick("mới", "new") + ", \(baseline.persisting) " + pick("còn tồn tại", "persisting")
                         + ", \(baseline.fixed.count) " + pick("đã khắc phục", "fixed")
                         + ", \(baseline.dropped.count) " + pick("không còn áp dụng", "no longer applicable"))
        }
        let waived = result.findings.filter { $0.status == .waived }.count
        if waived > 0 || !result.waivers.isEmpty {
            lines.append(pick("Chấp nhận rủi ro", "Waived") + ": \(waived)")
        }
        for finding in result.findings where finding.status == .waived {
            guard let waiver = finding.waiver else { continue }
            lines.append("  ~ \(finding.rule) [\(finding.system)] " + pick("đến", "until") + " \(waiver.expires) "
                         + "(\(waiver.approvedBy)): \(waiver.justification)")
        }
        for waiver in result.waivers where waiver.needsAttention {
            lines.append("  " + paint("!", "33") + " \(waiver.waiver.location): \(waiver.waiver.rule) "
                         + "[\(waiver.waiver.system)] \(waiver.state.rawValue): \(waiver.message[language])")
        }
        let overdue = result.organizations.flatMap(\.plan).filter(\.overdue).count
        if overdue > 0 {
            lines.append(paint(pick("Quá hạn khắc phục", "Overdue plan items") + ": \(overdue)", "31"))
        }
        // Most severe first; within a severity, in inventory order.
        let blocking = result.blocking(at: threshold, onlyNew: onlyNew).enumerated()
            .sorted { ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset) }.map(\.element)
        if let threshold {
            let label = pick("Chặn (≥ \(Labels.severity(threshold, language)))", "Blocking (≥ \(threshold.rawValue))")
                + (onlyNew ? pick(", chỉ phát hiện mới", ", new only") : "")
            lines.append(label + ": " + (blocking.isEmpty ? paint("0", "32") : paint(String(blocking.count), "31")))
        }
        for finding in blocking.prefix(20) {
            lines.append("  " + paint("✗", "31") + " \(pad(Labels.severity(finding.severity, language), 10)) "
                         + "\(finding.location): \(finding.rule) [\(finding.system)] "
                         + (finding.group == nil ? "" : finding.title[language] + ": ") + finding.message[language])
        }
        if blocking.count > 20 {
            lines.append("  " + pick("… và \(blocking.count - 20) phát hiện khác", "… and \(blocking.count - 20) more"))
        }
        if !written.isEmpty {
            lines.append("")
            lines.append(pick("Báo cáo", "Reports") + ": " + written.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
