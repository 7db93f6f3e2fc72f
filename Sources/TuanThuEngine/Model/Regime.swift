/// A legal regime for security levels (Decree 85/2016, Decree 331/2026) as data from `Rules/regimes/`.
/// A legal regime (Decree 85, Decree 331): immutable once loaded, and shared by reference, since
/// every system's standing names up to three of them.
public final class Regime: Sendable {
    public let id: String
    public let title: Localized
    public let effective: Day
    /// The requirement baseline (`tcvn11930-2017`, `tcvn14423-2026`).
    public let baseline: String
    /// The baseline as the standard is cited (`BaselineName.of`), made once: reports name it for
    /// every system.
    public let baselineName: String
    public let source: LegalSource
    public let basis: Basis
    public let criteria: [LevelCriterion]
    public let competence: [CompetenceRow]
    /// Assessment cycles per level; empty when the regime fixes none that we could verify.
    public let assessmentCycles: [AssessmentCycle]
    /// Why there is no cycle, or anything else a reader must know about cycles.
    public let assessmentNote: Localized?
    /// What a level without a cycle gets: a manual check (the regime asks for periodic assessment
    /// without fixing its period) or nothing (the regime asks for none of the system).
    public let assessmentOtherwise: AssessmentOtherwise
    /// An appraising security unit may not also operate the system.
    public let independentAppraisal: IndependentAppraisal?
    public let transition: Transition?
    /// Where the regime sets out the four steps of determining a level (identify the system,
    /// classify its information, its type, then its level), for `explain`.
    public let determination: DeterminationSteps?
    /// Maximum working days for the appraisal and for the approval (Decree 331 Art. 23(3), 24(2)).
    public let timeLimits: [TimeLimit]
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
                assessmentOtherwise: AssessmentOtherwise = .notApplicable,
                independentAppraisal: IndependentAppraisal?,
                transition: Transition?,
                determination: DeterminationSteps? = nil,
                timeLimits: [TimeLimit] = [],
                file: String,
                location: SourceLocation) {
        self.id = id
        self.title = title
        self.effective = effective
        self.baseline = baseline
        baselineName = BaselineName.of(baseline)
        self.source = source
        self.basis = basis
        self.criteria = criteria
        self.competence = competence
        self.assessmentCycles = assessmentCycles
        self.assessmentNote = assessmentNote
        self.assessmentOtherwise = assessmentOtherwise
        self.independentAppraisal = independentAppraisal
        self.transition = transition
        self.determination = determination
        self.timeLimits = timeLimits
        self.file = file
        self.location = location
    }

    /// Who was competent for a level, for a system with these facts, on a date: the first row
    /// whose levels, condition and period all fit (specific rows stand before general ones).
    public func competence(forLevel level: Int, facts: Facts, on day: Day) -> CompetenceRow? {
        competence.first { $0.levels.contains(level) && $0.applies(to: facts, on: day) }
    }

    /// The assessment cycle for a level and a system with these facts.
    public func cycle(forLevel level: Int, facts: Facts) -> AssessmentCycle? {
        assessmentCycles.first { cycle in
            cycle.levels.contains(level) || (cycle.when.map { $0.evaluate(facts) } ?? false)
        }
    }
}

/// A procedural time limit in working days: from the complete dossier to the appraisal opinion
/// (`appraisal`), or from the complete approval dossier to the decision (`approval`).
public struct TimeLimit: Sendable {
    public enum Step: String, CaseIterable, Sendable { case appraisal, approval }
    public var step: Step
    public var levels: [Int]
    public var workingDays: Int
    public var source: LegalSource
    public var basis: Basis
}

/// The provisions behind each of the four official steps of determining a level.
public struct DeterminationSteps: Sendable {
    public var system: LegalSource
    public var information: LegalSource
    public var type: LegalSource
    public var level: LegalSource
}

public enum AssessmentOtherwise: String, CaseIterable, Sendable {
    case manual
    case notApplicable = "not-applicable"
}

/// The independence of an appraisal (Circular 12 Art. 6, Decree 331 Art. 18(4)): where the security
/// unit also operates the system, the dossier is appraised by one of `alternatives` instead.
public struct IndependentAppraisal: Sendable {
    public var text: Localized
    public var alternatives: [Appraiser]
    /// Approvals dated before this are not held to it (Circular 12 took effect on 01/10/2022).
    public var from: Day?
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
    /// Systems that meet the criterion (`pass`) and that just miss it (`fail`), run by `validate`.
    public var examples = RuleExamples(pass: [], fail: [])
}

/// Who may appraise and approve a level (Decree 85 Art. 12, Decree 331 Art. 18): for the systems
/// `when` describes (military, cipher…), and for decisions dated within `from`…`until`.
public struct CompetenceRow: Sendable {
    public var levels: [Int]
    public var when: Predicate?
    public var from: Day?
    public var until: Day?
    public var appraisers: [Appraiser]
    public var approvers: [Approver]
    public var note: Localized?
    public var source: LegalSource
    public var basis: Basis

    func applies(to facts: Facts, on day: Day) -> Bool {
        if let from, day < from { return false }
        if let until, day > until { return false }
        return when.map { $0.evaluate(facts) } ?? true
    }
}

/// How often a system of a level must be inspected and assessed (Decree 85 Art. 20(2)(c)), or each
/// year before a month (Law 116 Art. 11(1)(b): before October, for systems critical to national
/// security); `when` adds systems of any level (the critical ones).
public struct AssessmentCycle: Sendable {
    public var levels: [Int]
    public var when: Predicate?
    public var everyMonths: Int?
    /// Each calendar year, an assessment dated before the first day of this month.
    public var yearlyBeforeMonth: Int?
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

/// How a baseline id reads as the standard is cited: `tcvn14423-2026` → "TCVN 14423:2026".
public enum BaselineName {
    public static func of(_ id: String) -> String {
        let parts = id.split(separator: "-")
        guard parts.count == 2, parts[0].hasPrefix("tcvn"), parts[1].count == 4 else { return id }
        return "TCVN \(parts[0].dropFirst(4)):\(parts[1])"
    }
}
