import TuanThuEngine

/// Compliance by requirement group: the leadership page's chart, as an SVG the tool draws itself
/// (it shows in any browser, word processor or PDF converter) and as Mermaid source for Git forges.
struct ComplianceChart {
    struct Bar {
        let group: RequirementGroup
        let label: String
        let percent: Int
        let passed: Int
        let assessed: Int
    }

    let bars: [Bar]
    let title: String
    let language: Language

    init(report: OrganizationReport, text: MarkdownText) {
        bars = RequirementGroup.allCases.compactMap { group in
            guard let counts = report.counts.byGroup[group], let percent = counts.percent else { return nil }
            return Bar(group: group, label: Labels.group(group, report.language), percent: percent, passed: counts.passed,
                       assessed: counts.passed + counts.failed)
        }
        title = text.chartTitle
        language = report.language
    }

    var isEmpty: Bool { bars.isEmpty }

    /// A horizontal bar per group, its label on the left and "74% (20/27)" on the right.
    func svg() -> String {
        let labelWidth = 430, barWidth = 300, row = 26, top = 44
        let width = labelWidth + barWidth + 110
        let height = top + bars.count * row + 30
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"13\">",
            "  <title>\(XML.escape(title))</title>",
            "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
            "  <text x=\"12\" y=\"26\" font-size=\"16\" font-weight=\"bold\">\(XML.escape(title))</text>",
        ]
        for (index, bar) in bars.enumerated() {
            let y = top + index * row
            let length = bar.percent * barWidth / 100
            let colour = bar.percent >= 80 ? "#2e7d32" : bar.percent >= 50 ? "#f9a825" : "#c62828"
            out.append("  <text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(XML.escape(bar.label))</text>")
            out.append("  <rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"16\" fill=\"#eeeeee\"/>")
            if length > 0 {
                out.append("  <rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"16\" fill=\"\(colour)\"/>")
            }
            out.append("  <text x=\"\(labelWidth + barWidth + 8)\" y=\"\(y + 16)\">\(bar.percent)% (\(bar.passed)/\(bar.assessed))</text>")
        }
        let legend = language == .vi
            ? "Tỷ lệ yêu cầu đã đạt trên số yêu cầu đã đánh giá; yêu cầu chưa đánh giá không tính."
            : "Requirements met out of those assessed; requirements not assessed are left out."
        out.append("  <text x=\"12\" y=\"\(height - 10)\" font-size=\"11\" fill=\"#555555\">\(XML.escape(legend))</text>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The same chart as Mermaid source (an `xychart-beta` bar chart).
    func mermaid(_ text: MarkdownText) -> String {
        ["xychart-beta",
         "    title \"\(title)\"",
         "    x-axis [\(bars.map { "\"\(text.shortGroup($0.group))\"" }.joined(separator: ", "))]",
         "    y-axis \"%\" 0 --> 100",
         "    bar [\(bars.map { String($0.percent) }.joined(separator: ", "))]"].joined(separator: "\n") + "\n"
    }
}
