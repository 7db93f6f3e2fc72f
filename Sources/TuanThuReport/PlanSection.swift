import TuanThuEngine

/// The remediation plan, grouped by the report each item must be done by, and the waivers.
struct PlanSection {
    let report: OrganizationReport
    let text: MarkdownText

    func write(into out: inout LineWriter) {
        let lang = report.language
        let plan = report.result.plan
        out += ["## \(text.planHeading)", ""]
        guard !plan.isEmpty else {
            out += [text.noPlan, ""]
            out += waivers()
            return
        }
        out.append(text.planIntro)
        out.append("")
        // Items by reporting period, as indices (copying plan items costs more than writing them).
        var periods: [ReportingPeriod] = []
        var items: [[Int]] = []
        for index in plan.indices {
            guard let period = plan[index].period else { continue }
            if let slot = periods.firstIndex(of: period) {
                items[slot].append(index)
            } else {
                periods.append(period)
                items.append([index])
            }
        }
        for (period, indices) in zip(periods, items).sorted(by: { $0.0.deadline < $1.0.deadline }) {
            out.append("### \(period.title[lang]) — \(text.before) \(text.date(period.deadline))")
            out.append("")
            out.append("| \(text.idHeader) | \(text.priorityHeader) | \(text.actionHeader) | "
                       + "\(text.responsibleHeader) | \(text.dueHeader) | \(text.effortHeader) | \(text.sourceHeader) |")
            out.append("|---|---|---|---|---|---|---|")
            for index in indices {
                let item = plan[index]
                var flags = ""
                if item.overdue { flags += " ⚠ \(text.overdueWord)" }
                if item.status == .waived { flags += " (\(Labels.status(.waived, lang)))" }
                if item.change == .new { flags += " 🆕" }
                // Written in parts: the plan has a row per gap.
                out.write("| `")
                out.write(item.id)
                out.write("` | ")
                out.write(item.priority.rawValue)
                out.write(flags)
                out.write(" | **")
                out.writeEscaped(item.title[lang])
                out.write("**: ")
                out.writeEscaped(item.action[lang])
                out.write(" | ")
                out.writeEscaped(item.responsibleName)
                out.write(" | ")
                out.write(text.dueCell(item.due, overdue: item.overdue))
                out.write(item.dueReason == .transition ? " ⏳ | " : " | ")
                out.write(Labels.effort(item.effort, lang))
                out.write(" | ")
                out.writeEscaped(item.citation[lang])
                out.write(" |")
                out.endLine()
            }
            out.append("")
        }
        out.append(text.planLegend)
        out.append("")
        out += waivers()
    }

    private func waivers() -> [String] {
        let lang = report.language
        guard !report.waivers.isEmpty else { return [] }
        var out = ["## \(text.waiversHeading)", "",
                   "| \(text.ruleHeader) | \(text.systemHeader) | \(text.justificationHeader) | \(text.approvedByHeader) | "
                       + "\(text.expiresHeader) | \(text.statusHeader) |",
                   "|---|---|---|---|---|---|"]
        for outcome in report.waivers {
            let waiver = outcome.waiver
            out.append("| `\(waiver.rule)` | `\(waiver.system)` | \(Markdown.escape(waiver.justification)) | "
                       + "\(Markdown.escape(waiver.approvedBy)) | \(text.date(waiver.expires)) | "
                       + "\(Markdown.escape(outcome.message[lang])) |")
        }
        out.append("")
        return out
    }
}
