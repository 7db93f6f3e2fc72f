/// Chooses the regimes that govern a system on the audit date (DOMAIN.md §0).
///
/// - An approval is judged under the regime it was made under; its level is kept after a switch.
/// - An unapproved system whose investment and construction were under way when a new regime
///   took effect (begun before it, in service on or after it) may still finish appraisal and
///   approval under the previous regime until the transition's deadline (Decree 331 Art. 39(1)).
///   A system already in service then, and not approved, has no such transition.
/// - Systems classified under the previous regime meet the previous baseline until the
///   transition's requirements deadline, the new one after it.
public struct RegimeSelector: Sendable {
    /// Known regimes, oldest first.
    public let regimes: [Regime]

    public init(regimes: [Regime]) {
        let sorted = regimes.sorted { $0.effective < $1.effective }
        self.regimes = sorted
        var notes: [String: TransitionNotes] = [:]
        for regime in sorted {
            guard let transition = regime.transition,
                  let previous = sorted.first(where: { $0.id == transition.previousRegime }) else { continue }
            notes[regime.id] = TransitionNotes(inForce: regime, previous: previous, transition: transition)
        }
        self.notes = notes
    }

    /// The notes on a transition, by the id of the regime in force: the same for every system.
    private let notes: [String: TransitionNotes]

    private struct TransitionNotes: Sendable {
        /// Not yet approved: approval under the previous regime before the deadline.
        let pendingApproval: Localized
        /// Then the new baseline before its deadline.
        let then: Localized
        /// An approved system keeps its level and meets the new baseline before its deadline.
        let keeps: Localized

        init(inForce: Regime, previous: Regime, transition: Transition) {
            pendingApproval = Localized(
                vi: "Hệ thống đang đầu tư, xây dựng trước \(inForce.effective.vietnamese) và chưa được phê duyệt cấp "
                    + "độ: hoàn thành thẩm định, phê duyệt theo \(previous.title.vi) trước "
                    + "\(transition.pendingApprovalDeadline.vietnamese).",
                en: "Under construction before \(inForce.effective) and not yet approved: finish appraisal and approval "
                    + "under \(previous.title.en) before \(transition.pendingApprovalDeadline).")
            then = Localized(
                vi: "Sau đó đáp ứng yêu cầu của \(BaselineName.of(inForce.baseline)) trước "
                    + "\(transition.requirementsDeadline.vietnamese).",
                en: "Then meet \(BaselineName.of(inForce.baseline)) before \(transition.requirementsDeadline).")
            keeps = Localized(
                vi: "Giữ cấp độ đã được phê duyệt; đáp ứng yêu cầu của \(BaselineName.of(inForce.baseline)) trước "
                    + "\(transition.requirementsDeadline.vietnamese).",
                en: "Keeps its approved level; must meet \(BaselineName.of(inForce.baseline)) before "
                    + "\(transition.requirementsDeadline).")
        }
    }

    public func regime(id: String) -> Regime? { regimes.first { $0.id == id } }

    /// Investment and construction begun before `day`, and the system not yet in service on it.
    static func underConstruction(_ system: InfoSystem, on day: Day) -> Bool {
        guard let started = system.constructionStarted else { return false }
        return started < day && system.inService >= day
    }

    /// The regime in force on a date, if any had taken effect.
    public func inForce(on day: Day) -> Regime? { regimes.last { $0.effective <= day } }

    public func standing(of system: InfoSystem, facts: Facts, asOf: Day, inForce: Regime) -> SystemStanding {
        var governing = inForce
        var requirements = inForce
        var note: Localized?
        var approvalDeadline: Day?
        var requirementsDeadline: Day?
        let transition = inForce.transition
        let previous = transition.flatMap { regime(id: $0.previousRegime) }
        if let approval = system.approval, let approvedUnder = regime(id: approval.regime) {
            governing = approvedUnder
        } else if let transition, let previous, Self.underConstruction(system, on: inForce.effective),
                  asOf < transition.pendingApprovalDeadline {
            governing = previous
            approvalDeadline = transition.pendingApprovalDeadline
            note = notes[inForce.id]?.pendingApproval
        }
        if let transition, let previous, governing.id == previous.id, asOf < transition.requirementsDeadline {
            requirements = previous
            requirementsDeadline = transition.requirementsDeadline
            if let notes = notes[inForce.id] {
                note = note.map { Localized(vi: $0.vi + " " + notes.then.vi, en: $0.en + " " + notes.then.en) }
                    ?? notes.keeps
            }
        }
        let required = LevelDetermination.determine(facts, under: governing)
        let underInForce = governing.id == inForce.id ? nil : LevelDetermination.determine(facts, under: inForce)
        var standing = SystemStanding(inForce: inForce, governing: governing, requirements: requirements,
                                      required: required, requiredUnderInForce: underInForce,
                                      transitionNote: note, approvalDeadline: approvalDeadline,
                                      requirementsDeadline: requirementsDeadline)
        standing.dutiesSince = regimes.first?.effective ?? inForce.effective
        return standing
    }
}
