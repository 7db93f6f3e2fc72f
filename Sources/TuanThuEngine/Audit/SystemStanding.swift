/// What the audit derives about a system before any rule runs: which regime governs it,
/// the level its classification requires, and the level it must be protected at.
public struct SystemStanding: Sendable {
    /// The regime in force on the audit date.
    public let inForce: Regime
    /// The regime the level and its approval are judged under: the approval's own regime, or
    /// the previous regime while a transition lets an unapproved system finish under it.
    public let governing: Regime
    /// The regime whose baseline and assessment cycle the system must meet on the audit date.
    public let requirements: Regime
    /// The level the classification requires under `governing`.
    public let required: LevelDetermination
    /// The level it would require under the regime in force, when that is another regime.
    public let requiredUnderInForce: LevelDetermination?
    /// Why `governing` or `requirements` is not the regime in force, and until when.
    public let transitionNote: Localized?
    /// The deadline a transition sets to finish appraisal and approval under the previous regime.
    public let approvalDeadline: Day?
    /// The deadline a transition sets to meet the regime in force's baseline.
    public let requirementsDeadline: Day?
    /// The day the oldest regime the rules know took effect: no duty of theirs fell due before it.
    public var dutiesSince: Day = Day(ordinal: 0)

    /// The earliest deadline a transition sets for the system, if any.
    public var transitionDeadline: Day? {
        [approvalDeadline, requirementsDeadline].compactMap { $0 }.min()
    }

    /// The level the system must be protected at: the highest of required, proposed and approved.
    public func effectiveLevel(for system: InfoSystem) -> Int {
        max(required.level, system.proposedLevel ?? 0, system.approvedLevel ?? 0)
    }
}

/// The level a classification requires, with the criteria that decided it.
public struct LevelDetermination: Sendable {
    public let regime: String
    public let level: Int
    /// Every criterion the system meets, highest level first.
    public let matched: [LevelCriterion]

    /// The criteria that set the level (those at the highest level met).
    public var deciding: [LevelCriterion] { matched.filter { $0.level == level } }

    /// A system meeting any criterion of a level is at least at that level; with none met it is at level 1.
    public static func determine(_ facts: Facts, under regime: Regime) -> LevelDetermination {
        // By index: `filter` and `sorted` copied every criterion they passed (a score of references).
        let criteria = regime.criteria
        var positions = criteria.indices.filter { criteria[$0].when.evaluate(facts) }
        positions.sort { (criteria[$0].level, criteria[$1].id) > (criteria[$1].level, criteria[$0].id) }
        let matched = positions.map { criteria[$0] }
        return LevelDetermination(regime: regime.id, level: matched.first?.level ?? 1, matched: matched)
    }
}
