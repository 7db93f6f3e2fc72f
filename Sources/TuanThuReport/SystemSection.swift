import TuanThuEngine

/// One system's part of the Markdown report: its standing, then its gaps by requirement group.
struct SystemSection {
    let result: SystemResult
    let report: OrganizationReport
    let text: MarkdownText

    // The lines are written in parts, not interpolated and joined: a thousand-system report has
    // ten of them per system, and building each as a string cost more than writing it.
    func write(into out: inout LineWriter) {
        let lang = report.language
        let system = result.system
        let standing = result.standing
        out.write("### `")
        out.write(system.id)
        out.write("` — ")
        out.writeEscaped(system.name)
        out.endLine()
        out.append("")
        out.write("- ")
        out.write(text.typeLabel)
        out.write(": ")
        out.write(Labels.systemType(system.type, lang))
        out.write("; ")
        out.write(text.operatorLabel)
        out.write(": ")
        out.writeEscaped(report.organization.unit(system.operatorUnit)?.name ?? system.operatorUnit)
        out.write("; ")
        out.write(text.declaredAt)
        out.write(" ")
        out.writeCode(system.location)
        out.endLine()
        out.write("- ")
        out.write(text.requiredLabel)
        out.write(" (")
        out.write(standing.governing.title[lang])
        out.write("): **")
        out.writeInteger(standing.required.level)
        out.write("** — ")
        if standing.required.deciding.isEmpty { out.write(text.noCriterion) }
        for (index, criterion) in standing.required.deciding.enumerated() {
            if index > 0 { out.write("; ") }
            out.writeEscaped(criterion.title[lang])
        }
        out.endLine()
        if let other = standing.requiredUnderInForce, other.level != standing.required.level {
            out.append("- \(text.underInForce) (\(standing.inForce.title[lang])): \(other.level)")
        }
        if let approval = system.approval {
            // By id, as `RegimeSelector.regime(id:)` does, without building a selector per system.
            let regime = report.catalog.regimes.first { $0.id == approval.regime }?.title[lang] ?? approval.regime
            out.append("- \(text.approvalLabel): \(Markdown.escape(approval.decision)), \(text.date(approval.date)) "
                       + "(\(regime)) — "
                       + Labels.approval(result.approvalStatus, lang))
        } else {
            out.append("- \(text.approvalLabel): \(Labels.approval(.missing, lang))")
        }
        if let note = standing.transitionNote {
            out.append("- \(text.transitionLabel): \(Markdown.escape(note[lang]))")
        }
        let compliance = result.compliance
        out.write("- ")
        out.write(text.complianceLabel)
        out.write(" (")
        out.write(standing.requirements.baselineName)
        out.write(", ")
        out.write(text.level)
        out.write(" ")
        out.writeInteger(result.effectiveLevel)
        out.write("): ")
        if let percent = compliance.percent {
            out.write("**")
            out.writeInteger(percent)
            out.write("%**")
        } else {
            out.write("—")
        }
        func count(_ separator: String, _ count: Int, _ word: String) {
            out.write(separator)
            out.writeInteger(count)
            out.write(" ")
            out.write(word)
        }
        count(" — ", compliance.passed, text.passedWord)
        count(", ", compliance.failed, text.failedWord)
        count(", ", compliance.manual, text.manualWord)
        count(", ", compliance.notAssessed, text.notAssessedWord)
        out.endLine()
        let ladder = result.ladder
        if let next = ladder.nextLevel {
            out.write("- ")
            out.write(text.nextLevelLabel(next))
            out.write(": ")
            writeGaps(ladder.nextLevelGaps, into: &out)
        }
        if let baseline = ladder.transitionBaseline, let deadline = ladder.transitionDeadline {
            out.write("- ")
            out.write(text.transitionGapsLabel(Labels.baseline(baseline), text.date(deadline)))
            out.write(": ")
            writeGaps(ladder.transitionGaps, into: &out)
        }
        out.append("")
        ArtefactText.write(result.artefacts, text, into: &out)
        FindingTables(report: report, text: text)
            .write(result.findings, levelTable: true, checklistIntro: text.checklistIntro("`\(result.system.location)`"),
                   into: &out)
    }

    /// The rest of a line listing gaps: how many, then their rules in code, or that none is missing.
    private func writeGaps(_ gaps: [Ladder.Gap], into out: inout LineWriter) {
        if gaps.isEmpty {
            out.write(text.noneMissing)
        } else {
            out.writeInteger(gaps.count)
            out.write(" — ")
            for (index, gap) in gaps.enumerated() {
                out.write(index == 0 ? "`" : ", `")
                out.write(gap.rule)
                out.write("`")
            }
        }
        out.endLine()
    }
}

/// The gap tables and the checklist of not-assessed requirements, for a system or the organisation.
struct FindingTables {
    let report: OrganizationReport
    let text: MarkdownText

    /// The level and approval table (always, or only when it has rows), a table per requirement
    /// group, and the checklist of what is not assessed.
    func write(_ findings: [Finding], levelTable: Bool, checklistIntro: String, into out: inout LineWriter) {
        // Findings are sorted into sections by index: copying them costs more than the rest.
        var ungrouped: [Int] = []
        var byGroup = CaseTally<RequirementGroup, [Int]>()
        for index in findings.indices {
            if let group = findings[index].group {
                if findings[index].status != .notApplicable { byGroup[group, default: []].append(index) }
            } else {
                ungrouped.append(index)
            }
        }
        if levelTable || !ungrouped.isEmpty { table(text.levelApprovalHeading, ungrouped, of: findings, into: &out) }
        var unassessed: [Int] = []
        for group in RequirementGroup.allCases {
            guard let indices = byGroup[group] else { continue }
            table(Labels.group(group, report.language), indices, of: findings, into: &out)
            unassessed += indices.filter { findings[$0].status == .notAssessed }
        }
        checklist(unassessed, of: findings, intro: checklistIntro, into: &out)
    }

    /// The requirements the inventory says nothing of, in group order: what to fill in next.
    func checklist(_ indices: [Int], of findings: [Finding], intro: String, into out: inout LineWriter) {
        guard !indices.isEmpty else { return }
        let lang = report.language
        out.append("#### \(text.checklistHeading(indices.count))")
        out.append("")
        out.append(intro)
        out.append("")
        // Read in place (a copy of each finding retained and released it).
        for index in indices {
            out.write("- [ ] `")
            out.write(findings[index].rule)
            out.write("` ")
            out.writeEscaped(findings[index].title[lang])
            out.endLine()
        }
        out.append("")
    }

    /// The open and manual items of one section, or a line saying all applicable ones pass; the
    /// requirements not assessed are counted here and listed in the checklist.
    func table(_ heading: String, _ indices: [Int], of findings: [Finding], into out: inout LineWriter) {
        let lang = report.language
        let shownIndices = indices.filter {
            let status = findings[$0].status
            return status != .pass && status != .notApplicable && status != .notAssessed
        }
        let passed = indices.filter { findings[$0].status == .pass }.count
        let unassessed = indices.filter { findings[$0].status == .notAssessed }.count
        out.write("#### ")
        out.write(heading)
        out.endLine()
        out.append("")
        guard !shownIndices.isEmpty else {
            if passed > 0 { out.append(unassessed > 0 ? text.passedCount(passed) : text.allPassed(passed)) }
            if unassessed > 0 { out.append(text.groupNotAssessed(unassessed)) }
            if passed == 0 && unassessed == 0 { out.append(text.nothingApplicable) }
            out.append("")
            return
        }
        out.append("| \(text.severityHeader) | \(text.ruleHeader) | \(text.statusHeader) | \(text.findingHeader) | "
                   + "\(text.remediationHeader) | \(text.locationHeader) |")
        out.append("|---|---|---|---|---|---|")
        let shown = shownIndices.sorted { Markdown.bySeverity(findings[$0], findings[$1]) }
        for index in shown {
            let finding = findings[index]
            let basis = finding.basis == .unverified ? " _(\(Labels.basis(.unverified, lang)))_" : ""
            let waiver = finding.waiver.map {
                " — " + text.waiverNote($0.justification, $0.approvedBy, text.date($0.expires))
            } ?? ""
            // Written in parts: the longest rows of the report.
            out.write("| ")
            out.write(Labels.severity(finding.severity, lang))
            out.write(" | `")
            out.write(finding.rule)
            out.write("` ")
            out.writeEscaped(finding.title[lang])
            out.write(basis)
            out.write(" | ")
            out.write(Labels.status(finding.status, lang))
            out.write(" | ")
            out.writeEscaped(waiver.isEmpty ? finding.message[lang] : finding.message[lang] + waiver)
            out.write(" | ")
            out.writeEscaped(finding.remediation[lang])
            out.write(" | ")
            out.writeCode(finding.location)
            out.write(" |")
            out.endLine()
        }
        if passed > 0 { out.append(""); out.append(text.alsoPassed(passed)) }
        if unassessed > 0 { out.append(""); out.append(text.groupNotAssessed(unassessed)) }
        out.append("")
    }
}
