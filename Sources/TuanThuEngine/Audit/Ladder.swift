/// Where a system stands beyond its own level: the requirements it would still miss one level up,
/// and, for a system still on the previous baseline, those of the new baseline it must meet by the
/// transition deadline. Informational: these gaps do not fail the audit.
public struct Ladder: Sendable {
    public struct Gap: Sendable, Hashable {
        public var rule: String
        public var title: Localized
        public var group: RequirementGroup?
    }

    /// The next level up (nil at level 5), and the gaps of its additional requirements.
    public var nextLevel: Int?
    public var nextLevelGaps: [Gap]
    /// The baseline the system must move to, its deadline, and the gaps against it at its level.
    public var transitionBaseline: String?
    public var transitionDeadline: Day?
    public var transitionGaps: [Gap]
}

extension Auditor {
    /// The ladder of one system, from the context the audit built for it.
    func ladder(_ context: CheckContext, _ declared: DeclaredControls, level: Int) -> Ladder {
        let standing = context.standing
        func gaps(baseline: String, at level: Int, only extra: Bool) -> [Ladder.Gap] {
            let selection = RuleSelection(baseline: baseline, level: level, kind: extra ? .ladderNew : .ladder)
            return entries(in: selection).compactMap { index in
                let entry = entries[index]
                if let when = entry.rule.when, !when.evaluate(context.facts) { return nil }
                let status = entry.control.map { $0.check.status(of: declared[$0.slot]) }
                    ?? entry.rule.check.status(context)
                // Not yet shown to be met: failing, or not assessed.
                guard status == .fail || status == .error || status == .notAssessed else { return nil }
                return Ladder.Gap(rule: entry.rule.id, title: entry.rule.title, group: entry.rule.group)
            }
        }
        let next = level < 5 ? level + 1 : nil
        let nextGaps = next.map { gaps(baseline: standing.requirements.baseline, at: $0, only: true) } ?? []
        if let deadline = standing.requirementsDeadline, standing.inForce.baseline != standing.requirements.baseline {
            return Ladder(nextLevel: next, nextLevelGaps: nextGaps, transitionBaseline: standing.inForce.baseline,
                          transitionDeadline: deadline,
                          transitionGaps: gaps(baseline: standing.inForce.baseline, at: level, only: false))
        }
        return Ladder(nextLevel: next, nextLevelGaps: nextGaps, transitionBaseline: nil, transitionDeadline: nil,
                      transitionGaps: [])
    }
}
