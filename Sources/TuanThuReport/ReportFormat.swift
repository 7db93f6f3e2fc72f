import TuanThuEngine

/// The machine and human formats `audit --format` can write.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown
    case json

    /// The reporter for this format; a new case fails to compile until it has one.
    public var reporter: any Reporter {
        switch self {
        case .markdown: return MarkdownReporter()
        case .json: return JSONReporter()
        }
    }
}

/// Renders one organisation's audit into one file.
public protocol Reporter: Sendable {
    /// File name inside the output folder, e.g. `sldtbxh-tq.vi.md`.
    func fileName(for report: OrganizationReport) -> String
    func render(_ report: OrganizationReport) throws -> String
}

/// What every reporter needs: one organisation's results and how the audit was run.
public struct OrganizationReport: Sendable {
    public let result: OrganizationResult
    public let asOf: Day
    public let catalog: RuleCatalog
    public let language: Language
    /// `--fail-on`; nil for `none`.
    public let threshold: Severity?

    public init(result: OrganizationResult, asOf: Day, catalog: RuleCatalog, language: Language, threshold: Severity?) {
        self.result = result
        self.asOf = asOf
        self.catalog = catalog
        self.language = language
        self.threshold = threshold
    }

    public var organization: Organization { result.organization }

    /// Open findings, most severe first, then by system and rule order.
    public var openFindings: [Finding] {
        result.findings.filter(\.isOpen)
    }

    public var blocking: [Finding] { result.findings.filter { $0.blocks(at: threshold) } }
}

public enum ToolInfo {
    public static let name = "tuanthu"
    public static let version = "0.1.0"
}
