import TuanThuEngine

/// A checklist as YAML lines: `ID: status  # title`, grouped by requirement group.
public struct ChecklistText {
    public let checklist: Checklist
    public let language: Language
    public let asOf: Day

    public init(checklist: Checklist, language: Language, asOf: Day) {
        self.checklist = checklist
        self.language = language
        self.asOf = asOf
    }

    /// The whole `controls:` block, indented as it goes in an inventory (2 spaces under the
    /// organisation, 4 under a system).
    public func block() -> [String] {
        let pad = checklist.isOrganization ? "  " : "    "
        return [pad + "# " + heading(count: checklist.entries.count), pad + "controls:"]
            + entries(checklist.entries).map { pad + "  " + $0 }
    }

    /// The entries not declared yet, under a comment saying where they came from (for `--write`).
    public func missingLines() -> [String] {
        let missing = checklist.missing
        let note = language == .vi
            ? "tuanthu checklist \(asOf): \(missing.count) yêu cầu chưa khai báo — \(heading(count: nil))"
            : "tuanthu checklist \(asOf): \(missing.count) undeclared requirements — \(heading(count: nil))"
        return ["# " + note] + entries(missing)
    }

    private func heading(count: Int?) -> String {
        let regime = checklist.regime.title[language]
        let baseline = ", " + Labels.baseline(checklist.regime.baseline)
        let what = checklist.isOrganization
            ? (language == .vi ? "nghĩa vụ chung của cơ quan" : "the organisation's own duties")
            : (language == .vi ? "cấp độ \(checklist.level)" : "level \(checklist.level)")
        let counted = count.map { language == .vi ? " — \($0) yêu cầu" : " — \($0) requirements" } ?? ""
        return "\(what) — \(regime)\(baseline)\(counted)"
    }

    private func entries(_ entries: [Checklist.Entry]) -> [String] {
        let width = (entries.map { $0.control.count + ($0.declared?.status.rawValue.count ?? 15) }.max() ?? 0) + 2
        var lines: [String] = []
        var group: RequirementGroup?
        // By group, and in catalog order within a group.
        let sorted = entries.enumerated().sorted { (order($0.element), $0.offset) < (order($1.element), $1.offset) }
        for entry in sorted.map(\.element) {
            if let current = entry.rule.group, current != group {
                group = current
                lines.append("# " + Labels.group(current, language))
            }
            let status = entry.declared?.status.rawValue ?? ControlStatus.notImplemented.rawValue
            let pair = "\(entry.control): \(status)"
            let padding = String(repeating: " ", count: max(1, width - pair.count + 2))
            lines.append(pair + padding + "# " + entry.rule.title[language].replacingOccurrences(of: "\n", with: " "))
        }
        return lines
    }

    private func order(_ entry: Checklist.Entry) -> Int {
        (entry.rule.group.flatMap { RequirementGroup.allCases.firstIndex(of: $0) } ?? RequirementGroup.allCases.count)
    }
}
