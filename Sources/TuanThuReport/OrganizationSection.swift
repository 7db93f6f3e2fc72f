import TuanThuEngine

/// The organisation's own duties (rules of `scope: organization`): stated once, before the
/// systems, with the systems that bring each into scope.
struct OrganizationSection {
    let report: OrganizationReport
    let text: MarkdownText

    func write(into out: inout LineWriter) {
        let result = report.result
        let duties = result.duties
        guard !duties.isEmpty else { return }
        let lang = report.language
        let organization = report.organization
        out.append("### \(text.dutiesHeading) — \(Markdown.escape(organization.name))")
        out.append("")
        let place = organization.controlsLocation ?? organization.location
        out.append(text.dutiesIntro("`\(place)`"))
        out.append("")
        if let unit = organization.securityUnit {
            out.append("- \(text.securityUnitLabel): \(Markdown.escape(unit.name))")
        } else {
            out.append("- \(text.securityUnitLabel): \(text.noSecurityUnit)")
        }
        for owner in organization.owners {
            out.append("- \(text.otherOwnerLabel): \(Markdown.escape(owner.name)) (\(Labels.ownerKind(owner.kind, lang)))"
                       + (owner.delegation.map { " — \(Markdown.escape($0))" } ?? ""))
        }
        var compliance = Compliance()
        for index in duties.indices { compliance.count(duties[index]) }
        out.append("- \(text.complianceLabel): \(compliance.percent.map { "**\($0)%**" } ?? "—") — "
                   + "\(compliance.passed) \(text.passedWord), \(compliance.failed) \(text.failedWord), "
                   + "\(compliance.manual) \(text.manualWord), \(compliance.notAssessed) \(text.notAssessedWord)")
        out.append("")
        FindingTables(report: report, text: text)
            .write(duties, levelTable: false, checklistIntro: text.organizationChecklistIntro("`\(place)`"), into: &out)
    }
}
