import Foundation
import TuanThuEngine
import TuanThuPKI

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
    /// File name inside the output folder, e.g. `snv-tq.vi.md`.
    func fileName(for report: OrganizationReport) -> String
    /// The file's bytes, as the reporter wrote them (written out without a copy).
    func render(_ report: OrganizationReport) throws -> ReportBytes
    /// Files written beside the main one (a chart, a summary page), by name.
    func companions(_ report: OrganizationReport) throws -> [(name: String, bytes: ReportBytes)]
}

extension Reporter {
    public func companions(_ report: OrganizationReport) throws -> [(name: String, bytes: ReportBytes)] { [] }
}

/// A rendered report file. The large formats hand over the buffer they wrote into: copying the
/// hundreds of megabytes of a large audit into arrays first cost as much as writing them.
public struct ReportBytes: @unchecked Sendable {
    private enum Storage {
        case buffer(ByteBuffer)
        case array([UInt8])
    }

    private let storage: Storage

    init(_ buffer: ByteBuffer) {
        storage = .buffer(buffer)
    }

    public init(_ array: [UInt8]) {
        storage = .array(array)
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .buffer(let buffer): return try buffer.withUnsafeBytes(body)
        case .array(let array): return try array.withUnsafeBytes(body)
        }
    }

    /// The same text with control characters (NUL, ESC, DEL, C1) written as visible `\u001B`
    /// escapes: a file name or a field of a signed document may hold one, and a report read in a
    /// terminal or by another tool must not pass it on. Itself when there is none (one scan).
    func escapingControlCharacters() -> ReportBytes {
        let found = withUnsafeBytes { ControlCharacters.contains($0.bindMemory(to: UInt8.self)) }
        guard found else { return self }
        return ReportBytes(ControlCharacters.escaped(withUnsafeBytes { Array($0) }))
    }
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
    /// The workspace's folder in its git repository (`Workspace.repositoryPrefix`): SARIF paths are
    /// written from the repository root.
    public var repositoryPrefix = ""
    /// The files the audit read, with their digests (the JSON report's `manifest`).
    public var manifest: InputManifest?
    /// The organisation's last recorded runs, oldest first, ending with this audit (empty without history).
    public var trend: [RunFigures] = []

    /// `audit` holds one organisation, as `AuditSession.auditEach` gives them: its baseline
    /// comparison is already that organisation's own.
    public init(audit: AuditResult, language: Language, threshold: Severity?) {
        precondition(audit.organizations.count == 1, "a report is one organisation's audit")
        let organization = audit.organizations[0]
        let systems = Set(organization.subjects)
        self.result = organization
        self.findings = organization.findings
        self.asOf = audit.asOf
        self.catalog = audit.catalog
        self.language = language
        self.threshold = threshold
        self.waivers = audit.waivers.filter { systems.contains($0.waiver.system) || $0.state == .unknownSystem }
        self.baseline = audit.baseline
        var counts = Counts()
        var byStatus = CaseTally<CheckStatus, Int>()
        var openBySeverity = CaseTally<Severity, Int>()
        var byGroup = CaseTally<RequirementGroup, Compliance>()
        for index in findings.indices {
            byStatus[findings[index].status, default: 0] += 1
            if findings[index].isOpen { openBySeverity[findings[index].severity, default: 0] += 1 }
            if findings[index].blocks(at: threshold) { counts.blocking += 1 }
            if let group = findings[index].group { byGroup[group, default: Compliance()].count(findings[index]) }
        }
        counts.byStatus = byStatus.dictionary
        counts.openBySeverity = openBySeverity.dictionary
        counts.byGroup = byGroup.dictionary
        self.counts = counts
    }

    public var organization: Organization { result.organization }

    /// Every finding of the organisation, gathered once (reporters read them several times).
    public let findings: [Finding]

    /// The findings counted once for every reporter.
    public struct Counts: Sendable {
        public var byStatus: [CheckStatus: Int] = [:]
        public var openBySeverity: [Severity: Int] = [:]
        /// At or above `--fail-on`.
        public var blocking = 0
        /// Compliance by requirement group (the leadership chart).
        public var byGroup: [RequirementGroup: Compliance] = [:]

        public var open: Int { openBySeverity.values.reduce(0, +) }
    }

    public let counts: Counts
}

public enum ToolInfo {
    public static let name = "tuanthu"
    public static let version = "0.1.0"
    /// The git repository CI jobs made by `init` build tuanthu from (`--tool-source` names another:
    /// an organisation's own mirror).
    public static let repository = "https://github.com/tuanthu/tuanthu.git"
}
