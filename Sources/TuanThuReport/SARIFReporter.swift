import Foundation
import TuanThuEngine

/// `Reports/<org-id>.sarif`: SARIF 2.1.0 for code-scanning dashboards. Results sit on the
/// inventory lines; waived findings carry an accepted external suppression.
public struct SARIFReporter: Reporter {
    public init() {}

    public func fileName(for report: OrganizationReport) -> String { "\(report.organization.id).sarif" }

    public func render(_ report: OrganizationReport) throws -> ReportBytes {
        let lang = report.language
        let reported = report.findings.filter { $0.isOpen || $0.status == .waived || $0.status == .manual }
        // Each rule described once, in order of first use; results point at it by index.
        var ruleIndex: [String: Int] = [:]
        var rules: [SARIF.ReportingDescriptor] = []
        for finding in reported where ruleIndex[finding.rule] == nil {
            guard let rule = report.catalog.rule(id: finding.rule) else { continue }
            ruleIndex[finding.rule] = rules.count
            rules.append(describe(rule, lang))
        }
        let results = reported.map { finding in
            SARIF.Result(
                ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule] ?? 0,
                kind: finding.status == .manual ? "review" : "fail",
                level: finding.status == .manual ? "none" : Self.level(finding.severity),
                message: .init(text: finding.title[lang] + ": " + finding.message[lang]),
                locations: [.init(physicalLocation: .init(
                    artifactLocation: .init(uri: report.repositoryPrefix + finding.location.file, uriBaseId: "%SRCROOT%"),
                    region: .init(startLine: finding.location.line, startColumn: finding.location.column)))],
                partialFingerprints: ["tuanthu/v1": finding.gapID],
                suppressions: finding.waiver.map { waiver in
                    [.init(kind: "external", status: "accepted",
                           justification: "\(waiver.justification) — \(waiver.approvedBy), \(waiver.expires)")]
                },
                properties: .init(system: finding.system, severity: finding.severity.rawValue,
                                  status: finding.status.rawValue, regime: finding.regime, basis: finding.basis.rawValue,
                                  source: finding.citation(lang), change: finding.change?.rawValue))
        }
        let log = SARIF.Log(
            schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0",
            runs: [.init(tool: .init(driver: .init(name: ToolInfo.name, version: ToolInfo.version,
                                                   semanticVersion: ToolInfo.version, rules: rules),
                                     extensions: Self.extensions(report.catalog.provenance)),
                         originalUriBaseIds: Self.baseIds(report.repositoryPrefix),
                         automationDetails: .init(id: "tuanthu/\(report.organization.id)/\(report.asOf)"),
                         results: results,
                         properties: .init(asOf: report.asOf.description, organization: report.organization.name))])
        return ReportBytes(try FastJSONEncoder().encodeBuffer(log, trailingNewline: true))
    }

    /// The rules and policies as tool components of their own (SARIF §3.19.3, `tool.extensions`).
    static func extensions(_ provenance: RulesProvenance) -> [SARIF.Extension] {
        var result = [SARIF.Extension(name: "tuanthu-rules", version: provenance.version,
                                      properties: .init(origin: provenance.originLabel, sha256: provenance.digest))]
        if let policies = provenance.policies {
            result.append(.init(name: "policies", version: nil,
                                properties: .init(origin: policies.display, sha256: policies.digest)))
        }
        return result
    }

    static func baseIds(_ prefix: String) -> SARIF.BaseIds {
        SARIF.BaseIds(
            sourceRoot: .init(uri: nil, uriBaseId: nil,
                              description: .init(text: "The root of the git repository holding the workspace; "
                                                     + "result paths are relative to it.")),
            workspace: .init(uri: prefix.isEmpty ? "./" : prefix, uriBaseId: "%SRCROOT%",
                             description: .init(text: "The tuanthu workspace (Inventories/, Policies/, Reports/).")))
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    private func describe(_ rule: Rule, _ lang: Language) -> SARIF.ReportingDescriptor {
        let source = rule.source.citationWithNote(lang)
        let help = rule.remediation[lang] + "\n\n" + source + " (\(rule.basis.rawValue))"
        return .init(id: rule.id, name: rule.id.replacingOccurrences(of: ".", with: "_"),
                     shortDescription: .init(text: rule.title[lang]),
                     fullDescription: .init(text: rule.description?[lang] ?? rule.title[lang]),
                     help: .init(text: help, markdown: "**\(rule.title[lang])**\n\n\(rule.remediation[lang])\n\n_\(source)_"),
                     defaultConfiguration: .init(level: Self.level(rule.severity)),
                     properties: .init(tags: [rule.group?.rawValue, rule.baseline, "security"].compactMap { $0 },
                                       severity: rule.severity.rawValue, basis: rule.basis.rawValue, source: source,
                                       levels: rule.levels))
    }
}

/// The subset of SARIF 2.1.0 tuanthu writes.
enum SARIF {
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: BaseIds
        var automationDetails: AutomationDetails
        var results: [Result]
        var properties: RunProperties
    }

    struct RunProperties: Encodable {
        var asOf: String
        var organization: String
    }

    struct AutomationDetails: Encodable { var id: String }
    struct Tool: Encodable {
        var driver: Driver
        var extensions: [Extension]
    }

    struct Extension: Encodable {
        var name: String
        var version: String?
        var properties: ExtensionProperties
    }

    struct ExtensionProperties: Encodable {
        var origin: String
        var sha256: String
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var rules: [ReportingDescriptor]
    }

    struct Text: Encodable { var text: String }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Help
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable { var level: String }

    struct RuleProperties: Encodable {
        var tags: [String]
        var severity: String
        var basis: String
        var source: String
        var levels: [Int]
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var kind: String
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
        var properties: ResultProperties
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    /// `%SRCROOT%`, the repository root every result's path starts from, and `WORKSPACE`, the
    /// workspace's folder in it (SARIF §3.14.14): no absolute path, so a report is the same on every
    /// machine.
    struct BaseIds: Encodable {
        var sourceRoot: Base
        var workspace: Base
        enum CodingKeys: String, CodingKey {
            case sourceRoot = "%SRCROOT%", workspace = "WORKSPACE"
        }
    }

    struct Base: Encodable {
        var uri: String?
        var uriBaseId: String?
        var description: Text
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }

    struct Suppression: Encodable {
        var kind: String
        var status: String
        var justification: String
    }

    struct ResultProperties: Encodable {
        var system: String
        var severity: String
        var status: String
        var regime: String
        var basis: String
        var source: String
        var change: String?
    }
}
