import Foundation
import TuanThuEngine
import TuanThuPKI

/// A value bound to a statement, the same for both back ends.
enum SQLValue: Sendable {
    case text(String)
    case int(Int64)
    case null
}

/// A row read back, by column name.
protocol StoredRow {
    func string(_ column: String) -> String?
    func int(_ column: String) -> Int64?
}

/// The statements and row shapes both back ends share: what is written for a run, and how rows
/// are read back into runs.
enum HistorySQL {
    static let runColumns = [
        "organization", "organization_name", "as_of", "recorded_at", "tool", "rules_version", "rules_sha256",
        "manifest_sha256", "language", "systems", "approved", "open_critical", "open_high", "open_medium",
        "open_low", "open_info",
    ]

    /// `INSERT INTO table (columns) VALUES (?, ?, …)`.
    static func insert(into table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    static func values(_ run: RunRecord, _ recordedAt: String) -> [SQLValue] {
        let open = run.figures.openBySeverity
        return [
            .text(run.organization), .text(run.organizationName), .text(run.asOf.description), .text(recordedAt),
            .text(run.tool), .text(run.rulesVersion), .text(run.rulesDigest), .text(run.manifest.sha256),
            .text(run.language.rawValue), .int(Int64(run.figures.systems)), .int(Int64(run.figures.approved)),
            .int(Int64(open[.critical] ?? 0)), .int(Int64(open[.high] ?? 0)), .int(Int64(open[.medium] ?? 0)),
            .int(Int64(open[.low] ?? 0)), .int(Int64(open[.info] ?? 0)),
        ]
    }

    /// A child table's rows for a run: its name, its columns (after `run_id, organization`) and values.
    struct Table {
        let name: String
        let columns: [String]
        var rows: [[SQLValue]]

        /// Every column, in order, that a row's values fill (`run_id` and `organization` first).
        var allColumns: [String] { ["run_id", "organization"] + columns }
    }

    private static let countColumns = ["passed", "failed", "manual", "not_applicable", "not_assessed"]

    private static func counts(_ compliance: Compliance) -> [SQLValue] {
        [compliance.passed, compliance.failed, compliance.manual, compliance.notApplicable, compliance.notAssessed]
            .map { .int(Int64($0)) }
    }

    private static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    private static func optional(_ value: Int?) -> SQLValue { value.map { .int(Int64($0)) } ?? .null }

    static func tables(_ run: RunRecord, id: Int64) -> [Table] {
        let head: [SQLValue] = [.int(id), .text(run.organization)]
        let inputs = Table(name: "run_inputs", columns: ["path", "kind", "sha256", "bytes"], rows: run.manifest.entries.map {
            head + [.text($0.path), .text($0.kind.rawValue), .text($0.sha256), .int(Int64($0.bytes))]
        })
        let groups = Table(name: "run_groups", columns: ["grp"] + countColumns,
                           rows: RequirementGroup.allCases.compactMap { group in
                               run.figures.byGroup[group].map { head + [.text(group.rawValue)] + counts($0) }
                           })
        let systems = Table(
            name: "run_systems",
            columns: ["system", "name", "operator", "required_level", "proposed_level", "approved_level",
                      "effective_level", "approval", "regime"] + countColumns + ["findings"],
            rows: run.systems.map { system in
                head + [.text(system.id), .text(system.name), .text(system.operatorUnit),
                        .int(Int64(system.requiredLevel)), optional(system.proposedLevel), optional(system.approvedLevel),
                        .int(Int64(system.effectiveLevel)), .text(system.approval.rawValue), .text(system.regime)]
                    + counts(system.compliance) + [.text(system.findings)]
            })
        let gaps = Table(
            name: "run_gaps",
            columns: ["system", "rule", "severity", "status", "grp", "message_vi", "message_en", "file", "line", "col",
                      "change", "plan_id", "priority", "due", "due_reason", "responsible_unit", "overdue"],
            rows: run.gaps.map { gap in
                head + [.text(gap.system), .text(gap.rule), .text(gap.severity.rawValue), .text(gap.status.rawValue),
                        optional(gap.group?.rawValue), .text(gap.message.vi), .text(gap.message.en), .text(gap.file),
                        .int(Int64(gap.line)), .int(Int64(gap.column)), optional(gap.change?.rawValue),
                        optional(gap.planID), optional(gap.priority), optional(gap.due?.description),
                        optional(gap.dueReason), optional(gap.responsibleUnit), .int(gap.overdue ? 1 : 0)]
            })
        return [inputs, groups, systems, gaps]
    }

    static func list(_ ids: [Int64]) -> String { ids.map(String.init).joined(separator: ", ") }

    /// Complete runs (or one run, complete or not), oldest first; `placeholder(n)` numbers the
    /// back end's parameters.
    static func selectRuns(organization: String?, id: Int64? = nil, placeholder: (Int) -> String)
        -> (String, [SQLValue]) {
        let columns = "id, " + runColumns.joined(separator: ", ")
        if let id { return ("SELECT \(columns) FROM runs WHERE id = \(placeholder(1))", [.int(id)]) }
        if let organization {
            return ("SELECT \(columns) FROM runs WHERE complete = 1 AND organization = \(placeholder(1)) "
                    + "ORDER BY as_of, id", [.text(organization)])
        }
        return ("SELECT \(columns) FROM runs WHERE complete = 1 ORDER BY as_of, id", [])
    }

    static func selectGroups(of ids: [Int64]) -> String {
        "SELECT run_id, grp, \(countColumns.joined(separator: ", ")) FROM run_groups WHERE run_id IN (\(list(ids.isEmpty ? [-1] : ids)))"
    }

    static let selectInputs = "SELECT path, kind, sha256, bytes FROM run_inputs WHERE run_id = ? ORDER BY path"
    static let selectSystems = """
        SELECT system, name, operator, required_level, proposed_level, approved_level, effective_level, approval, \
        regime, passed, failed, manual, not_applicable, not_assessed, findings FROM run_systems WHERE run_id = ? \
        ORDER BY system
        """
    static let selectGaps = """
        SELECT system, rule, severity, status, grp, message_vi, message_en, file, line, col, change, plan_id, \
        priority, due, due_reason, responsible_unit, overdue FROM run_gaps WHERE run_id = ? ORDER BY system, rule
        """

    // MARK: - Reading rows back

    static func summaries(_ rows: [StoredRow], groups: [StoredRow]) -> [RunSummary] {
        var byRun: [Int64: [RequirementGroup: Compliance]] = [:]
        for row in groups {
            guard let id = row.int("run_id"), let group = row.string("grp").flatMap(RequirementGroup.init) else { continue }
            byRun[id, default: [:]][group] = compliance(row)
        }
        return rows.compactMap { row in
            guard let id = row.int("id"), let asOf = row.string("as_of").flatMap(Day.init(iso:)) else { return nil }
            var open: [Severity: Int] = [:]
            for severity in Severity.allCases {
                let count = Int(row.int("open_\(severity.rawValue)") ?? 0)
                if count > 0 { open[severity] = count }
            }
            let figures = RunFigures(run: id, asOf: asOf, systems: Int(row.int("systems") ?? 0),
                                     approved: Int(row.int("approved") ?? 0), openBySeverity: open,
                                     byGroup: byRun[id] ?? [:])
            return RunSummary(id: id, organization: row.string("organization") ?? "",
                              organizationName: row.string("organization_name") ?? "", asOf: asOf,
                              recordedAt: row.string("recorded_at") ?? "", tool: row.string("tool") ?? "",
                              rulesVersion: row.string("rules_version") ?? "",
                              rulesDigest: row.string("rules_sha256") ?? "",
                              manifestDigest: row.string("manifest_sha256") ?? "",
                              language: row.string("language").flatMap(Language.init) ?? .vi, figures: figures)
        }
    }

    private static func compliance(_ row: StoredRow) -> Compliance {
        var value = Compliance()
        value.passed = Int(row.int("passed") ?? 0)
        value.failed = Int(row.int("failed") ?? 0)
        value.manual = Int(row.int("manual") ?? 0)
        value.notApplicable = Int(row.int("not_applicable") ?? 0)
        value.notAssessed = Int(row.int("not_assessed") ?? 0)
        return value
    }

    static func input(_ row: StoredRow) -> InputManifest.Entry? {
        guard let path = row.string("path"), let kind = row.string("kind").flatMap(InputManifest.Kind.init),
              let sha = row.string("sha256") else { return nil }
        return .init(path: path, kind: kind, sha256: sha, bytes: Int(row.int("bytes") ?? 0))
    }

    static func system(_ row: StoredRow) -> RunRecord.SystemRow? {
        guard let id = row.string("system"), let approval = row.string("approval").flatMap(ApprovalStatus.init) else {
            return nil
        }
        return .init(id: id, name: row.string("name") ?? "", operatorUnit: row.string("operator") ?? "",
                     requiredLevel: Int(row.int("required_level") ?? 0), proposedLevel: row.int("proposed_level").map(Int.init),
                     approvedLevel: row.int("approved_level").map(Int.init),
                     effectiveLevel: Int(row.int("effective_level") ?? 0), approval: approval,
                     regime: row.string("regime") ?? "", compliance: compliance(row),
                     findings: row.string("findings") ?? "")
    }

    static func gap(_ row: StoredRow) -> RunRecord.GapRow? {
        guard let system = row.string("system"), let rule = row.string("rule"),
              let severity = row.string("severity").flatMap(Severity.init),
              let status = row.string("status").flatMap(CheckStatus.init) else { return nil }
        return .init(system: system, rule: rule, severity: severity, status: status,
                     group: row.string("grp").flatMap(RequirementGroup.init),
                     message: Localized(vi: row.string("message_vi") ?? "", en: row.string("message_en") ?? ""),
                     file: row.string("file") ?? "", line: Int(row.int("line") ?? 0), column: Int(row.int("col") ?? 0),
                     change: row.string("change").flatMap(Change.init), planID: row.string("plan_id"),
                     priority: row.string("priority"), due: row.string("due").flatMap(Day.init(iso:)),
                     dueReason: row.string("due_reason"), responsibleUnit: row.string("responsible_unit"),
                     overdue: (row.int("overdue") ?? 0) != 0)
    }
}

/// The wall clock, read at the edge: when a run is recorded (shown, never compared).
public enum HistoryClock {
    public static func now() -> String {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))).description
    }
}
