import Foundation
import TuanThuEngine
import TuanThuHistory

/// `tuanthu history`: the recorded runs as a table, or as JSON.
public struct HistoryListing {
    let runs: [RunSummary]
    let location: String
    let language: Language

    public init(runs: [RunSummary], location: String, language: Language) {
        self.runs = runs
        self.location = location
        self.language = language
    }

    public func text() -> String {
        let vi = language == .vi
        guard !runs.isEmpty else {
            return vi ? "Chưa có lần kiểm tra nào được ghi trong \(location)." : "No audit is recorded in \(location)."
        }
        let header = vi
            ? ["#", "Ngày KT", "Cơ quan", "Hệ thống", "Đã phê duyệt", "Tồn tại NT/C/TB/T", "Tuân thủ", "Bộ quy tắc"]
            : ["#", "As of", "Organisation", "Systems", "Approved", "Open C/H/M/L", "Compliance", "Rules"]
        var rows = [header]
        for run in runs {
            let open = run.figures.openBySeverity
            let counts = [Severity.critical, .high, .medium, .low].map { String(open[$0] ?? 0) }.joined(separator: "/")
            rows.append(["\(run.id)", run.asOf.description, run.organization, "\(run.figures.systems)",
                         "\(run.figures.approved)", counts, run.figures.compliance.percent.map { "\($0)%" } ?? "—",
                         run.rulesVersion])
        }
        let title = vi ? "Lịch sử kiểm tra (\(location)): \(runs.count) lần" : "Audit history (\(location)): \(runs.count) runs"
        return ([title, ""] + TextTable.render(rows)).joined(separator: "\n")
    }

    struct RunInfo: Encodable {
        var id: Int64
        var organization: String
        var organizationName: String
        var asOf: String
        var recordedAt: String
        var tool: String
        var rules: String
        var rulesSha256: String
        var manifestSha256: String
        var figures: JSONReport.TrendPoint
    }

    public func json() throws -> String {
        let infos = runs.map {
            RunInfo(id: $0.id, organization: $0.organization, organizationName: $0.organizationName,
                    asOf: $0.asOf.description, recordedAt: $0.recordedAt, tool: $0.tool, rules: $0.rulesVersion,
                    rulesSha256: $0.rulesDigest, manifestSha256: $0.manifestDigest,
                    figures: JSONReporter.trendPoint($0.figures))
        }
        return String(decoding: try FastJSONEncoder().encode(infos), as: UTF8.self)
    }
}

/// `tuanthu history --diff A B`: what changed between two runs.
public struct RunDiffText {
    let diff: RunDiff
    let language: Language

    public init(_ diff: RunDiff, language: Language) {
        self.diff = diff
        self.language = language
    }

    public func text() -> String {
        let vi = language == .vi
        let from = diff.from, to = diff.to
        var out = [vi ? "So sánh lần chạy #\(from.id) (\(from.organization), \(from.asOf)) với #\(to.id) (\(to.organization), \(to.asOf))"
                      : "Run #\(from.id) (\(from.organization), \(from.asOf)) against #\(to.id) (\(to.organization), \(to.asOf))"]
        func section(_ title: String, _ gaps: [RunDiff.GapChange], sayNow: Bool) {
            out.append("")
            out.append("\(title): \(gaps.count)")
            for gap in gaps {
                var line = "  - \(gap.system) \(gap.rule) [\(Labels.severity(gap.severity, language))] \(gap.message[language])"
                if sayNow {
                    let now = gap.now.map { Labels.status($0, language) }
                        ?? (diff.removedSystems.contains(gap.system) ? (vi ? "hệ thống đã bỏ" : "system removed")
                            : (vi ? "không còn đánh giá" : "no longer evaluated"))
                    line += vi ? " (nay: \(now))" : " (now: \(now))"
                }
                out.append(line)
            }
        }
        section(vi ? "Tồn tại mới" : "New gaps", diff.new, sayNow: false)
        section(vi ? "Đã khắc phục" : "Fixed", diff.fixed, sayNow: false)
        section(vi ? "Không còn là tồn tại (được chấp nhận, không áp dụng, chưa đánh giá hoặc hệ thống đã bỏ)"
                   : "No longer open (waived, not applicable, not assessed, or system gone)", diff.dropped, sayNow: true)
        out.append("")
        out.append(vi ? "Vẫn còn tồn tại: \(diff.persisting)" : "Still open: \(diff.persisting)")
        out.append("")
        let none = vi ? "không" : "none"
        out.append((vi ? "Hệ thống thêm: " : "Systems added: ")
                   + (diff.addedSystems.isEmpty ? none : diff.addedSystems.joined(separator: ", ")))
        out.append((vi ? "Hệ thống bỏ: " : "Systems removed: ")
                   + (diff.removedSystems.isEmpty ? none : diff.removedSystems.joined(separator: ", ")))
        out.append("")
        out.append((vi ? "Thay đổi cấp độ, phê duyệt: " : "Level and approval changes: ") + "\(diff.standings.count)")
        for change in diff.standings {
            out.append("  - \(change.system): \(standing(change.before)) → \(standing(change.after))")
        }
        out.append("")
        out.append((vi ? "Tệp đầu vào thay đổi: " : "Changed inputs: ") + "\(diff.inputs.count)")
        for input in diff.inputs {
            let word = switch input.change {
            case .changed: vi ? "đã sửa" : "changed"
            case .added: vi ? "mới" : "added"
            case .removed: vi ? "không còn" : "removed"
            }
            out.append("  - \(input.path) (\(word))")
        }
        return out.joined(separator: "\n")
    }

    private func standing(_ row: RunRecord.SystemRow) -> String {
        let vi = language == .vi
        let dash = "—"
        return (vi ? "yêu cầu \(row.requiredLevel), đề xuất \(row.proposedLevel.map(String.init) ?? dash), "
                   + "phê duyệt \(row.approvedLevel.map(String.init) ?? dash)"
                   : "required \(row.requiredLevel), proposed \(row.proposedLevel.map(String.init) ?? dash), "
                   + "approved \(row.approvedLevel.map(String.init) ?? dash)")
            + " (\(Labels.approval(row.approval, language)), \(row.regime))"
    }

    struct GapInfo: Encodable {
        var system: String
        var rule: String
        var severity: String
        var message: String
        var now: String?
    }

    struct StandingInfo: Encodable {
        var system: String
        var before: Standing
        var after: Standing
    }

    struct Standing: Encodable {
        var required: Int
        var proposed: Int?
        var approved: Int?
        var approval: String
        var regime: String
    }

    struct InputInfo: Encodable {
        var path: String
        var change: String
    }

    struct DiffInfo: Encodable {
        var from: Int64
        var to: Int64
        var new: [GapInfo]
        var fixed: [GapInfo]
        var dropped: [GapInfo]
        var persisting: Int
        var addedSystems: [String]
        var removedSystems: [String]
        var standings: [StandingInfo]
        var inputs: [InputInfo]
    }

    public func json() throws -> String {
        func gaps(_ list: [RunDiff.GapChange]) -> [GapInfo] {
            list.map { .init(system: $0.system, rule: $0.rule, severity: $0.severity.rawValue,
                             message: $0.message[language], now: $0.now?.rawValue) }
        }
        func standing(_ row: RunRecord.SystemRow) -> Standing {
            .init(required: row.requiredLevel, proposed: row.proposedLevel, approved: row.approvedLevel,
                  approval: row.approval.rawValue, regime: row.regime)
        }
        let info = DiffInfo(from: diff.from.id, to: diff.to.id, new: gaps(diff.new), fixed: gaps(diff.fixed),
                            dropped: gaps(diff.dropped), persisting: diff.persisting, addedSystems: diff.addedSystems,
                            removedSystems: diff.removedSystems,
                            standings: diff.standings.map { .init(system: $0.system, before: standing($0.before),
                                                                  after: standing($0.after)) },
                            inputs: diff.inputs.map { .init(path: $0.path, change: $0.change.rawValue) })
        return String(decoding: try FastJSONEncoder().encode(info), as: UTF8.self)
    }
}

/// Plain-text columns, padded to the widest cell (by characters, so that Vietnamese lines up).
enum TextTable {
    static func render(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
