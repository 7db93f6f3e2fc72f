import TuanThuEngine

/// `Reports/<org-id>.<lang>.md`: the report an IT officer hands to leadership.
public struct MarkdownReporter: Reporter {
    public init() {}

    public func fileName(for report: OrganizationReport) -> String {
        "\(report.organization.id).\(report.language.rawValue).md"
    }

    public func render(_ report: OrganizationReport) throws -> String {
        let text = MarkdownText(report.language)
        var out: [String] = []
        out += header(report, text)
        out += LeadershipSummary(report: report, text: text).lines()
        out += systemsTable(report, text)
        out += PlanSection(report: report, text: text).lines()
        out.append("## \(text.details)")
        out.append("")
        for system in report.result.systems {
            out += SystemSection(result: system, report: report, text: text).lines()
        }
        out += sources(report, text)
        return out.joined(separator: "\n") + "\n"
    }

    private func header(_ report: OrganizationReport, _ text: MarkdownText) -> [String] {
        let lang = report.language
        let inForce = report.catalog.selector.inForce(on: report.asOf)
        return [
            "# \(text.title)",
            "",
            "**\(Markdown.escape(report.organization.name))** (`\(report.organization.id)`)",
            "",
            "| | |",
            "|---|---|",
            "| \(text.asOf) | \(text.date(report.asOf)) |",
            "| \(text.regimeInForce) | \(inForce.map { "\($0.title[lang]) (\(text.from) \(text.date($0.effective)))" } ?? "—") |",
            "| \(text.inventory) | `\(report.result.inventoryFile)` |",
            "| \(text.failOn) | \(report.threshold.map { Labels.severity($0, lang) } ?? text.none) |",
            "| \(text.tool) | \(ToolInfo.name) \(ToolInfo.version) |",
            "",
        ]
    }

    private func systemsTable(_ report: OrganizationReport, _ text: MarkdownText) -> [String] {
        let lang = report.language
        var lines = [
            "## \(text.systemsHeading)",
            "",
            "| \(text.idHeader) | \(text.systemHeader) | \(text.requiredHeader) | \(text.proposedHeader) | "
                + "\(text.approvedHeader) | \(text.regimeHeader) | \(text.approvalHeader) | \(text.complianceHeader) |",
            "|---|---|:---:|:---:|:---:|---|---|---:|",
        ]
        for result in report.result.systems {
            let system = result.system
            let compliance = result.compliance.percent.map { "\($0)%" } ?? "—"
            lines.append("| `\(system.id)` | \(Markdown.escape(system.name)) | \(result.standing.required.level) | "
                         + "\(system.proposedLevel.map(String.init) ?? "—") | \(system.approvedLevel.map(String.init) ?? "—") | "
                         + "\(result.standing.governing.title[lang]) | \(Labels.approval(result.approvalStatus, lang)) | "
                         + "\(compliance) |")
        }
        lines.append("")
        return lines
    }

    private func sources(_ report: OrganizationReport, _ text: MarkdownText) -> [String] {
        let lang = report.language
        var seen: Set<String> = []
        var items: [String] = []
        for finding in report.result.findings where finding.status != .notApplicable {
            let line = "\(finding.source.citation(lang))" + (finding.source.note.map { " — \($0)" } ?? "")
                + " (\(Labels.basis(finding.basis, lang)))"
            if seen.insert(line).inserted { items.append(line) }
        }
        var lines = ["## \(text.sourcesHeading)", "", text.sourcesIntro, ""]
        lines += items.sorted().map { "- \(Markdown.escape($0))" }
        lines.append("")
        return lines
    }
}

/// Escaping and ordering shared by the Markdown sections.
enum Markdown {
    /// Makes text safe inside a table cell.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    static func bySeverity(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.system != b.system { return a.system < b.system }
        return a.rule < b.rule
    }
}
