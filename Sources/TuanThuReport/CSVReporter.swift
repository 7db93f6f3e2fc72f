import Foundation
import TuanThuEngine

/// `Reports/<org-id>.plan.csv`: the remediation plan for a spreadsheet. UTF-8 with a byte-order
/// mark and CRLF line ends (RFC 4180), so that Vietnamese text opens correctly in Excel.
public struct CSVReporter: Reporter {
    public init() {}

    public func fileName(for report: OrganizationReport) -> String { "\(report.organization.id).plan.csv" }

    public func render(_ report: OrganizationReport) throws -> ReportBytes {
        let lang = report.language
        let vi = lang == .vi
        let header = vi
            ? ["Mã", "Hệ thống", "Quy tắc", "Nội dung", "Ưu tiên", "Mức", "Biện pháp khắc phục", "Đơn vị chủ trì",
               "Thời hạn hoàn thành", "Kỳ báo cáo", "Công sức", "Nguồn pháp lý", "Căn cứ", "Trạng thái", "Quá hạn",
               "Thay đổi", "Chấp nhận rủi ro", "Vị trí", "Bộ quy tắc"]
            : ["Id", "System", "Rule", "Title", "Priority", "Severity", "Action", "Responsible unit", "Due",
               "Reporting period", "Effort", "Legal source", "Basis", "Status", "Overdue", "Change", "Waiver", "Location", "Rules"]
        var rows = [header]
        let waivers = Dictionary(report.findings.compactMap { finding in
            finding.waiver.map { (finding.gapID, $0) }
        }) { first, _ in first }
        // On every row: a row pasted into another sheet still says which rules found the gap.
        let rules = report.catalog.provenance.fullLabel
        for item in report.result.plan {
            let waiver = waivers[item.id].map { "\($0.justification) — \($0.approvedBy), \($0.expires)" } ?? ""
            rows.append([item.id, item.system, item.rule, item.title[lang], item.priority.rawValue,
                         Labels.severity(item.severity, lang), item.action[lang], item.responsibleName,
                         item.due.description, item.period?.title[lang] ?? "", item.effort.rawValue,
                         item.citation[lang], Labels.basis(item.basis, lang), Labels.status(item.status, lang),
                         item.overdue ? (vi ? "có" : "yes") : "", item.change?.rawValue ?? "", waiver,
                         item.location.description, rules])
        }
        let lines = rows.map { $0.map(Self.field).joined(separator: ",") }
        return ReportBytes(Array(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8))
    }

    /// Quotes a field when it holds a comma, quote or line break; a leading formula character is
    /// neutralised so a spreadsheet never evaluates report text.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        // By scalar: "\r\n" is one Character, so a Character test would miss a lone line feed.
        guard value.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
