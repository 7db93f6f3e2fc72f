import TuanThuEngine

/// The Markdown report's first page: the headline a director reads, then a chart and the most
/// urgent actions.
struct LeadershipSummary {
    let report: OrganizationReport
    let text: MarkdownText

    func lines() -> [String] {
        let lang = report.language
        let systems = report.result.systems
        let counts = report.counts
        let bySeverity = Severity.allCases.compactMap { severity -> String? in
            let count = counts.openBySeverity[severity] ?? 0
            return count == 0 ? nil : "\(count) \(Labels.severity(severity, lang))"
        }.joined(separator: ", ")
        let waived = counts.byStatus[.waived] ?? 0
        var out = [
            "## \(text.summary)",
            "",
            "- \(text.systemCount): \(systems.count)",
            "- \(text.openFindings): \(counts.open == 0 ? text.none : "\(counts.open) (\(bySeverity))")",
            "- \(text.blockingLine): \(counts.blocking)",
        ]
        if waived > 0 { out.append("- \(text.waivedLine): \(waived)") }
        let unassessed = counts.byStatus[.notAssessed] ?? 0
        if unassessed > 0 { out.append("- \(text.notAssessedLine): \(unassessed)") }
        let overdue = report.result.plan.overdueCount
        if overdue > 0 { out.append("- \(text.overdueLine): **\(overdue)**") }
        out.append("")
        out += levelTable(systems)
        out += chart()
        out += urgent()
        out += changes()
        return out
    }

    private func levelTable(_ systems: [SystemResult]) -> [String] {
        let lang = report.language
        var out = ["### \(text.byLevelHeading)", "",
                   "| \(text.levelHeader) | " + ApprovalStatus.allCases.map { Labels.approval($0, lang) }
                       .joined(separator: " | ") + " |",
                   "|---|" + String(repeating: "---:|", count: ApprovalStatus.allCases.count)]
        // Counted in one pass: the approval status of a system is worked out from its findings.
        var counts: [Int: [ApprovalStatus: Int]] = [:]
        for index in systems.indices {
            counts[systems[index].effectiveLevel, default: [:]][systems[index].approvalStatus, default: 0] += 1
        }
        for level in 1...5 {
            guard let atLevel = counts[level] else { continue }
            let row = ApprovalStatus.allCases.map { String(atLevel[$0] ?? 0) }
            out.append("| \(level) | " + row.joined(separator: " | ") + " |")
        }
        out.append("")
        return out
    }

    /// The chart of compliance by requirement group: the SVG the tool wrote beside the report
    /// (it shows wherever Markdown is read or printed), its Mermaid source named for Git forges.
    private func chart() -> [String] {
        guard report.counts.byGroup.values.contains(where: { $0.percent != nil }) else { return [] }
        let names = MarkdownReporter.chartNames(report)
        return ["### \(text.chartHeading)", "", "![\(text.chartTitle)](\(names.svg))", "",
                text.chartSource(names.mermaid), ""]
    }

    private func urgent() -> [String] {
        let lang = report.language
        // The first five that are not waived (the plan is in order of urgency), not a copy of all.
        let plan = report.result.plan
        var items: [Int] = []
        for index in plan.indices where plan[index].status != .waived {
            items.append(index)
            if items.count == 5 { break }
        }
        guard !items.isEmpty else { return [] }
        var out = ["### \(text.urgentHeading)", "",
                   "| \(text.priorityHeader) | \(text.systemHeader) | \(text.actionHeader) | \(text.responsibleHeader) | "
                       + "\(text.dueHeader) |",
                   "|---|---|---|---|---|"]
        for index in items {
            let item = plan[index]
            out.append("| \(item.priority.rawValue)\(item.overdue ? " ⚠" : "") | `\(item.system)` | "
                       + "\(Markdown.escape(item.title[lang])) | \(Markdown.escape(item.responsibleName)) | "
                       + "\(text.dueCell(item.due, overdue: item.overdue)) |")
        }
        out.append("")
        return out
    }

    private func changes() -> [String] {
        guard let baseline = report.baseline else { return [] }
        var out = ["### \(text.changesHeading)", "",
                   "- \(text.newWord): \(baseline.new)",
                   "- \(text.persistingWord): \(baseline.persisting)",
                   "- \(text.fixedWord): \(baseline.fixed.count)"]
        for gap in baseline.fixed {
            out.append("  - `\(gap.system)` `\(gap.rule)` \(Markdown.escape(gap.title))")
        }
        if !baseline.dropped.isEmpty {
            out.append("- \(text.droppedWord): \(baseline.dropped.count)")
            for gap in baseline.dropped {
                out.append("  - `\(gap.system)` `\(gap.rule)` \(Markdown.escape(gap.title))")
            }
        }
        if !baseline.removed.isEmpty {
            out.append("- \(text.removedWord): \(baseline.removed.count)")
            for gap in baseline.removed {
                out.append("  - `\(gap.system)` `\(gap.rule)` \(Markdown.escape(gap.title))")
            }
        }
        out.append("")
        return out
    }
}
