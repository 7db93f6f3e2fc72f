import Foundation
import TuanThuEngine

/// `Reports/<org-id>.json`: everything, machine readable, keys sorted for stable diffs, and each
/// finding, plan item and system on a line of its own (see `DirectList`).
public struct JSONReporter: Reporter {
    public init() {}

    public func fileName(for report: OrganizationReport) -> String { "\(report.organization.id).json" }

    public func render(_ report: OrganizationReport) throws -> ReportBytes {
        // As written: about 200 bytes per finding, 500 per plan item, 3.5 kB per system.
        let expected = report.findings.count * 200 + report.result.plan.count * 500 + report.result.systems.count * 3_500
        return ReportBytes(try FastJSONEncoder().encodeBuffer(build(report), expectedSize: expected + (1 << 16),
                                                              trailingNewline: true))
    }

    static func rules(_ provenance: RulesProvenance) -> JSONReport.RulesInfo {
        let origin: String = switch provenance.origin {
        case .builtIn: "builtin"
        case .folder(let path): path
        }
        return .init(origin: origin, version: provenance.version, sha256: provenance.digest,
                     policies: provenance.policies.map { .init(path: $0.display, sha256: $0.digest) })
    }

    func build(_ report: OrganizationReport) -> JSONReport {
        let lang = report.language
        let result = report.result
        let selector = report.catalog.selector
        let inForce = selector.inForce(on: report.asOf)
        let rules = RuleTable(findings: report.findings, language: lang)
        var regimes: [String: String] = [:]
        var approval: [String: Int] = [:]
        var levels: [String: Int] = [:]
        for system in result.systems {
            regimes[system.system.id] = system.standing.governing.id
            approval[system.approvalStatus.rawValue, default: 0] += 1
            levels[String(system.effectiveLevel), default: 0] += 1
        }
        var lastSystem: String?
        var lastRegime: String?
        let open = Dictionary(uniqueKeysWithValues: report.counts.openBySeverity.map { ($0.rawValue, $1) })
        let byStatus = Dictionary(uniqueKeysWithValues: report.counts.byStatus.map { ($0.rawValue, $1) })
        return JSONReport(
            schemaVersion: JSONReport.schemaVersion,
            tool: .init(name: ToolInfo.name, version: ToolInfo.version, rules: Self.rules(report.catalog.provenance)),
            asOf: report.asOf.description,
            language: lang.rawValue,
            organization: .init(id: report.organization.id, name: report.organization.name,
                                inventory: result.inventoryFile),
            regimes: selector.regimes.map {
                .init(id: $0.id, title: $0.title[lang], effective: $0.effective.description, baseline: $0.baseline,
                      inForce: $0.id == inForce?.id)
            },
            summary: .init(systems: result.systems.count, approval: approval, levels: levels, openBySeverity: open,
                           byStatus: byStatus, failOn: report.threshold?.rawValue ?? "none",
                           blocking: report.counts.blocking, planItems: result.plan.count,
                           overdue: result.plan.overdueCount),
            rules: rules,
            systems: DirectList(result.systems.map { systemInfo($0, lang) }),
            findings: DirectList(report.findings.indices.map { index in
                let finding = report.findings[index]
                // A system's findings come together: its regime is looked up when the system changes.
                let system = finding.system
                if system != lastSystem {
                    lastSystem = system
                    lastRegime = regimes[system]
                }
                return FindingEntry(finding: finding, language: lang, blocking: finding.blocks(at: report.threshold),
                                    rules: rules, index: index, systemRegime: lastRegime)
            }),
            plan: DirectList(result.plan.map { planEntry($0, lang, rules.facts(of: $0.rule)) }),
            waivers: report.waivers.map { outcome in
                let waiver = outcome.waiver
                return .init(rule: waiver.rule, system: waiver.system, justification: waiver.justification,
                             approvedBy: waiver.approvedBy, expires: waiver.expires.description,
                             approvedOn: waiver.approvedOn?.description, state: outcome.state.rawValue,
                             message: outcome.message[lang], location: waiver.location)
            },
            baseline: report.baseline.map { baseline in
                .init(files: baseline.files, new: baseline.new, persisting: baseline.persisting,
                      fixed: baseline.fixed.map { .init(rule: $0.rule, system: $0.system, title: $0.title) },
                      dropped: baseline.dropped.map { .init(rule: $0.rule, system: $0.system, title: $0.title) },
                      removed: baseline.removed.map { .init(rule: $0.rule, system: $0.system, title: $0.title) })
            },
            manifest: report.manifest.map { .init(sha256: $0.sha256, files: $0.entries) },
            trend: report.trend.isEmpty ? nil : report.trend.map(Self.trendPoint))
    }

    /// Met / assessed by group, keyed by the group's id.
    static func groupCompliance(_ byGroup: [RequirementGroup: Compliance]) -> [String: JSONReport.GroupCompliance] {
        var compliance: [String: JSONReport.GroupCompliance] = [:]
        for (group, counts) in byGroup {
            compliance[group.rawValue] = .init(passed: counts.passed, assessed: counts.passed + counts.failed,
                                               percent: counts.percent)
        }
        return compliance
    }

    static func trendPoint(_ figures: RunFigures) -> JSONReport.TrendPoint {
        let compliance = groupCompliance(figures.byGroup)
        return .init(run: figures.run, asOf: figures.asOf.description, systems: figures.systems,
                     approved: figures.approved,
                     openBySeverity: Dictionary(uniqueKeysWithValues: figures.openBySeverity.map { ($0.rawValue, $1) }),
                     compliance: compliance)
    }

    private func systemInfo(_ result: SystemResult, _ lang: Language) -> JSONReport.SystemInfo {
        let system = result.system
        let compliance = result.compliance
        return .init(
            id: system.id, name: system.name, type: system.type.rawValue, operator: system.operatorUnit,
            location: system.location,
            requiredLevel: result.standing.required.level,
            requiredLevelUnderRegimeInForce: result.standing.requiredUnderInForce?.level,
            criteria: result.standing.required.matched.map(\.id),
            proposedLevel: system.proposedLevel, approvedLevel: system.approvedLevel,
            effectiveLevel: result.effectiveLevel,
            regime: result.standing.governing.id, requirementsRegime: result.standing.requirements.id,
            baseline: result.standing.requirements.baseline,
            transition: result.standing.transitionNote?[lang],
            transitionDeadline: result.standing.transitionDeadline?.description,
            approvalStatus: result.approvalStatus.rawValue,
            approval: system.approval.map {
                .init(decision: $0.decision, date: $0.date.description, regime: $0.regime,
                      approver: $0.approver.rawValue, appraiser: $0.appraiser?.rawValue, document: $0.document)
            },
            compliance: .init(passed: compliance.passed, failed: compliance.failed, manual: compliance.manual,
                              notApplicable: compliance.notApplicable, notAssessed: compliance.notAssessed,
                              percent: compliance.percent),
            certificates: result.artefacts.certificates.map(ArtefactText.certificateEntry),
            documents: result.artefacts.documents.map { ArtefactText.documentEntry($0, lang) },
            signedDocuments: result.artefacts.documents.isEmpty ? nil
                : .init(valid: result.artefacts.signedShare.valid, total: result.artefacts.signedShare.total),
            ladder: .init(nextLevel: result.ladder.nextLevel, nextLevelGaps: result.ladder.nextLevelGaps.map(\.rule),
                          transitionBaseline: result.ladder.transitionBaseline,
                          transitionDeadline: result.ladder.transitionDeadline?.description,
                          transitionGaps: result.ladder.transitionGaps.map(\.rule)))
    }

    /// A plan item; its title, action and citation are left out where they are the rule's words
    /// (`facts`), which the report's `rules` state.
    private func planEntry(_ item: PlanItem, _ lang: Language, _ facts: Finding.RuleFacts?) -> JSONReport.PlanEntry {
        let title = item.title[lang]
        let action = item.action[lang]
        let source = item.citation[lang]
        return .init(id: item.id, rule: item.rule, system: item.system, title: title == facts?.title[lang] ? nil : title,
                     action: action == facts?.remediation[lang] ? nil : action,
                     responsibleUnit: item.responsibleUnit, responsibleName: item.responsibleName,
                     priority: item.priority.rawValue, severity: item.severity.rawValue, effort: item.effort.rawValue,
                     due: item.due.description, dueReason: item.dueReason.rawValue, period: item.period?.title[lang],
                     periodDeadline: item.period?.deadline.description, status: item.status.rawValue,
                     overdue: item.overdue, change: item.change?.rawValue,
                     source: source == facts?.citation[lang] ? nil : source, basis: item.basis.rawValue,
                     location: item.location)
    }
}
