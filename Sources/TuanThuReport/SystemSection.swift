import TuanThuEngine

/// One system's part of the Markdown report: its standing, then its gaps by requirement group.
struct SystemSection {
    let result: SystemResult
    let report: OrganizationReport
    let text: MarkdownText

    func lines() -> [String] {
        let lang = report.language
        let system = result.system
        let standing = result.standing
        var out = ["### `\(system.id)` — \(Markdown.escape(system.name))", ""]
        out.append("- \(text.typeLabel): \(Labels.systemType(system.type, lang)); \(text.operatorLabel): "
                   + "\(Markdown.escape(report.organization.unit(system.operatorUnit)?.name ?? system.operatorUnit)); "
                   + "\(text.declaredAt) `\(system.location)`")
        let criteria = standing.required.deciding.map { Markdown.escape($0.title[lang]) }
        out.append("- \(text.requiredLabel) (\(standing.governing.title[lang])): **\(standing.required.level)**"
                   + (criteria.isEmpty ? " — \(text.noCriterion)" : " — " + criteria.joined(separator: "; ")))
        if let other = standing.requiredUnderInForce, other.level != standing.required.level {
            out.append("- \(text.underInForce) (\(standing.inForce.title[lang])): \(other.level)")
        }
        if let approval = system.approval {
            out.append("- \(text.approvalLabel): \(Markdown.escape(approval.decision)), \(text.date(approval.date)) "
                       + "(\(approval.regime)) — \(Labels.approval(result.approvalStatus, lang))")
        } else {
            out.append("- \(text.approvalLabel): \(Labels.approval(.missing, lang))")
        }
        if let note = standing.transitionNote {
            out.append("- \(text.transitionLabel): \(Markdown.escape(note[lang]))")
        }
        let compliance = result.compliance
        out.append("- \(text.complianceLabel) (\(standing.requirements.baseline), \(text.level) \(result.effectiveLevel)): "
                   + "\(compliance.percent.map { "**\($0)%**" } ?? "—") — \(compliance.passed) \(text.passedWord), "
                   + "\(compliance.failed) \(text.failedWord), \(compliance.manual) \(text.manualWord)")
        let ladder = result.ladder
        if let next = ladder.nextLevel {
            out.append("- \(text.nextLevelLabel(next)): " + (ladder.nextLevelGaps.isEmpty ? text.noneMissing
                : "\(ladder.nextLevelGaps.count) — " + ladder.nextLevelGaps.map { "`\($0.rule)`" }.joined(separator: ", ")))
        }
        if let baseline = ladder.transitionBaseline, let deadline = ladder.transitionDeadline {
            out.append("- \(text.transitionGapsLabel(baseline, text.date(deadline))): "
                       + (ladder.transitionGaps.isEmpty ? text.noneMissing
                          : "\(ladder.transitionGaps.count) — " + ladder.transitionGaps.map { "`\($0.rule)`" }.joined(separator: ", ")))
        }
        out.append("")
        out += ArtefactText.markdown(result.artefacts, text)
        out += table(text.levelApprovalHeading, result.findings.filter { $0.group == nil })
        for group in RequirementGroup.allCases {
            let findings = result.findings.filter { $0.group == group && $0.status != .notApplicable }
            guard !findings.isEmpty else { continue }
            out += table(Labels.group(group, lang), findings)
        }
        return out
    }

    /// The open and manual items of one section, or a line saying all applicable ones pass.
    private func table(_ heading: String, _ findings: [Finding]) -> [String] {
        let lang = report.language
        let shown = findings.filter { $0.status != .pass && $0.status != .notApplicable }
        let passed = findings.filter { $0.status == .pass }.count
        var out = ["#### \(heading)", ""]
        guard !shown.isEmpty else {
            out.append(passed > 0 ? text.allPassed(passed) : text.nothingApplicable)
            out.append("")
            return out
        }
        out.append("| \(text.severityHeader) | \(text.ruleHeader) | \(text.statusHeader) | \(text.findingHeader) | "
                   + "\(text.remediationHeader) | \(text.locationHeader) |")
        out.append("|---|---|---|---|---|---|")
        for finding in shown.sorted(by: Markdown.bySeverity) {
            let basis = finding.basis == .unverified ? " _(\(Labels.basis(.unverified, lang)))_" : ""
            let waiver = finding.waiver.map {
                " — " + text.waiverNote($0.justification, $0.approvedBy, text.date($0.expires))
            } ?? ""
            out.append("| \(Labels.severity(finding.severity, lang)) | `\(finding.rule)` \(Markdown.escape(finding.title[lang]))"
                       + "\(basis) | \(Labels.status(finding.status, lang)) | \(Markdown.escape(finding.message[lang] + waiver)) | "
                       + "\(Markdown.escape(finding.remediation[lang])) | `\(finding.location)` |")
        }
        if passed > 0 { out.append(""); out.append(text.alsoPassed(passed)) }
        out.append("")
        return out
    }
}
