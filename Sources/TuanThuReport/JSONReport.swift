import TuanThuEngine

/// The JSON report's shape (`Schemas/report.schema.json`); bump `schemaVersion` on any breaking change.
struct JSONReport: Encodable {
    static let schemaVersion = "2.0"

    struct Tool: Codable {
        var name: String
        var version: String
        /// The rules applied (schemaVersion 1.2).
        var rules: RulesInfo?
    }

    struct RulesInfo: Codable {
        /// `builtin`, or the folder given with `--rules`.
        var origin: String
        var version: String?
        var sha256: String
        var policies: PoliciesInfo?
    }

    struct PoliciesInfo: Codable {
        var path: String
        var sha256: String
    }

    struct OrganizationInfo: Codable {
        var id: String
        var name: String
        var inventory: String
    }

    struct RegimeInfo: Codable {
        var id: String
        var title: String
        var effective: String
        var baseline: String
        var inForce: Bool
    }

    struct Summary: Codable {
        var systems: Int
        var approval: [String: Int]
        var levels: [String: Int]
        var openBySeverity: [String: Int]
        var byStatus: [String: Int]
        var failOn: String
        var blocking: Int
        var planItems: Int
        var overdue: Int
    }

    struct WaiverOnFinding: Codable {
        var justification: String
        var approvedBy: String
        var expires: String
        var location: SourceLocation
    }

    struct WaiverEntry: Codable {
        var rule: String
        var system: String
        var justification: String
        var approvedBy: String
        var expires: String
        var approvedOn: String?
        var state: String
        var message: String
        var location: SourceLocation
    }

    struct PlanEntry: Codable {
        var id: String
        var rule: String
        var system: String
        /// Absent when it is the rule's title (schemaVersion 2).
        var title: String?
        /// Absent when it is the rule's remediation (schemaVersion 2).
        var action: String?
        var responsibleUnit: String
        var responsibleName: String
        var priority: String
        var severity: String
        var effort: String
        var due: String
        var dueReason: String
        var period: String?
        var periodDeadline: String?
        var status: String
        var overdue: Bool
        var change: String?
        /// The citation; absent when it is the rule's (schemaVersion 2).
        var source: String?
        var basis: String
        var location: SourceLocation
    }

    struct BaselineInfo: Codable {
        struct Gap: Codable {
            var rule: String
            var system: String
            var title: String
        }

        var files: [String]
        var new: Int
        var persisting: Int
        var fixed: [Gap]
        var dropped: [Gap]
        /// Gaps of systems that are in no inventory any more (schemaVersion 1.1).
        var removed: [Gap]
    }

    struct ApprovalInfo: Codable {
        var decision: String
        var date: String
        var regime: String
        var approver: String
        var appraiser: String?
        var document: String?
    }

    struct SystemInfo: Codable {
        var id: String
        var name: String
        var type: String
        var `operator`: String
        var location: SourceLocation
        var requiredLevel: Int
        var requiredLevelUnderRegimeInForce: Int?
        var criteria: [String]
        var proposedLevel: Int?
        var approvedLevel: Int?
        var effectiveLevel: Int
        var regime: String
        var requirementsRegime: String
        var baseline: String
        var transition: String?
        var transitionDeadline: String?
        var approvalStatus: String
        var approval: ApprovalInfo?
        var compliance: ComplianceInfo
        var certificates: [CertificateEntry]
        var documents: [DocumentEntry]
        var signedDocuments: SignedShare?
        var ladder: LadderInfo
    }

    struct LadderInfo: Codable {
        var nextLevel: Int?
        var nextLevelGaps: [String]
        var transitionBaseline: String?
        var transitionDeadline: String?
        var transitionGaps: [String]
    }

    struct SignedShare: Codable {
        var valid: Int
        var total: Int
    }

    struct CertificateEntry: Codable {
        var file: String
        var purpose: String
        var holder: String?
        var subject: String
        var organization: String?
        var issuer: String
        var serial: String
        var notBefore: String?
        var notAfter: String?
        var key: String
        var signatureAlgorithm: String
        var fingerprint: String
        var valid: Bool
        var failedChecks: [String]
    }

    struct SignatureEntry: Codable {
        var integrity: Bool
        var signer: String?
        var organization: String?
        var issuer: String?
        var signingTime: String?
        var validAtSigningTime: Bool?
        var certificateValidity: String?
        var coverage: String?
        var valid: Bool
    }

    struct DocumentEntry: Codable {
        var path: String
        var valid: Bool
        var problem: String?
        var signatures: [SignatureEntry]
    }

    struct ComplianceInfo: Codable {
        var passed: Int
        var failed: Int
        var manual: Int
        var notApplicable: Int
        var notAssessed: Int
        var percent: Int?
    }

    struct Source: Codable {
        var instrument: String
        var article: String?
        var clause: String?
        var point: String?
        var note: String?
        var citation: String
    }

    /// A finding (schemaVersion 2): its rule's words are in `rules`; see `FindingEntry` for what
    /// is left out and when.
    struct FindingInfo: Codable {
        var rule: String
        var system: String
        var status: String
        /// With `expected` and `found`: absent when they are the texts `rules[rule].outcomes[status]` states.
        var message: String?
        var expected: String?
        var found: String?
        var location: SourceLocation
        /// The check's own source, when more precise than the rule's: its citation, a key of
        /// `rules[rule].sources`…
        var citation: String?
        /// … or, when two sources of the rule share that citation, the source itself.
        var source: Source?
        /// The check's own basis, when not the rule's.
        var basis: String?
        /// The regime the rule was evaluated under, when not the system's.
        var regime: String?
        /// Present (true) when the finding is at or above `--fail-on`.
        var blocking: Bool?
        var waiver: WaiverOnFinding?
        var change: String?
    }

    /// What a rule with findings in the report says (schemaVersion 2): written once, in `rules`.
    struct RuleInfo: Codable {
        var title: String
        var group: String?
        var severity: String
        var remediation: String
        var responsible: String
        /// "organization" for a duty of the organisation (its findings' `system` is the organisation's id).
        var scope: String?
        var effort: String?
        var source: Source
        /// The sources its findings cite instead (a clause for the system's level…), by their citation.
        var sources: [String: Source]?
        var basis: String
        var waivable: Bool
        /// By status, the texts most of the rule's findings with that status state.
        var outcomes: [String: OutcomeInfo]
    }

    struct OutcomeInfo: Codable {
        var message: String
        var expected: String?
        var found: String?
    }

    var schemaVersion: String
    var tool: Tool
    var asOf: String
    var language: String
    var organization: OrganizationInfo
    var regimes: [RegimeInfo]
    var summary: Summary
    /// Each rule with a finding in the report, by id (schemaVersion 2).
    var rules: RuleTable
    var systems: DirectList<SystemInfo>
    var findings: DirectList<FindingEntry>
    var plan: DirectList<PlanEntry>
    var waivers: [WaiverEntry]
    var baseline: BaselineInfo?
    /// The files the audit read (schemaVersion 1.3): what `tuanthu verify-report` checks.
    var manifest: ManifestInfo?
    /// The organisation's last recorded runs, this audit last (schemaVersion 1.3; absent without history).
    var trend: [TrendPoint]?

    struct ManifestInfo: Codable {
        /// SHA-256 over every file's path and digest.
        var sha256: String
        var files: [InputManifest.Entry]
    }

    struct TrendPoint: Codable {
        /// The recorded run's number; absent for this audit.
        var run: Int64?
        var asOf: String
        var systems: Int
        var approved: Int
        var openBySeverity: [String: Int]
        /// Met / assessed requirements by group.
        var compliance: [String: GroupCompliance]
    }

    struct GroupCompliance: Codable {
        var passed: Int
        var assessed: Int
        var percent: Int?
    }
}
