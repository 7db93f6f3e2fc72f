import Foundation
import TuanThuEngine

/// The machine and human formats `audit --format` can write.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown, json, sarif, junit, csv

    /// The reporter for this format; a new case fails to compile until it has one.
    public var reporter: any Reporter {
        switch self {
        case .markdown: return MarkdownReporter()
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        case .junit: return JUnitReporter()
        case .csv: return CSVReporter()
        }
    }
}

/// Renders one organisation's audit into one file.
public protocol Reporter: Sendable {
    /// File name inside the output folder, e.g. `sldtbxh-tq.vi.md`.
    func fileName(for report: OrganizationReport) -> String
    /// The file's bytes.
    func render(_ report: OrganizationReport) throws -> [UInt8]
}

/// What every reporter needs: one organisation's results and how the audit was run.
public struct OrganizationReport: Sendable {
    public let result: OrganizationResult
    public let asOf: Day
    public let catalog: RuleCatalog
    public let language: Language
    /// `--fail-on`; nil for `none`.
    public let threshold: Severity?
    /// The waivers that concern this organisation (its systems, or no known system at all).
    public let waivers: [WaiverOutcome]
    public let baseline: BaselineComparison?

    public init(audit: AuditResult, organization: OrganizationResult, language: Language, threshold: Severity?) {
        let systems = Set(organization.systems.map(\.system.id))
        let findings = organization.findings
        self.result = organization
        self.findings = findings
        self.asOf = audit.asOf
        self.catalog = audit.catalog
        self.language = language
        self.threshold = threshold
        self.waivers = audit.waivers.filter { systems.contains($0.waiver.system) || $0.state == .unknownSystem }
        self.baseline = audit.baseline.map { comparison in
            var mine = comparison
            mine.fixed = comparison.fixed.filter { systems.contains($0.system) }
            mine.dropped = comparison.dropped.filter { systems.contains($0.system) }
            let open = findings.filter(\.isOpen)
            mine.new = open.filter { $0.change == .new }.count
            mine.persisting = open.filter { $0.change == .persisting }.count
            return mine
        }
    }

    public var organization: Organization { result.organization }

    /// Every finding of the organisation, gathered once (reporters read them several times).
    public let findings: [Finding]

    /// Open findings, in system and rule order.
    public var openFindings: [Finding] { findings.filter(\.isOpen) }

    public var blocking: [Finding] { findings.filter { $0.blocks(at: threshold) } }
}

public enum ToolInfo {
    public static let name = "tuanthu"
    public static let version = "0.1.0"
}
