import TuanThuEngine

/// What the terminal summary needs of an audit, small enough to keep for every organisation while
/// the full results are rendered and dropped one organisation at a time.
public struct AuditDigest: Sendable {
    public struct SystemRow: Sendable {
        var id: String
        var levels: String
        var approval: ApprovalStatus
        var compliance: Int?
    }

    public struct OrganizationDigest: Sendable {
        var id: String
        var name: String
        var rows: [SystemRow]
    }

    var asOf: Day
    var regime: Localized?
    var organizations: [OrganizationDigest] = []
    var open: [Severity: Int] = [:]
    var baseline: (new: Int, persisting: Int, fixed: Int, dropped: Int, removed: Int)?
    var waived: [Finding] = []
    var waiverProblems: [WaiverOutcome] = []
    var hasWaivers = false
    var overdue = 0
    /// Requirements whose status no inventory declares.
    public private(set) var notAssessed = 0
    /// The most severe blocking findings (at most `shown`), and how many there are in all.
    var blocking: [Finding] = []
    public private(set) var blockingCount = 0
    static let shown = 20

    /// The digest of one audit (usually one organisation's).
    public init(_ result: AuditResult, threshold: Severity?, onlyNew: Bool) {
        asOf = result.asOf
        regime = result.catalog.selector.inForce(on: result.asOf)?.title
        for organization in result.organizations {
            organizations.append(OrganizationDigest(
                id: organization.organization.id, name: organization.organization.name,
                rows: organization.systems.map { system in
                    SystemRow(id: system.system.id,
                              levels: "\(system.standing.required.level)/\(system.system.proposedLevel.map(String.init) ?? "-")/"
                                  + (system.system.approvedLevel.map(String.init) ?? "-"),
                              approval: system.approvalStatus, compliance: system.compliance.percent)
                }))
            overdue += organization.plan.overdueCount
        }
        // The first `shown` blocking findings of each severity, in inventory order, and the count.
        var bySeverity: [Severity: [Finding]] = [:]
        for organization in result.organizations {
            // The organisation's duties, then each system's findings.
            for findings in [organization.duties] + organization.systems.map(\.findings) {
                for index in findings.indices {
                    if findings[index].isOpen { open[findings[index].severity, default: 0] += 1 }
                    if findings[index].status == .waived { waived.append(findings[index]) }
                    if findings[index].status == .notAssessed { notAssessed += 1 }
                    guard findings[index].blocks(at: threshold, onlyNew: onlyNew) else { continue }
                    blockingCount += 1
                    if bySeverity[findings[index].severity, default: []].count < Self.shown {
                        bySeverity[findings[index].severity, default: []].append(findings[index])
                    }
                }
            }
        }
        if let comparison = result.baseline {
            baseline = (comparison.new, comparison.persisting, comparison.fixed.count, comparison.dropped.count,
                        comparison.removed.count)
        }
        hasWaivers = !result.waivers.isEmpty
        waiverProblems = result.waivers.filter(\.needsAttention)
        blocking = Array(Severity.allCases.sorted(by: >).flatMap { bySeverity[$0] ?? [] }.prefix(Self.shown))
    }

    /// Counts gaps of removed systems that no organisation's report lists (their organisation was
    /// not audited).
    public mutating func addRemoved(_ count: Int) {
        guard count > 0, var comparison = baseline else { return }
        comparison.removed += count
        baseline = comparison
    }

    /// Adds another organisation's digest (in inventory order).
    public mutating func merge(_ other: AuditDigest) {
        organizations += other.organizations
        open.merge(other.open, uniquingKeysWith: +)
        if let theirs = other.baseline {
            let mine = baseline ?? (0, 0, 0, 0, 0)
            baseline = (mine.new + theirs.new, mine.persisting + theirs.persisting, mine.fixed + theirs.fixed,
                        mine.dropped + theirs.dropped, mine.removed + theirs.removed)
        }
        waived += other.waived
        // Waivers of unknown rules or systems reach every organisation; list each once.
        for problem in other.waiverProblems where !waiverProblems.contains(where: { $0.waiver == problem.waiver }) {
            waiverProblems.append(problem)
        }
        hasWaivers = hasWaivers || other.hasWaivers
        overdue += other.overdue
        notAssessed += other.notAssessed
        blockingCount += other.blockingCount
        blocking = Self.mostSevere(blocking + other.blocking)
    }

    /// Most severe first; within a severity, in inventory order.
    private static func mostSevere(_ findings: [Finding]) -> [Finding] {
        Array(findings.enumerated().sorted { ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset) }
            .map(\.element).prefix(shown))
    }
}

/// The short summary `audit` prints: systems, levels, approval, counts by severity, blocking findings.
public struct TerminalSummary {
    let digest: AuditDigest
    let language: Language
    let threshold: Severity?
    let colour: Bool
    let onlyNew: Bool
    /// `--fail-on-undeclared`: requirements not assessed fail the run.
    let failOnUndeclared: Bool

    public init(digest: AuditDigest, language: Language, threshold: Severity?, colour: Bool, onlyNew: Bool = false,
                failOnUndeclared: Bool = false) {
        self.digest = digest
        self.language = language
        self.threshold = threshold
        self.colour = colour
        self.onlyNew = onlyNew
        self.failOnUndeclared = failOnUndeclared
    }

    private func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The folder of a written file as the summary names it, ending in `/`: `/srv/bao-cao/` for
    /// `/srv/bao-cao/so.json` (an absolute path stays absolute), `./` for a file named alone.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "./" }
        return String(path[...slash])
    }

    public func render(written: [String]) -> String {
        var lines: [String] = []
        lines.append("tuanthu — " + pick("đánh giá ngày", "audit at") + " \(digest.asOf)"
                     + (digest.regime.map { " (\($0[language]))" } ?? ""))
        // A short summary stays short: beyond a few dozen systems, one line per organisation.
        let compact = digest.organizations.reduce(0) { $0 + $1.rows.count } > Self.systemRowsLimit
        if compact { lines.append("") }
        for organization in digest.organizations where compact {
            let counts = ApprovalStatus.allCases.map { status in
                "\(organization.rows.filter { $0.approval == status }.count) \(Labels.approval(status, language))"
            }.joined(separator: ", ")
            let scores = organization.rows.compactMap(\.compliance)
            let average = scores.isEmpty ? "—" : "\(scores.reduce(0, +) / scores.count)%"
            lines.append("\(organization.name) (\(organization.id)): \(organization.rows.count) " + pick("hệ thống", "systems")
                         + "; \(counts); " + pick("tuân thủ trung bình", "mean compliance") + " \(average)")
        }
        for organization in digest.organizations where !compact {
            lines.append("")
            lines.append("\(organization.name) (\(organization.id)): \(organization.rows.count) " + pick("hệ thống", "systems"))
            let width = max(12, organization.rows.map(\.id.count).max() ?? 0)
            let statusWidth = max(16, organization.rows.map { Labels.approval($0.approval, language).count }.max() ?? 0)
            lines.append("  " + pad(pick("mã", "id"), width) + "  " + pick("cấp độ y/đ/d", "level r/p/a") + "  "
                         + pad(pick("phê duyệt", "approval"), statusWidth) + "  " + pick("tuân thủ", "compliance"))
            for row in organization.rows {
                let status = Labels.approval(row.approval, language)
                let painted = row.approval == .approved ? paint(pad(status, statusWidth), "32")
                    : paint(pad(status, statusWidth), "31")
                lines.append("  " + pad(row.id, width) + "  " + pad(row.levels, 12) + "  " + painted + "  "
                             + (row.compliance.map { "\($0)%" } ?? "—"))
            }
        }
        let counts = Severity.allCases.map { "\(digest.open[$0] ?? 0) \(Labels.severity($0, language))" }
        lines.append("")
        lines.append(pick("Chưa đạt", "Open findings") + ": " + counts.joined(separator: ", "))
        if let baseline = digest.baseline {
            lines.append(pick("So với lần trước", "Since the baseline") + ": \(baseline.new) "
                         + pick("mới", "new") + ", \(baseline.persisting) " + pick("còn tồn tại", "persisting")
                         + ", \(baseline.fixed) " + pick("đã khắc phục", "fixed")
                         + ", \(baseline.dropped) " + pick("không còn áp dụng", "no longer applicable")
                         + (baseline.removed > 0
                            ? ", \(baseline.removed) " + pick("trên hệ thống không còn trong kiểm kê",
                                                             "on systems no longer in any inventory")
                            : ""))
        }
        if !digest.waived.isEmpty || digest.hasWaivers {
            lines.append(pick("Chấp nhận rủi ro", "Waived") + ": \(digest.waived.count)")
        }
        for finding in digest.waived {
            guard let waiver = finding.waiver else { continue }
            lines.append("  ~ \(finding.rule) [\(finding.system)] " + pick("đến", "until") + " \(waiver.expires) "
                         + "(\(waiver.approvedBy)): \(waiver.justification)")
        }
        for waiver in digest.waiverProblems {
            lines.append("  " + paint("!", "33") + " \(waiver.waiver.location): \(waiver.waiver.rule) "
                         + "[\(waiver.waiver.system)] \(Labels.waiverState(waiver.state, language)): \(waiver.message[language])")
        }
        if digest.notAssessed > 0 {
            let line = pick("Chưa đánh giá", "Not assessed") + ": \(digest.notAssessed) "
                + pick("yêu cầu (kiểm kê chưa ghi trạng thái; xem danh sách cần hoàn thành trong báo cáo)",
                       "requirements (no status in the inventory; see the checklist in the report)")
            lines.append(failOnUndeclared ? paint(line + pick(" — chặn (--fail-on-undeclared)", " — blocking (--fail-on-undeclared)"), "31")
                         : line)
        }
        if digest.overdue > 0 {
            lines.append(paint(pick("Quá hạn khắc phục", "Overdue plan items") + ": \(digest.overdue)", "31"))
        }
        if let threshold {
            let label = pick("Chặn (≥ \(Labels.severity(threshold, language)))", "Blocking (≥ \(threshold.rawValue))")
                + (onlyNew ? pick(", chỉ phát hiện mới", ", new only") : "")
            lines.append(label + ": " + (digest.blockingCount == 0 ? paint("0", "32") : paint(String(digest.blockingCount), "31")))
        }
        for finding in digest.blocking {
            lines.append("  " + paint("✗", "31") + " \(pad(Labels.severity(finding.severity, language), 10)) "
                         + "\(finding.location): \(finding.rule) [\(finding.system)] "
                         + (finding.group == nil ? "" : finding.title[language] + ": ") + finding.message[language])
        }
        if digest.blockingCount > digest.blocking.count {
            let more = digest.blockingCount - digest.blocking.count
            lines.append("  " + pick("… và \(more) phát hiện khác", "… and \(more) more"))
        }
        if !written.isEmpty {
            lines.append("")
            if written.count > 8, let first = written.first {
                lines.append(pick("Báo cáo", "Reports") + ": \(written.count) " + pick("tệp trong", "files in") + " "
                             + Self.folder(of: first))
            } else {
                lines.append(pick("Báo cáo", "Reports") + ": " + written.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static let systemRowsLimit = 40

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
