import TuanThuEngine

/// How the organisation has moved over its last recorded runs: open gaps by severity, systems
/// approved and compliance, as a table, compliance by group, and a Mermaid chart. Shown from the
/// second run on (one run is not a trend).
struct TrendSection {
    let trend: [RunFigures]
    let text: MarkdownText
    let language: Language

    init(report: OrganizationReport, text: MarkdownText) {
        trend = report.trend
        self.text = text
        language = report.language
    }

    private func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    private func runLabel(_ figures: RunFigures) -> String {
        figures.run.map { "#\($0)" } ?? pick("lần này", "this audit")
    }

    func lines() -> [String] {
        guard trend.count >= 2 else { return [] }
        let severities: [Severity] = [.critical, .high, .medium, .low]
        var out = ["## \(pick("Diễn biến qua các lần đánh giá", "Trend over the recorded audits"))", "",
                   pick("Các lần kiểm tra gần nhất được ghi trong lịch sử của công cụ, lần này ở cuối.",
                        "The last audits recorded in the tool's history, this one last."), ""]
        out.append("| \(pick("Lần", "Run")) | \(text.asOf) | \(pick("Hệ thống", "Systems")) | "
                   + "\(pick("Đã phê duyệt cấp độ", "Level approved")) | "
                   + severities.map { Labels.severity($0, language).capitalizedFirst }.joined(separator: " | ")
                   + " | \(pick("Tổng tồn tại", "Open gaps")) | \(pick("Tuân thủ", "Compliance")) |")
        out.append("|---|---|---:|---:|" + severities.map { _ in "---:|" }.joined() + "---:|---:|")
        for figures in trend {
            let counts = severities.map { String(figures.openBySeverity[$0] ?? 0) }.joined(separator: " | ")
            out.append("| \(runLabel(figures)) | \(text.date(figures.asOf)) | \(figures.systems) | "
                       + "\(figures.approved)/\(figures.systems) | \(counts) | \(figures.openGaps) | "
                       + "\(figures.compliance.percent.map { "\($0)%" } ?? "—") |")
        }
        out.append("")
        let groups = RequirementGroup.allCases.filter { group in trend.contains { $0.byGroup[group]?.percent != nil } }
        if !groups.isEmpty {
            out.append("| \(pick("Nhóm yêu cầu", "Requirement group")) | "
                       + trend.map { runLabel($0) }.joined(separator: " | ") + " |")
            out.append("|---|" + trend.map { _ in "---:|" }.joined())
            for group in groups {
                let cells = trend.map { figures in figures.byGroup[group]?.percent.map { "\($0)%" } ?? "—" }
                out.append("| \(Labels.group(group, language)) | " + cells.joined(separator: " | ") + " |")
            }
            out.append("")
        }
        let all = trend.map(\.openGaps)
        let serious = trend.map { ($0.openBySeverity[.critical] ?? 0) + ($0.openBySeverity[.high] ?? 0) }
        let top = max(1, all.max() ?? 1)
        out += [
            "```mermaid",
            "xychart-beta",
            "    title \"\(pick("Tồn tại chưa khắc phục", "Open gaps"))\"",
            "    x-axis [\(trend.map { "\"\(runLabel($0)) \($0.asOf)\"" }.joined(separator: ", "))]",
            "    y-axis \"\(pick("Số tồn tại", "Gaps"))\" 0 --> \(top)",
            "    line [\(all.map(String.init).joined(separator: ", "))]",
            "    line [\(serious.map(String.init).joined(separator: ", "))]",
            "```",
            "",
            pick("Đường trên: tất cả tồn tại; đường dưới: tồn tại mức nghiêm trọng và cao.",
                 "Upper line: all open gaps; lower line: critical and high."),
            "",
        ]
        return out
    }
}

