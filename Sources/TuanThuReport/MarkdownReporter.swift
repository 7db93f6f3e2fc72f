import Foundation
import TuanThuEngine

/// `Reports/<org-id>.<lang>.md`: the report an IT officer hands to leadership.
public struct MarkdownReporter: Reporter {
    public init() {}

    public func fileName(for report: OrganizationReport) -> String {
        "\(report.organization.id).\(report.language.rawValue).md"
    }

    /// The chart's files: `<org>.<lang>.chart.svg` and `<org>.<lang>.chart.mmd`.
    static func chartNames(_ report: OrganizationReport) -> (svg: String, mermaid: String) {
        let stem = "\(report.organization.id).\(report.language.rawValue)"
        return ("\(stem).chart.svg", "\(stem).chart.mmd")
    }

    static func summaryName(_ report: OrganizationReport) -> String {
        "\(report.organization.id).\(report.language.rawValue).summary.md"
    }

    /// The leadership page on its own (one or two printed pages), and the chart as SVG and Mermaid.
    public func companions(_ report: OrganizationReport) throws -> [(name: String, bytes: ReportBytes)] {
        let text = MarkdownText(report.language)
        var page = LineWriter(capacity: 1 << 14)
        page += header(report, text, title: text.summaryTitle)
        page += LeadershipSummary(report: report, text: text).lines()
        page += systemsTable(report, text)
        page += TrendSection(report: report, text: text).lines()
        var files = [(name: Self.summaryName(report), bytes: ReportBytes(page.buffer))]
        let chart = ComplianceChart(report: report, text: text)
        if !chart.isEmpty {
            let names = Self.chartNames(report)
            files.append((names.svg, ReportBytes(Array(chart.svg().utf8))))
            files.append((names.mermaid, ReportBytes(Array(chart.mermaid(text).utf8))))
        }
        return files
    }

    public func render(_ report: OrganizationReport) throws -> ReportBytes {
        let text = MarkdownText(report.language)
        // About 300 bytes per finding and plan item as written.
        var out = LineWriter(capacity: (report.findings.count + report.result.plan.count) * 300 + (1 << 16))
        out += header(report, text, title: text.title)
        out += [text.summaryPointer(Self.summaryName(report)), ""]
        out += LeadershipSummary(report: report, text: text).lines()
        out += systemsTable(report, text)
        out += TrendSection(report: report, text: text).lines()
        PlanSection(report: report, text: text).write(into: &out)
        out.append("## \(text.details)")
        out.append("")
        OrganizationSection(report: report, text: text).write(into: &out)
        for system in report.result.systems {
            SystemSection(result: system, report: report, text: text).write(into: &out)
        }
        out += sources(report, text)
        return ReportBytes(out.buffer)
    }

    private func header(_ report: OrganizationReport, _ text: MarkdownText, title: String) -> [String] {
        let lang = report.language
        let inForce = report.catalog.selector.inForce(on: report.asOf)
        return [
            "# \(title)",
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
            "| \(text.rules) | \(Labels.rules(report.catalog.provenance, lang)) |",
        ] + (report.manifest.map { manifest in
            ["| \(text.manifest) | `sha256:\(manifest.sha256.prefix(16))` (\(text.files(manifest.entries.count))) |"]
        } ?? []) + [""]
    }

    private func systemsTable(_ report: OrganizationReport, _ text: MarkdownText) -> [String] {
        let lang = report.language
        var lines = [
            "## \(text.systemsHeading)",
            "",
            "| \(text.idHeader) | \(text.systemHeader) | \(text.requiredHeader) | \(text.proposedHeader) | "
                + "\(text.approvedHeader) | \(text.regimeHeader) | \(text.approvalHeader) | \(text.complianceHeader) | "
                + "\(text.notAssessedHeader) |",
            "|---|---|:---:|:---:|:---:|---|---|---:|---:|",
        ]
        for result in report.result.systems {
            let system = result.system
            let compliance = result.compliance.percent.map { "\($0)%" } ?? "—"
            lines.append("| `\(system.id)` | \(Markdown.escape(system.name)) | \(result.standing.required.level) | "
                         + "\(system.proposedLevel.map(String.init) ?? "—") | \(system.approvedLevel.map(String.init) ?? "—") | "
                         + "\(result.standing.governing.title[lang]) | \(Labels.approval(result.approvalStatus, lang)) | "
                         + "\(compliance) | \(result.compliance.notAssessed) |")
        }
        lines.append("")
        return lines
    }

    private func sources(_ report: OrganizationReport, _ text: MarkdownText) -> [String] {
        let lang = report.language
        var seen: Set<String> = []
        var items: [String] = []
        // Most findings cite their rule's own source: each rule's line is made once. The others
        // (a clause per level, a basis of their own) are few distinct sources cited by many
        // findings: each distinct one is made once too (the note is cleaned with a pattern).
        // Those are kept by rule, each rule's few compared in turn: comparing texts that share
        // their storage is quick, while hashing a source reads every byte of its note.
        var rulesSeen: Set<ObjectIdentifier> = []
        var sourcesSeen: [ObjectIdentifier: [CitedSource]] = [:]
        let findings = report.findings
        // Findings are read in place: a copy of each retained and released it.
        for index in findings.indices where findings[index].status != .notApplicable {
            let rule = ObjectIdentifier(findings[index].facts)
            let citesRule = findings[index].citesRule
            if citesRule, !rulesSeen.insert(rule).inserted { continue }
            let source = findings[index].source, basis = findings[index].basis
            if !citesRule {
                let cited = CitedSource(source: source, basis: basis)
                if sourcesSeen[rule]?.contains(cited) == true { continue }
                sourcesSeen[rule, default: []].append(cited)
            }
            let line = source.citationWithNote(lang) + " (\(Labels.basis(basis, lang)))"
            if seen.insert(line).inserted { items.append(line) }
        }
        var lines = ["## \(text.sourcesHeading)", "", text.sourcesIntro, ""]
        lines += items.sorted().map { "- \(Markdown.escape($0))" }
        lines.append("")
        return lines
    }
}

/// A source as the list of sources cites it.
private struct CitedSource: Equatable {
    let source: LegalSource
    let basis: Basis
}

/// Escaping and ordering shared by the Markdown sections.
enum Markdown {
    /// Makes text safe inside a table cell.
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        let clean = utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte == 0x5C || byte == 0x7C || byte == 0x0A || byte == 0x0D { return false }
            return true
        } ?? !utf8.contains { $0 == 0x5C || $0 == 0x7C || $0 == 0x0A || $0 == 0x0D }
        guard !clean else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        var previous: UInt8 = 0
        for byte in utf8 {
            switch byte {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x7C: out += [0x5C, 0x7C]
            case 0x0D: out.append(0x20)
            case 0x0A: if previous != 0x0D { out.append(0x20) }
            default: out.append(byte)
            }
            previous = byte
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bySeverity(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.system != b.system { return a.system < b.system }
        return a.rule < b.rule
    }
}
