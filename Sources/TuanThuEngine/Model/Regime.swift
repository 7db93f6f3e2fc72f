/// A legal regime for security levels (Decree 85/2016, Decree 331/2026) as data from `Rules/regimes/`.
/// A legal regime (Decree 85, Decree 331): immutable once loaded, and shared by reference, since
/// every system's standing names up to three of them.
public final class Regime: Sendable {
    public let id: String
    public let title: Localized
    public let effective: Day
    /// The requirement baseline (`tcvn11930-2017`, `tcvn14423-2026`).
    public let baseline: String
    public let source: LegalSource
    public let basis: Basis
    public let criteria: [LevelCriterion]
    public let competence: [CompetenceRow]
    /// Assessment cycles per level; empty when the regime fixes none that we could verify.
    public let assessmentCycles: [AssessmentCycle]
    /// Why there is no cycle, or anything else a reader must know about cycles.
    public let assessmentNote: Localized?
    /// An appraising security unit may not also operate the system.
    public let independentAppraisal: Provision?
    public let transition: Transition?
    public let file: String
    public let location: SourceLocation

    public init(id: String,
                title: Localized,
                effective: Day,
                baseline: String,
                source: LegalSource,
                basis: Basis,
                criteria: [LevelCriterion],
                competence: [CompetenceRow],
                assessmentCycles: [AssessmentCycle],
                assessmentNote: Localized?,
                independentAppraisal: Provision?,
                transition: Transition?,
                file: String,
                location: SourceLocation) {
        self.id = id
        self.title = title
        self.effective = effective
        self.baseline = baseline
        self.source = source
        self.basis = basis
        self.criteria = criteria
        self.competence = competence
        self.assessmentCycles = assessmentCycles
        self.assessmentNote = assessmentNote
        self.independentAppraisal = independentAppraisal
        self.transition = transition
        self.file = file
        self.location = location
    }

    public func competence(forLevel level: Int) -> CompetenceRow? {
        competence.first { $0.levels.contains(level) }
    }

    public func cycle(forLevel level: Int) -> AssessmentCycle? {
        assessmentCycles.first { $0.levels.contains(level) }
    }
}

/// A provision with nothing more to it than its text and source.
public struct Provision: Sendable {
    public var text: Localized
    public var source: LegalSource
    public var basis: Basis
}

/// One criterion of a level (Decree 85 Art. 7–11): a system meeting it is at least at `level`.
public struct LevelCriterion: Sendable {
    public var id: String
    public var level: Int
    public var title: Localized
    public var when: Predicate
    public var source: LegalSource
    public var basis: Basis
    public var location: SourceLocation
}

/// Who may appraise and approve a level (Decree 85 Art. 12).
public struct CompetenceRow: Sendable {
    public var levels: [Int]
    public var appraisers: [Appraiser]
    public var approvers: [Approver]
    public var note: Localized?
    public var source: LegalSource
    public var basis: Basis
}

/// How often a system of a level must be inspected and assessed (Decree 85 Art. 20).
public struct AssessmentCycle: Sendable {
    public var levels: [Int]
    public var everyMonths: Int
    public var licensedAssessor: Bool
    public var source: LegalSource
    public var basis: Basis
}

/// How systems of the previous regime pass into this one.
public struct Transition: Sendable {
    public var previousRegime: String
    /// Systems in service (or under construction) before `effective` and not yet approved
    /// finish appraisal and approval under the previous regime by this date.
    public var pendingApprovalDeadline: Day
    /// Systems already classified keep their level and must meet this regime's baseline by this date.
    public var requirementsDeadline: Day
    public var text: Localized
    public var source: LegalSource
    public var basis: Basis
}
