/// ASSESSMENT.OVERDUE: the last periodic assessment is within the cycle for the system's level,
/// and was made by a licensed body where the regime requires one.
public struct AssessmentCycleCheck: CheckKind {
    public static let name = "assessment-cycle"
    public static let summary = "the last assessment is within the regime's cycle for the level (licensed where required)"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let regime = context.standing.requirements
        let level = context.standing.effectiveLevel(for: context.system)
        let at = context.system.location(of: "assessments")
        guard let cycle = regime.cycle(forLevel: level) else {
            if regime.assessmentCycles.isEmpty {
                let note = regime.assessmentNote ?? Localized(vi: "", en: "")
                return CheckOutcome(.manual,
                                    Localized(vi: "\(regime.title.vi) không có chu kỳ đánh giá đã xác minh. \(note.vi)",
                                              en: "\(regime.title.en) sets no assessment cycle we could verify. \(note.en)"),
                                    at: at, source: regime.source, basis: .unverified)
            }
            return CheckOutcome(.notApplicable,
                                Localized(vi: "Không có chu kỳ đánh giá riêng cho cấp độ \(level).",
                                          en: "No system assessment cycle for level \(level)."))
        }
        let period = Localized(vi: "\(cycle.everyMonths) tháng", en: "\(cycle.everyMonths) months")
        let expected = Localized(
            vi: "đánh giá trong vòng \(period.vi)" + (cycle.licensedAssessor ? " bởi tổ chức được cấp phép" : ""),
            en: "an assessment within \(period.en)" + (cycle.licensedAssessor ? " by a licensed body" : ""))
        let past = context.system.assessments.filter { $0.date <= context.asOf }
        let counted = cycle.licensedAssessor ? past.filter(\.licensed) : past
        guard let last = counted.max(by: { $0.date < $1.date }) else {
            let unlicensed = cycle.licensedAssessor && !past.isEmpty
            return CheckOutcome(.fail,
                                unlicensed
                                    ? Localized(vi: "Chưa có lần đánh giá nào do tổ chức được cấp phép thực hiện (bắt buộc "
                                                    + "từ cấp độ 3).",
                                                en: "No assessment by a licensed body is recorded (required from level 3).")
                                    : Localized(vi: "Chưa có lần kiểm tra, đánh giá nào được ghi nhận.",
                                                en: "No assessment is recorded."),
                                expected: expected, found: Localized(vi: "không có", en: "none"), at: at,
                                source: cycle.source, basis: cycle.basis)
        }
        let due = last.date.adding(months: cycle.everyMonths)
        let found = Localized(vi: "\(last.date.vietnamese) — \(last.by)", en: "\(last.date) — \(last.by)")
        if context.asOf <= due {
            return CheckOutcome(.pass,
                                Localized(vi: "Đánh giá gần nhất \(last.date.vietnamese); lần tới trước \(due.vietnamese).",
                                          en: "Last assessed \(last.date); next due by \(due)."),
                                expected: expected, found: found, at: last.location,
                                source: cycle.source, basis: cycle.basis)
        }
        return CheckOutcome(.fail,
                            Localized(vi: "Quá hạn kiểm tra, đánh giá: lần gần nhất \(last.date.vietnamese), hạn "
                                          + "\(due.vietnamese) (chu kỳ \(period.vi) cho cấp độ \(level)).",
                                      en: "Assessment overdue: last on \(last.date), due by \(due) "
                                          + "(every \(period.en) at level \(level))."),
                            expected: expected, found: found, at: last.location,
                            source: cycle.source, basis: cycle.basis)
    }
}
